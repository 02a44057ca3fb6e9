/**
 * HAN byte stream -> meter readings: HDLC frames (FCS and HCS checked) ->
 * APDU (decrypted when the meter encrypts) -> push list -> our units.
 * Frames arrive split or concatenated; the framer copes with both.
 */
import { DlmsError, cosemDateTime } from './axdr.js';
import { CipherError, readApdu } from './apdu.js';
import { interpretList } from './cosem-list.js';
import type { HanValues } from './cosem-list.js';
import type { GloKeys } from './glo-ciphering.js';
import { HdlcFramer } from './hdlc-framer.js';
import type { FrameDecoder, FrameOutcome } from '../p1/frame-decoder.js';
import type { MeterPhase, MeterReading } from '../p1/meter-reading.js';
import { P1Decoder } from '../p1/p1-decoder.js';

export interface HanMeterReading extends MeterReading {
  /** The list's name, e.g. "AIDON_V0001"; null when the list has none. */
  readonly listId: string | null;
  /** OBIS codes present but not interpreted. */
  readonly unknownObis: readonly string[];
}

export class HanDecoder implements FrameDecoder<HanMeterReading> {
  private readonly framer = new HdlcFramer();
  private readonly p1 = new P1Decoder();

  constructor(private readonly keys: GloKeys | null = null) {}

  get droppedBytes(): number {
    return this.framer.droppedBytes;
  }

  push(chunk: Uint8Array): FrameOutcome<HanMeterReading>[] {
    return this.framer.push(chunk).map((f) => (f.ok ? this.decodeInfo(f.info) : f));
  }

  reset(): void {
    this.framer.reset();
  }

  /** One HDLC information field (or a bare APDU). */
  decodeInfo(info: Uint8Array): FrameOutcome<HanMeterReading> {
    try {
      const apdu = readApdu(info, this.keys);
      if (apdu.kind === 'p1') {
        const r = this.p1.decode(apdu.telegram);
        return r.ok ? { ok: true, reading: { ...r.reading, listId: null, unknownObis: [] } } : r;
      }
      const list = interpretList(apdu.body);
      if (!list.ok) return { ok: false, kind: 'format', error: list.error };
      return { ok: true, reading: toReading(list.value, apdu.dateTime) };
    } catch (err) {
      if (err instanceof CipherError) return { ok: false, kind: 'decrypt', error: err.message };
      if (err instanceof DlmsError) return { ok: false, kind: 'format', error: `DLMS: ${err.message}` };
      throw err;
    }
  }
}

function toReading(v: HanValues, apduDateTime: Uint8Array | null): HanMeterReading {
  const n = v.numbers;
  const num = (x: number | undefined): number | null => x ?? null;
  const phase = (i: 1 | 2 | 3): MeterPhase => ({
    voltageV: num(n[`l${i}.voltageV`]),
    currentA: num(n[`l${i}.currentA`]),
    powerImportW: num(n[`l${i}.powerImportW`]),
    powerExportW: num(n[`l${i}.powerExportW`]),
  });
  const clock = v.clock ?? apduDateTime;
  return {
    meterId: v.meterId,
    timestampMs: clock === null ? null : cosemDateTime(clock),
    powerImportW: num(n.powerImportW),
    powerExportW: num(n.powerExportW),
    energyImportWh: num(n.energyImportWh),
    energyExportWh: num(n.energyExportWh),
    phases: [phase(1), phase(2), phase(3)],
    tariff: null,
    listId: v.listId,
    unknownObis: v.unknown,
  };
}

/**
 * HAN meters send a short list every 2-2.5 s (import power only) between full
 * lists every 10 s; the reading keeps the full list's values, and the short
 * list's power. Import and export power are never both non-zero (they are the
 * positive and negative part of one net power), so a short list with import
 * > 0 means export 0; with import 0 the last export stands.
 */
export function mergeHan(previous: HanMeterReading | null, next: HanMeterReading): HanMeterReading {
  let powerExportW = next.powerExportW;
  if (powerExportW === null && next.powerImportW !== null) powerExportW = next.powerImportW > 0 ? 0 : (previous?.powerExportW ?? null);
  if (previous === null) return { ...next, powerExportW };
  const pick = <T>(a: T | null, b: T | null): T | null => (a !== null ? a : b);
  const phases = next.phases.map((p, i) => {
    const old = previous.phases[i];
    if (old === undefined) return p;
    return {
      voltageV: pick(p.voltageV, old.voltageV),
      currentA: pick(p.currentA, old.currentA),
      powerImportW: pick(p.powerImportW, old.powerImportW),
      powerExportW: pick(p.powerExportW, old.powerExportW),
    };
  });
  return {
    ...next,
    meterId: pick(next.meterId, previous.meterId),
    timestampMs: pick(next.timestampMs, previous.timestampMs),
    powerExportW,
    energyImportWh: pick(next.energyImportWh, previous.energyImportWh),
    energyExportWh: pick(next.energyExportWh, previous.energyExportWh),
    phases,
    listId: pick(next.listId, previous.listId),
  };
}
