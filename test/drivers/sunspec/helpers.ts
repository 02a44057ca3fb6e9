/** Test helpers for the SunSpec integration tests: polling waits and a pausable TCP proxy. */
import { createServer, Socket, type Server } from 'node:net';

/** Resolves once `check` returns true; fails with `what` after timeoutMs (real). */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Forwards TCP to a target; while paused it swallows what clients send, like
 * a device that keeps the socket open but stops answering.
 */
export class PausableProxy {
  paused = false;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  private constructor(server: Server) {
    this.server = server;
  }

  static async start(targetPort: number): Promise<PausableProxy> {
    const server = createServer();
    const proxy = new PausableProxy(server);
    server.on('connection', (client) => {
      const upstream = new Socket();
      proxy.sockets.add(client).add(upstream);
      upstream.connect(targetPort, '127.0.0.1');
      client.on('data', (data) => {
        if (!proxy.paused) upstream.write(data);
      });
      upstream.on('data', (data) => client.write(data));
      const end = (): void => {
        client.destroy();
        upstream.destroy();
      };
      client.on('close', end).on('error', end);
      upstream.on('close', end).on('error', end);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    const address = this.server.address();
    if (typeof address !== 'object' || address === null) throw new Error('proxy not listening');
    return address.port;
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A free TCP port on loopback (nothing listens on it when this resolves). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
