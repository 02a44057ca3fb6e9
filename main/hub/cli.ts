/**
 * Headless entry: `node dist/main/hub/cli.js [options]`. Starts the hub,
 * prints the UI's URL, and stops cleanly (devices handed back) on SIGINT/SIGTERM.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeError } from '../common/errors.js';
import { parseCliArgs, usage } from './cli-args.js';
import { loadConfigFile, simulatedHomeConfig } from './config.js';
import type { HubConfig } from './config.js';
import { createConsoleLogger, parseLogLevel } from './console-logger.js';
import { startHub } from './hub.js';

/** dist/main/hub/cli.js -> dist/renderer */
const uiRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'renderer');

export async function main(argv: readonly string[]): Promise<number> {
  const log = createConsoleLogger(parseLogLevel(process.env.SCALE_HUB_LOG));
  let args;
  try {
    args = parseCliArgs(argv);
  } catch (err) {
    process.stderr.write(`${describeError(err)}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const dataDir = args.dataDir ?? process.env.SCALE_HUB_DATA ?? join(homedir(), '.scale-hub');
  // Without --config: the config the commissioning wizard saved in the data folder, else the simulated home.
  const commissioned = join(dataDir, 'hub.json');
  const configFile = args.configFile ?? (existsSync(commissioned) ? commissioned : undefined);
  let config: HubConfig;
  try {
    config = configFile !== undefined ? loadConfigFile(configFile) : simulatedHomeConfig();
  } catch (err) {
    process.stderr.write(`${describeError(err)}\n`);
    return 2;
  }
  if (args.simStartIso !== undefined) config = { ...config, simulation: { ...config.simulation, startIso: args.simStartIso } };
  if (args.host !== undefined) config = { ...config, api: { ...config.api, host: args.host } };

  const hub = await startHub({
    config,
    dataDir,
    uiRoot,
    ...(configFile !== undefined ? { configFile } : {}),
    log,
    speed: args.speed,
    ...(args.port !== undefined ? { port: args.port } : {}),
  });
  process.stdout.write(`SCALE Hub UI: ${hub.url}\n`);

  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      log.info(`${signal}: stopping, handing devices back`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await hub.stop();
  return 0;
}

const isEntry = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`SCALE Hub failed to start: ${describeError(err)}\n`);
      process.exit(1);
    },
  );
}
