/**
 * npm run decode -- --protocol <p1|han|tic|sml> [--key HEX] [--auth-key HEX] FILE
 *
 * Decodes a meter capture for installers: one JSON object per frame on
 * stdout, {"valid": true, "readings": {...}} or {"valid": false, "error": "..."},
 * readings named like our capabilities (powerImportW, energyImportWh,
 * l1.currentA, tariff, meterId, ...). FILE may be "-" for stdin. HAN and SML
 * captures may be raw bytes or hex text (whitespace ignored); a HAN capture
 * that holds bare information fields (E6E700... or 0F..., as amshan logs
 * them) is read one field per line. Exit code 0 when at least one frame was
 * valid, 1 when none was, 2 on a usage error.
 */
import { runDecode } from './decode-cli.js';

process.exitCode = runDecode(process.argv.slice(2));
