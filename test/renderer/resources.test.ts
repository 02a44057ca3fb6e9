import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HubRequestError } from '../../renderer/api/errors.js';
import { PolledResource } from '../../renderer/api/resources.js';

describe('polled resource', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('polls only while subscribed and keeps the last value through errors', async () => {
    let n = 0;
    let fail = false;
    const r = new PolledResource(() => (fail ? Promise.reject(new HubRequestError('network', 'down', 0)) : Promise.resolve(++n)), 1000);
    expect(r.getState().status).toBe('loading');
    const off = r.subscribe(() => undefined);
    await vi.advanceTimersByTimeAsync(0);
    expect(r.getState()).toMatchObject({ data: 1, status: 'ok' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(r.getState().data).toBe(2);
    fail = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(r.getState()).toMatchObject({ data: 2, status: 'error', message: 'down' });
    off();
    fail = false;
    await vi.advanceTimersByTimeAsync(5000);
    expect(n).toBe(2);
  });

  it('reports a missing route or a null answer as unavailable', async () => {
    const missing = new PolledResource(() => Promise.reject(new HubRequestError('not_found', 'no API route GET /api/plan', 404)), 1000);
    const off = missing.subscribe(() => undefined);
    await vi.advanceTimersByTimeAsync(0);
    expect(missing.getState()).toMatchObject({ data: null, status: 'unavailable' });
    off();
    const none = new PolledResource(() => Promise.resolve(null), 1000);
    const off2 = none.subscribe(() => undefined);
    await vi.advanceTimersByTimeAsync(0);
    expect(none.getState().status).toBe('unavailable');
    off2();
  });

  it('keeps polling when a screen subscribes again while a request is out', async () => {
    let n = 0;
    const r = new PolledResource(() => new Promise<number>((resolve) => setTimeout(() => resolve(++n), 100)), 1000);
    const off = r.subscribe(() => undefined);
    off();
    const off2 = r.subscribe(() => undefined);
    await vi.advanceTimersByTimeAsync(100);
    expect(r.getState().data).toBe(1);
    await vi.advanceTimersByTimeAsync(1100);
    expect(r.getState().data).toBe(2);
    off2();
  });
});
