/**
 * A pseudo-terminal pair from socat: the test writes to one end, the driver
 * reads the other through serialport, so the serial path is exercised for
 * real. socat is a test dependency (.ci/run installs it); without it the test
 * fails and says so instead of skipping.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

export interface PtyPair {
  /** The end the driver opens. */
  readonly driverPath: string;
  /** The end the test writes meter bytes to. */
  readonly meterPath: string;
  close(): Promise<void>;
}

export async function openPtyPair(): Promise<PtyPair> {
  if (spawnSync('socat', ['-V']).error !== undefined) {
    throw new Error('socat not found: install socat (Debian: apt-get install socat) to run the serial transport tests');
  }
  const child: ChildProcess = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const paths = await new Promise<string[]>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`socat did not report its ptys: ${text}`)), 5000);
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const found = [...text.matchAll(/PTY is (\S+)/g)].map((m) => m[1] ?? '');
      if (found.length === 2) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`socat exited with ${code}: ${text}`));
    });
  });
  return {
    driverPath: paths[0] ?? '',
    meterPath: paths[1] ?? '',
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
