import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelayMs, backoffMaxMs } from '../../renderer/api/backoff.js';
import { LiveConnection, parseServerMessage, streamUrl } from '../../renderer/api/live.js';
import type { SocketLike } from '../../renderer/api/live.js';
import { makeSnapshot } from './snapshot-fixture.js';

/** A socket the test drives by hand. */
class FakeSocket implements SocketLike {
  onopen: ((ev: Event) => unknown) | null = null;
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  onclose: ((ev: CloseEvent) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  closed = false;

  constructor(readonly url: string) {}

  open(): void {
    this.onopen?.({} as Event);
  }
  push(data: unknown): void {
    this.onmessage?.({ data: typeof data === 'string' ? data : JSON.stringify(data) } as MessageEvent);
  }
  serverClose(): void {
    this.onclose?.({} as CloseEvent);
  }
  close(): void {
    this.closed = true;
  }
}

describe('LiveConnection', () => {
  let sockets: FakeSocket[];
  let connection: LiveConnection;
  const lastSocket = (): FakeSocket => {
    const socket = sockets.at(-1);
    if (socket === undefined) throw new Error('no socket opened');
    return socket;
  };

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    connection = new LiveConnection({
      url: 'ws://hub/api/ws',
      createSocket: (url) => {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket;
      },
      silenceMs: 6_000,
      random: () => 1,
    });
  });

  afterEach(() => {
    connection.stop();
    vi.useRealTimers();
  });

  it('goes live with the first snapshot and notifies subscribers', () => {
    const seen: string[] = [];
    connection.subscribe(() => seen.push(connection.getState().status));
    connection.start();
    expect(connection.getState().status).toBe('connecting');
    lastSocket().open();
    lastSocket().push({ type: 'snapshot', snapshot: makeSnapshot({ ts: 1 }) });
    expect(connection.getState().status).toBe('live');
    expect(connection.getState().snapshot?.ts).toBe(1);
    expect(seen).toEqual(['live']);
  });

  it('keeps the last snapshot while reconnecting, with growing delays, and recovers', () => {
    connection.start();
    lastSocket().push({ type: 'snapshot', snapshot: makeSnapshot({ ts: 5 }) });
    lastSocket().serverClose();
    expect(connection.getState().status).toBe('reconnecting');
    expect(connection.getState().snapshot?.ts).toBe(5);

    // With random() = 1 the delays are the ceilings: 0.5 s, 1 s, 2 s ...
    for (const delay of [500, 1_000, 2_000]) {
      const count = sockets.length;
      vi.advanceTimersByTime(delay - 1);
      expect(sockets).toHaveLength(count);
      vi.advanceTimersByTime(1);
      expect(sockets).toHaveLength(count + 1);
      lastSocket().serverClose();
    }
    vi.advanceTimersByTime(4_000);
    lastSocket().open();
    lastSocket().push({ type: 'snapshot', snapshot: makeSnapshot({ ts: 6 }) });
    expect(connection.getState().status).toBe('live');
    expect(connection.getState().snapshot?.ts).toBe(6);

    // A successful message resets the back-off.
    const count = sockets.length;
    lastSocket().serverClose();
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(count + 1);
  });

  it('drops a socket that goes silent and opens a new one', () => {
    connection.start();
    const first = lastSocket();
    first.open();
    first.push({ type: 'snapshot', snapshot: makeSnapshot() });
    vi.advanceTimersByTime(5_999);
    expect(first.closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(first.closed).toBe(true);
    expect(connection.getState().status).toBe('reconnecting');
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(2);
  });

  it('ignores messages that are not snapshots', () => {
    connection.start();
    lastSocket().push('not json');
    lastSocket().push({ type: 'other' });
    lastSocket().push({ type: 'snapshot', snapshot: { ts: 'yesterday' } });
    expect(connection.getState().snapshot).toBeNull();
    expect(connection.getState().status).toBe('connecting');
  });

  it('shows a seeded snapshot only until the stream has one', () => {
    connection.start();
    connection.seed(makeSnapshot({ ts: 1 }));
    expect(connection.getState().snapshot?.ts).toBe(1);
    lastSocket().push({ type: 'snapshot', snapshot: makeSnapshot({ ts: 2 }) });
    connection.seed(makeSnapshot({ ts: 1 }));
    expect(connection.getState().snapshot?.ts).toBe(2);
  });

  it('stops reconnecting after stop()', () => {
    connection.start();
    lastSocket().serverClose();
    connection.stop();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });
});

describe('backoffDelayMs', () => {
  it('doubles from 0.5 s up to the cap, with jitter between half and all of it', () => {
    expect([0, 1, 2, 3, 4, 5, 10, 1_000].map((n) => backoffDelayMs(n, 1))).toEqual([500, 1_000, 2_000, 4_000, 8_000, backoffMaxMs, backoffMaxMs, backoffMaxMs]);
    expect(backoffDelayMs(0, 0)).toBe(250);
    expect(backoffDelayMs(3, 0.5)).toBe(3_000);
  });
});

describe('parseServerMessage and streamUrl', () => {
  it('accepts snapshot messages only', () => {
    expect(parseServerMessage(JSON.stringify({ type: 'snapshot', snapshot: makeSnapshot({ ts: 3 }) }))?.snapshot.ts).toBe(3);
    expect(parseServerMessage(42)).toBeNull();
  });

  it('follows the page: ws for http, wss for https', () => {
    expect(streamUrl({ protocol: 'http:', host: '127.0.0.1:8080' }, '/api/ws')).toBe('ws://127.0.0.1:8080/api/ws');
    expect(streamUrl({ protocol: 'https:', host: 'hub.local' }, '/api/ws')).toBe('wss://hub.local/api/ws');
  });
});
