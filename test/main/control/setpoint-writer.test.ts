import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/common/log.js';
import { SetpointWriter } from '../../../main/control/setpoint-writer.js';

describe('SetpointWriter', () => {
  it('keeps one write in flight and writes only the newest value next', async () => {
    const writes: number[] = [];
    let release: () => void = () => undefined;
    const w = new SetpointWriter<number>('t', (v) => {
      writes.push(v);
      return new Promise((r) => (release = r));
    }, silentLogger);
    w.set(1);
    w.set(2);
    w.set(3);
    release();
    await new Promise((r) => setTimeout(r, 10));
    release();
    await w.idle();
    expect(writes).toEqual([1, 3]);
    expect(w.current()).toBe(3);
  });

  it('skips unchanged values and retries after a failed write', async () => {
    let fail = true;
    const writes: number[] = [];
    const w = new SetpointWriter<number>('t', (v) => {
      writes.push(v);
      return fail ? Promise.reject(new Error('timeout')) : Promise.resolve();
    }, silentLogger);
    w.set(5);
    await w.idle();
    expect(w.error()).toBe('timeout');
    fail = false;
    w.set(5); // same value, but the last write failed: written again
    await w.idle();
    w.set(5);
    await w.idle();
    expect(writes).toEqual([5, 5]);
    expect(w.error()).toBeNull();
  });
});
