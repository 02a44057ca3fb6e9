/**
 * SML meters (DE eHZ/mME: EMH, ISKRA, Holley, DZG, EasyMeter, Itron) on an IR
 * read head (9600 8N1, the default) or behind a TCP bridge. Most meters send
 * power only after the PIN from the grid operator has been entered at the
 * meter ("info" interface fully enabled); without it only energy comes and
 * health says "frame without active power".
 */
import { z } from 'zod';
import type { DriverDefinition } from '../driver.js';
import { serialMeterShape, serialStreamMeter, tcpMeterShape, tcpStreamMeter } from '../p1/stream-driver.js';
import type { SerialMeterConfig, TcpMeterConfig } from '../p1/stream-driver.js';
import { SmlDecoder } from './sml-decoder.js';

const family = { noun: 'frame', validCounter: 'frames', tariffInfo: false } as const;

export const smlTcpDriver: DriverDefinition<TcpMeterConfig> = {
  type: 'sml-tcp',
  description: 'SML smart meter (DE eHZ) via a TCP bridge to its IR read head',
  roles: ['grid'],
  configSchema: z.strictObject(tcpMeterShape),
  create: (config, ctx) => tcpStreamMeter(config, ctx, new SmlDecoder(), family),
};

export const smlSerialDriver: DriverDefinition<SerialMeterConfig> = {
  type: 'sml-serial',
  description: 'SML smart meter (DE eHZ) on a USB IR read head (9600 8N1 by default)',
  roles: ['grid'],
  configSchema: z.strictObject(serialMeterShape({ baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 })),
  create: (config, ctx) => serialStreamMeter(config, ctx, new SmlDecoder(), family),
};
