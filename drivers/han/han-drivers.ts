/**
 * HAN DLMS/COSEM meters (NO, SE; encrypted in DK, AT, LU): on an M-Bus
 * adapter (2400 baud 8E1 by default; some adapters and meters use 8N1, and
 * Kamstrup and LU meters 2400/115200 — set baudRate/parity) or behind a TCP
 * bridge. Short and full lists are merged (mergeHan).
 */
import { z } from 'zod';
import type { DriverDefinition } from '../driver.js';
import { serialMeterShape, serialStreamMeter, tcpMeterShape, tcpStreamMeter } from '../p1/stream-driver.js';
import type { SerialMeterConfig, TcpMeterConfig } from '../p1/stream-driver.js';
import { gloKeys, hanKeyShape } from './han-config.js';
import type { HanKeyConfig } from './han-config.js';
import { HanDecoder, mergeHan } from './han-decoder.js';

const family = { noun: 'frame', validCounter: 'frames', tariffInfo: false, merge: mergeHan } as const;

export type HanTcpConfig = TcpMeterConfig & HanKeyConfig;
export type HanSerialConfig = SerialMeterConfig & HanKeyConfig;

export const hanTcpDriver: DriverDefinition<HanTcpConfig> = {
  type: 'han-tcp',
  description: 'HAN DLMS/COSEM smart meter (Aidon, Kaifa, Kamstrup; optional AES-128-GCM) via a TCP bridge',
  roles: ['grid'],
  configSchema: z.strictObject({ ...tcpMeterShape, ...hanKeyShape }),
  create: (config, ctx) => tcpStreamMeter(config, ctx, new HanDecoder(gloKeys(config)), family),
};

export const hanSerialDriver: DriverDefinition<HanSerialConfig> = {
  type: 'han-serial',
  description: 'HAN DLMS/COSEM smart meter on an M-Bus USB adapter (2400 baud 8E1 by default)',
  roles: ['grid'],
  configSchema: z.strictObject({ ...serialMeterShape({ baudRate: 2400, dataBits: 8, parity: 'even', stopBits: 1 }), ...hanKeyShape }),
  create: (config, ctx) => serialStreamMeter(config, ctx, new HanDecoder(gloKeys(config)), family),
};
