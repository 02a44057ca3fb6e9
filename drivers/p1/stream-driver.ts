/**
 * What the TCP and serial variants of every push-meter family share: the
 * config keys of each transport and the construction of the StreamMeter.
 * A family module then only names its decoder and its serial line defaults.
 */
import { z } from 'zod';
import type { DeviceConfigBase, DriverContext } from '../driver.js';
import { serialShape } from '../transports/serial-config.js';
import type { SerialLineSettings, SerialPortConfig } from '../transports/serial-config.js';
import { SerialSource } from '../transports/serial-source.js';
import type { FrameDecoder } from './frame-decoder.js';
import type { MeterReading } from './meter-reading.js';
import { StreamMeter } from './stream-meter.js';
import type { StreamMeterParams } from './stream-meter.js';
import { TcpSource } from './tcp-source.js';

export interface TcpMeterConfig {
  readonly host: string;
  readonly port: number;
  readonly staleAfterMs?: number;
}

export const staleAfterMsShape = z.number().int().min(1000).max(600_000).optional();

export const tcpMeterShape = {
  host: z.string().min(1, 'expected a host name or IP address'),
  port: z.number().int().min(1).max(65535),
  staleAfterMs: staleAfterMsShape,
};

export interface SerialMeterConfig extends SerialPortConfig {
  readonly staleAfterMs?: number;
}

export function serialMeterShape(defaults: SerialLineSettings) {
  return { ...serialShape(defaults), staleAfterMs: staleAfterMsShape };
}

type FamilyOptions<R extends MeterReading> = Pick<StreamMeterParams<R>, 'noun' | 'validCounter' | 'tariffInfo' | 'merge'>;

export function tcpStreamMeter<R extends MeterReading>(config: TcpMeterConfig & DeviceConfigBase, ctx: DriverContext, decoder: FrameDecoder<R>, family: FamilyOptions<R>): StreamMeter<R> {
  const log = ctx.log.child(config.id);
  return new StreamMeter<R>({
    ...family,
    id: config.id,
    type: config.type,
    role: config.role,
    clock: ctx.clock,
    log,
    staleAfterMs: config.staleAfterMs,
    source: new TcpSource(config.host, config.port, log),
    decoder,
  });
}

export function serialStreamMeter<R extends MeterReading>(config: SerialMeterConfig & DeviceConfigBase, ctx: DriverContext, decoder: FrameDecoder<R>, family: FamilyOptions<R>): StreamMeter<R> {
  const log = ctx.log.child(config.id);
  return new StreamMeter<R>({
    ...family,
    id: config.id,
    type: config.type,
    role: config.role,
    clock: ctx.clock,
    log,
    staleAfterMs: config.staleAfterMs,
    source: new SerialSource(config, log),
    decoder,
  });
}
