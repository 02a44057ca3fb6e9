/** Command-line options of the hub. Wrong values are refused with a message naming the option. */
import { HubError } from '../common/errors.js';

export interface CliArgs {
  readonly headless: boolean;
  readonly port: number | undefined;
  readonly host: string | undefined;
  readonly speed: number;
  readonly dataDir: string | undefined;
  readonly configFile: string | undefined;
  readonly simStartIso: string | undefined;
  readonly help: boolean;
}

export const usage = `Usage: scale-hub [options]
  --headless          no kiosk window; print the UI's URL (always so without Electron)
  --port N            HTTP port of the UI and API (default 8080; 0 = any free port)
  --host ADDR         address to bind (default 127.0.0.1; 0.0.0.0 for LAN tablets)
  --speed K           simulated time runs K times faster (simulated home only)
  --config FILE       hub config (JSON); without it the hub runs the simulated home
  --data-dir DIR      where the database lives (default ~/.scale-hub)
  --sim-start ISO     start the simulated clock at this time, e.g. 2026-06-21T12:00:00+02:00
  --help              this text`;

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let headless = false;
  let help = false;
  let port: number | undefined;
  let host: string | undefined;
  let speed = 1;
  let dataDir: string | undefined;
  let configFile: string | undefined;
  let simStartIso: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new HubError('bad_request', `${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--headless':
        headless = true;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      case '--port': {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 65535) throw new HubError('bad_request', `--port: expected an integer 0-65535, got "${v}"`);
        port = n;
        break;
      }
      case '--host':
        host = value();
        break;
      case '--speed': {
        const v = value();
        const n = Number(v);
        if (!Number.isFinite(n) || n <= 0 || n > 1000) throw new HubError('bad_request', `--speed: expected a number above 0 and at most 1000, got "${v}"`);
        speed = n;
        break;
      }
      case '--data-dir':
        dataDir = value();
        break;
      case '--config':
        configFile = value();
        break;
      case '--sim-start': {
        const v = value();
        if (Number.isNaN(Date.parse(v))) throw new HubError('bad_request', `--sim-start: expected an ISO 8601 time such as 2026-06-21T12:00:00+02:00, got "${v}"`);
        simStartIso = v;
        break;
      }
      default:
        throw new HubError('bad_request', `unknown option "${arg}"\n${usage}`);
    }
  }
  return { headless, port, host, speed, dataDir, configFile, simStartIso, help };
}
