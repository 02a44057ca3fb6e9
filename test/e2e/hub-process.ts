/**
 * Starts the real hub (dist/main/hub/cli.js, headless, on the simulated home)
 * as a child process with its own port and data folder, and stops it again.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const cliPath = path.join(repoRoot, 'dist/main/hub/cli.js');
const readyLine = /SCALE Hub UI: (http:\/\/\S+)/;

export interface HubOptions {
  readonly speed: number;
  /** ISO 8601 site time to start the simulation at. */
  readonly simStart: string;
  readonly startTimeoutMs?: number;
  /** A hub config (written to a file in the data folder and passed with --config); default: the built-in simulated home. */
  readonly config?: object;
  /** Runs on the fresh data folder before the hub starts (e.g. to seed its database). */
  readonly prepare?: (dataDir: string) => Promise<void> | void;
}

export interface RunningHub {
  /** Base URL with a trailing slash, as the hub printed it. */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Everything the hub printed so far (for failure messages). */
  output(): string;
  /** Stops the hub (SIGTERM, SIGKILL after 5 s) and removes its data folder. Safe to call twice. */
  stop(): Promise<void>;
  /** Kills the hub without cleaning up, as a crash or a pulled plug would. */
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'scale-hub-e2e-'));
  await options.prepare?.(dataDir);
  const args = [cliPath, '--headless', '--port', String(port), '--speed', String(options.speed), '--data-dir', dataDir, '--sim-start', options.simStart];
  if (options.config !== undefined) {
    const configFile = path.join(dataDir, 'config.json');
    await writeFile(configFile, JSON.stringify(options.config));
    args.push('--config', configFile);
  }
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (output += chunk));

  let stopped = false;
  const terminate = async (signal: 'SIGTERM' | 'SIGKILL', cleanUp: boolean): Promise<void> => {
    if (!stopped) {
      stopped = true;
      child.kill(signal);
      if (!(await waitForExit(child, 5_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    if (cleanUp) await rm(dataDir, { recursive: true, force: true });
  };

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not print its URL within ${options.startTimeoutMs ?? 30_000} ms:\n${output}`)), options.startTimeoutMs ?? 30_000);
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      const match = readyLine.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1].endsWith('/') ? match[1] : `${match[1]}/`);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`hub exited (${code ?? signal}) before it was ready:\n${output}`));
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  }).catch(async (err: unknown) => {
    await terminate('SIGTERM', true);
    throw err;
  });

  return {
    url,
    port,
    dataDir,
    output: () => output,
    stop: () => terminate('SIGTERM', true),
    kill: () => terminate('SIGKILL', false),
  };
}
