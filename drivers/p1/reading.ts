import type { P1Demand, P1Events } from './extras.js';

/**
 * What one valid P1 telegram says, in our units (W, Wh, V, A, epoch ms).
 * `null` means the telegram did not carry that value; a value the telegram
 * carried in a form we cannot read is a parse error, never a silent null.
 */

export interface P1PhaseReading {
  readonly voltageV: number | null;
  /** Magnitude; DSMR meters do not sign currents (the direction is in the power registers). */
  readonly currentA: number | null;
  readonly powerImportW: number | null;
  readonly powerExportW: number | null;
}

/** A device on the meter's M-Bus (gas, water, heat), channels 1-4. */
export interface P1MbusReading {
  readonly channel: number;
  /** M-Bus device type: 3 gas, 4 heat, 7 water; null when not declared. */
  readonly deviceType: number | null;
  readonly equipmentId: string | null;
  /** When the device last reported its value (gas meters: every 5 min in DSMR 5, hourly before). */
  readonly timestampMs: number | null;
  readonly value: number | null;
  /** As the meter writes it, e.g. "m3". */
  readonly unit: string | null;
}

export interface P1Reading {
  /** Identification line without the '/', e.g. "ISk5\2MT382-1000". */
  readonly header: string;
  /** Three-letter manufacturer code from the header, e.g. "ISk". */
  readonly manufacturer: string;
  /** P1 version: 1-3:0.2.8 (NL, e.g. "50") or 0-0:96.1.4 (BE, e.g. "50217"). */
  readonly version: string | null;
  /** False for DSMR 2.2/3 telegrams, which carry no CRC: accepted, but nothing vouches for their bytes. */
  readonly crcChecked: boolean;
  /** 0-0:1.0.0, the meter's clock. */
  readonly timestampMs: number | null;
  /** 0-0:96.1.1, hex-decoded when it is printable ASCII. */
  readonly meterId: string | null;
  /** 0-0:96.14.0. NL: 1 = low, 2 = normal; BE: 1 = day, 2 = night. */
  readonly tariff: number | null;
  readonly powerImportW: number | null;
  readonly powerExportW: number | null;
  readonly energyImportT1Wh: number | null;
  readonly energyImportT2Wh: number | null;
  /** 1-0:1.8.0 where the meter sends it, else the sum of the tariff registers. */
  readonly energyImportWh: number | null;
  readonly energyExportT1Wh: number | null;
  readonly energyExportT2Wh: number | null;
  readonly energyExportWh: number | null;
  /** L1, L2, L3. */
  readonly phases: readonly [P1PhaseReading, P1PhaseReading, P1PhaseReading];
  readonly mbus: readonly P1MbusReading[];
  /** BE capacity tariff values (e-MUCS); null when the meter sends none. */
  readonly demand: P1Demand | null;
  /** Power failure and voltage sag/swell counters; null when the meter sends none. */
  readonly events: P1Events | null;
  /** The first M-Bus gas meter with a reading. */
  readonly gas: { readonly channel: number; readonly volumeM3: number; readonly timestampMs: number | null } | null;
  /** Every OBIS object we do not interpret, with its bracketed values in order. */
  readonly raw: Readonly<Record<string, readonly string[]>>;
}

export type P1ParseResult =
  | { readonly ok: true; readonly reading: P1Reading }
  /** crc: the bytes are damaged (or the CRC is missing where it must be); format: intact bytes we cannot read. */
  | { readonly ok: false; readonly kind: 'crc' | 'format'; readonly error: string };
