/**
 * Linky TIC (FR) on a TIC USB reader (7E1; 1200 baud in historique mode, 9600
 * in standard mode: set baudRate to 9600 for a standard-mode meter) or behind
 * a TCP bridge. The frame's mode is recognised by its separators.
 */
import { z } from 'zod';
import type { DriverDefinition } from '../driver.js';
import { serialMeterShape, serialStreamMeter, tcpMeterShape, tcpStreamMeter } from '../p1/stream-driver.js';
import type { SerialMeterConfig, TcpMeterConfig } from '../p1/stream-driver.js';
import { TicDecoder } from './tic-decoder.js';

const family = { noun: 'frame', validCounter: 'frames', tariffInfo: true } as const;

export const ticTcpDriver: DriverDefinition<TcpMeterConfig> = {
  type: 'tic-tcp',
  description: 'Linky TIC (historique or standard mode) via a TCP bridge',
  roles: ['grid'],
  configSchema: z.strictObject(tcpMeterShape),
  create: (config, ctx) => tcpStreamMeter(config, ctx, new TicDecoder(), family),
};

export const ticSerialDriver: DriverDefinition<SerialMeterConfig> = {
  type: 'tic-serial',
  description: 'Linky TIC on a TIC USB reader (1200 baud 7E1 historique by default; 9600 for standard mode)',
  roles: ['grid'],
  configSchema: z.strictObject(serialMeterShape({ baudRate: 1200, dataBits: 7, parity: 'even', stopBits: 1 })),
  create: (config, ctx) => serialStreamMeter(config, ctx, new TicDecoder(), family),
};
