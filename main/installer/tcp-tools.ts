/** Small TCP helpers for the scan: is a port open, and what does it send by itself. */
import { Socket } from 'node:net';

/** Resolves true when a TCP connection opens within timeoutMs (real ms); the socket is closed at once. */
export function tcpOpen(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let settled = false;
    const done = (open: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(open);
    };
    const onAbort = (): void => done(false);
    const timer = setTimeout(() => done(false), timeoutMs);
    signal?.addEventListener('abort', onAbort);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}

/**
 * Listens on a TCP port for what the device pushes (P1 dongles send a
 * telegram every 1-10 s without being asked), up to `listenMs` or until
 * `enough` says stop. Never writes.
 */
export function listenTcp(host: string, port: number, options: { listenMs: number; connectTimeoutMs: number; maxBytes: number; enough: (chunk: Buffer) => boolean; signal?: AbortSignal }): Promise<{ connected: boolean; bytes: number }> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let bytes = 0;
    let connected = false;
    let settled = false;
    const done = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(listenTimer);
      options.signal?.removeEventListener('abort', done);
      socket.destroy();
      resolve({ connected, bytes });
    };
    let listenTimer: NodeJS.Timeout | undefined;
    const connectTimer = setTimeout(done, options.connectTimeoutMs);
    options.signal?.addEventListener('abort', done);
    socket.once('connect', () => {
      connected = true;
      clearTimeout(connectTimer);
      listenTimer = setTimeout(done, options.listenMs);
    });
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (options.enough(chunk) || bytes >= options.maxBytes) done();
    });
    socket.once('error', done);
    socket.once('close', done);
    socket.connect(port, host);
  });
}

/** Runs `work` over `items` with at most `limit` at a time; stops taking new items once aborted. */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && signal?.aborted !== true) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, () => worker()));
}
