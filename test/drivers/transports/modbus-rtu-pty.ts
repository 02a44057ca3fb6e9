/**
 * A pair of connected pseudo-terminals made by socat, the two ends of a
 * virtual RS-485 cable: the simulator opens one, the hub the other, and
 * every byte goes through a real tty (termios, baud settings, buffering).
 * Without socat the tests fail and say what to install.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  /** Stable symlinks to the two ends. */
  readonly a: string;
  readonly b: string;
  close(): Promise<void>;
}

export function requireSocat(): void {
  const probe = spawnSync('socat', ['-V'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) {
    throw new Error('socat is not installed: the Modbus RTU tests need it for a pseudo-terminal pair (Debian/Ubuntu: sudo apt-get install socat; .ci/run installs it)');
  }
}

export async function openPtyPair(): Promise<PtyPair> {
  requireSocat();
  const dir = mkdtempSync(join(tmpdir(), 'rtu-'));
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  const child: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const start = performance.now();
  // socat logs "starting data transfer loop" once both ends exist.
  while (!(stderr.includes('starting data transfer loop') && existsSync(a) && existsSync(b))) {
    if (child.exitCode !== null) throw new Error(`socat exited (${child.exitCode}): ${stderr}`);
    if (performance.now() - start > 10_000) {
      child.kill();
      throw new Error(`socat did not set up the pty pair within 10 s: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return {
    a,
    b,
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
