/**
 * Smart meter over P1 via TCP: a network P1 dongle or ser2net in front of the
 * meter's serial port. The meter pushes a telegram every second (DSMR 5); we
 * frame, parse and cache the latest valid one. A telegram with a bad CRC is
 * dropped and counted, never half-used. The socket reconnects with back-off
 * in real time; staleness is judged in site time, like every other device.
 */
import type { Clock } from '../../main/common/clock.js';
import type { Logger } from '../../main/common/log.js';
import type { DeviceRole } from '../../main/common/snapshot.js';
import type { DriverDefinition } from '../driver.js';
import { defaultConnectionOptions, p1TcpConfigSchema } from './p1-config.js';
import type { P1ConnectionOptions, P1TcpConfig } from './p1-config.js';
import { P1Decoder } from './p1-decoder.js';
import type { P1MeterReading } from './p1-decoder.js';
import type { P1Reading } from './reading.js';
import { StreamMeter } from './stream-meter.js';
import { TcpSource } from './tcp-source.js';

export type { P1TcpConfig, P1ConnectionOptions };

export interface P1TcpMeterParams {
  readonly id: string;
  readonly role: DeviceRole;
  readonly config: P1TcpConfig;
  readonly clock: Clock;
  readonly log: Logger;
  readonly connection?: P1ConnectionOptions;
}

export class P1TcpMeter extends StreamMeter<P1MeterReading> {
  constructor(params: P1TcpMeterParams) {
    const conn = { ...defaultConnectionOptions, ...params.connection };
    super({
      id: params.id,
      type: 'p1-tcp',
      role: params.role,
      clock: params.clock,
      log: params.log,
      staleAfterMs: params.config.staleAfterMs,
      noun: 'telegram',
      validCounter: 'telegrams',
      source: new TcpSource(params.config.host, params.config.port, params.log, conn),
      decoder: new P1Decoder({ maxBytes: conn.maxTelegramBytes }),
    });
  }

  /** The latest valid telegram, fresh or not (diagnostics, commissioning, tests). */
  lastReading(): P1Reading | null {
    return this.latest()?.p1 ?? null;
  }
}

export const p1TcpDriver: DriverDefinition<P1TcpConfig> = {
  type: 'p1-tcp',
  description: 'DSMR P1 smart meter (NL, BE, LU, SE, HU) via a network P1 dongle or ser2net, TCP',
  roles: ['grid'],
  configSchema: p1TcpConfigSchema,
  create(config, ctx) {
    return new P1TcpMeter({ id: config.id, role: config.role, config, clock: ctx.clock, log: ctx.log.child(config.id) });
  },
};
