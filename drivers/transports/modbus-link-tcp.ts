/** Modbus TCP: our own socket, linked into modbus-serial, so we see 'close' reliably and own the connect timeout. */
import { Socket } from 'node:net';
import type { Logger } from '../../main/common/log.js';
import { ModbusRTU, type ModbusLink, type OpenLink } from './modbus-link.js';

export function tcpLink(host: string, port: number, log: Logger): ModbusLink {
  const endpoint = `${host}:${port}`;
  return {
    kind: 'tcp',
    endpoint,
    host,
    port,
    timeoutsMeanDeadLink: true,
    async open(timeoutMs: number, onClosed: () => void): Promise<OpenLink> {
      const socket = new Socket();
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          socket.destroy();
          reject(new Error(`no TCP connection within ${timeoutMs} ms`));
        }, timeoutMs);
        socket.once('connect', () => {
          clearTimeout(timer);
          resolve();
        });
        socket.once('error', (err) => {
          clearTimeout(timer);
          socket.destroy();
          reject(err);
        });
        socket.connect({ host, port });
      });
      socket.setNoDelay(true);
      // Half-dead peers (power cut, no FIN) are found by keep-alive or by repeated timeouts.
      socket.setKeepAlive(true, 10_000);
      // A listener must stay attached: an 'error' without one would crash the process.
      socket.on('error', (err) => log.debug('modbus socket error', { endpoint, error: err.message }));
      let closedByUs = false;
      socket.on('close', () => {
        if (!closedByUs) onClosed();
      });
      const client = new ModbusRTU();
      await client.linkTCP(socket, { port });
      return {
        client,
        close: () => {
          closedByUs = true;
          socket.destroy();
        },
      };
    },
  };
}
