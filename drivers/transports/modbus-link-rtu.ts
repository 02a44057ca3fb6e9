/** Modbus RTU over a serial line (RS-485 adapter): the same client, our own port (modbus-rtu-port.ts). */
import type { Logger } from '../../main/common/log.js';
import { ModbusRTU, type ModbusLink, type OpenLink } from './modbus-link.js';
import { RtuPort } from './modbus-rtu-port.js';
import { describeLine, type SerialPortConfig } from './serial-config.js';

export function rtuLink(config: SerialPortConfig, log: Logger): ModbusLink {
  const endpoint = `${config.path} ${describeLine(config)}`;
  return {
    kind: 'rtu',
    endpoint,
    host: config.path,
    port: 0,
    timeoutsMeanDeadLink: false,
    async open(timeoutMs: number, onClosed: () => void): Promise<OpenLink> {
      const port = new RtuPort(config);
      // A listener must stay attached: an 'error' without one would crash the process.
      port.on('error', (err: Error) => log.debug('modbus serial error', { endpoint, error: err.message }));
      const client = new ModbusRTU(port);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          port.close();
          reject(new Error(`serial port not open within ${timeoutMs} ms`));
        }, timeoutMs);
        client.open((err: unknown) => {
          clearTimeout(timer);
          if (err === null || err === undefined) resolve();
          else reject(err instanceof Error ? err : new Error(`cannot open ${config.path}`));
        });
      });
      let closedByUs = false;
      port.on('close', () => {
        if (!closedByUs) onClosed();
      });
      return {
        client,
        close: () => {
          closedByUs = true;
          port.close();
        },
      };
    },
  };
}
