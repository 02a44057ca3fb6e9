/** Shared plumbing for the P1 socket tests. */
import { silentLogger } from '../../../main/common/log.js';
import type { Clock } from '../../../main/common/clock.js';
import { P1TcpMeter } from '../../../drivers/p1/p1-tcp.js';

/** A meter driver with short real-time back-off, so reconnect tests take milliseconds. */
export function meter(clock: Clock, port: number, staleAfterMs?: number): P1TcpMeter {
  return new P1TcpMeter({
    id: 'meter',
    role: 'grid',
    config: { host: '127.0.0.1', port, staleAfterMs },
    clock,
    log: silentLogger,
    connection: { backoffMinMs: 20, backoffMaxMs: 100 },
  });
}

/** Polls until cond() holds (real time), failing with `what` after timeoutMs. */
export async function waitFor(cond: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Resolves on the meter's next valid reading. */
export function nextReading(m: P1TcpMeter, timeoutMs = 3000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('timed out waiting for a reading'));
    }, timeoutMs);
    const off = m.onReading(() => {
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

/** One protocol counter of the meter (0 when absent). */
export function count(m: P1TcpMeter, name: 'telegrams' | 'crcErrors' | 'parseErrors' | 'reconnects'): number {
  return m.health().counters[name] ?? 0;
}
