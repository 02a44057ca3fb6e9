/**
 * P1 byte stream -> meter readings: the framer cuts telegrams, the parser
 * checks the CRC and reads them. One rule spans telegrams: a meter that once
 * sent a CRC always does, so a telegram without one from it is damaged (its
 * tail was lost) and is dropped as a CRC error, not read as DSMR 3.
 */
import type { FrameDecoder, FrameOutcome } from './frame-decoder.js';
import { P1Framer } from './framer.js';
import type { MeterReading } from './meter-reading.js';
import { parseTelegram } from './parser.js';
import type { P1Reading } from './reading.js';

export interface P1MeterReading extends MeterReading {
  /** Everything the telegram said, P1 terms (M-Bus channels, events, raw objects). */
  readonly p1: P1Reading;
}

export class P1Decoder implements FrameDecoder<P1MeterReading> {
  private readonly framer: P1Framer;
  private crcSeen = false;
  private oversizedSeen = 0;

  constructor(options: { maxBytes?: number } = {}) {
    this.framer = new P1Framer(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes });
  }

  get droppedBytes(): number {
    return this.framer.droppedBytes;
  }

  push(chunk: Uint8Array): FrameOutcome<P1MeterReading>[] {
    const out: FrameOutcome<P1MeterReading>[] = this.framer.push(chunk).map((text) => this.decode(text));
    if (this.framer.oversized > this.oversizedSeen) {
      for (let i = this.oversizedSeen; i < this.framer.oversized; i++) out.push({ ok: false, kind: 'format', error: `telegram longer than ${this.framer.maxBytes} bytes dropped` });
      this.oversizedSeen = this.framer.oversized;
    }
    return out;
  }

  reset(): void {
    this.framer.reset();
  }

  /** One complete telegram (text, one character per byte). */
  decode(text: string): FrameOutcome<P1MeterReading> {
    const result = parseTelegram(text);
    if (!result.ok) return result;
    const r = result.reading;
    if (!r.crcChecked && this.crcSeen) return { ok: false, kind: 'crc', error: 'CRC missing in a telegram from a meter that sends CRCs' };
    if (r.powerImportW === null || r.powerExportW === null) return { ok: false, kind: 'format', error: 'telegram without power registers 1-0:1.7.0 / 1-0:2.7.0' };
    this.crcSeen ||= r.crcChecked;
    return { ok: true, reading: toMeterReading(r) };
  }
}

export function toMeterReading(r: P1Reading): P1MeterReading {
  return {
    meterId: r.meterId,
    timestampMs: r.timestampMs,
    powerImportW: r.powerImportW,
    powerExportW: r.powerExportW,
    energyImportWh: r.energyImportWh,
    energyExportWh: r.energyExportWh,
    phases: r.phases,
    tariff: {
      tariffIndicator: r.tariff === null ? null : String(r.tariff),
      capacity15MinAverageW: r.demand?.currentAverageW ?? null,
      monthPeakW: r.demand?.monthPeakW ?? null,
      monthPeakTs: r.demand?.monthPeakTs ?? null,
      tempoToday: null,
      tempoTomorrow: null,
    },
    p1: r,
  };
}
