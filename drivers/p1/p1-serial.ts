/**
 * Smart meter on the P1 port via a USB cable (the cable inverts the line).
 * DSMR 4/5 and e-MUCS: 115200 8N1 (the default); DSMR 2.2/3: 9600 7E1, set
 * baudRate 9600, dataBits 7, parity "even". Telegrams are 7-bit ASCII, so the
 * decoder clears the eighth bit of every byte: a DSMR 4 meter sending 7E1 is
 * read right on an 8N1 port (its parity bit lands there), and the CRC still
 * vouches for every character.
 */
import { z } from 'zod';
import type { DriverDefinition } from '../driver.js';
import { serialShape } from '../transports/serial-config.js';
import type { SerialPortConfig } from '../transports/serial-config.js';
import { SerialSource } from '../transports/serial-source.js';
import { P1Decoder } from './p1-decoder.js';
import type { P1MeterReading } from './p1-decoder.js';
import type { FrameDecoder, FrameOutcome } from './frame-decoder.js';
import { StreamMeter } from './stream-meter.js';

export interface P1SerialConfig extends SerialPortConfig {
  readonly staleAfterMs?: number;
}

export const p1SerialConfigSchema: z.ZodType<P1SerialConfig> = z.strictObject({
  ...serialShape({ baudRate: 115_200, dataBits: 8, parity: 'none', stopBits: 1 }),
  staleAfterMs: z.number().int().min(1000).max(600_000).optional(),
});

/** Clears bit 7 before the P1 decoder sees the bytes (7E1 read as 8N1). */
export class SevenBitP1Decoder implements FrameDecoder<P1MeterReading> {
  private readonly inner = new P1Decoder();

  get droppedBytes(): number {
    return this.inner.droppedBytes;
  }

  push(chunk: Uint8Array): FrameOutcome<P1MeterReading>[] {
    const seven = Buffer.from(chunk);
    for (let i = 0; i < seven.length; i++) seven[i] = (seven[i] ?? 0) & 0x7f;
    return this.inner.push(seven);
  }

  reset(): void {
    this.inner.reset();
  }
}

export const p1SerialDriver: DriverDefinition<P1SerialConfig> = {
  type: 'p1-serial',
  description: 'DSMR P1 smart meter (NL, BE, LU, SE, HU) on a P1 USB cable',
  roles: ['grid'],
  configSchema: p1SerialConfigSchema,
  create(config, ctx) {
    const log = ctx.log.child(config.id);
    return new StreamMeter<P1MeterReading>({
      id: config.id,
      type: 'p1-serial',
      role: config.role,
      clock: ctx.clock,
      log,
      staleAfterMs: config.staleAfterMs,
      noun: 'telegram',
      validCounter: 'telegrams',
      source: new SerialSource(config, log),
      decoder: new SevenBitP1Decoder(),
    });
  },
};
