/**
 * One reading of a grid meter in our units, whatever the family (P1, HAN,
 * TIC, SML, MQTT, Modbus, HomeWizard). Every meter driver turns its frames
 * into this shape, so the driver core (stream-meter.ts), the decode tool and
 * the tests treat them alike. It lives beside P1 because P1 came first; it
 * knows nothing of P1.
 *
 * Import and export are kept apart, as meters count them: a signed value
 * becomes import = max(p, 0), export = max(-p, 0). null = the frame did not
 * carry the value, never zero.
 */
import type { TempoColour } from '../api.js';

export interface MeterPhase {
  readonly voltageV: number | null;
  /** As the meter sends it; most meters send a magnitude, a few (Aidon SE) sign it. */
  readonly currentA: number | null;
  readonly powerImportW: number | null;
  readonly powerExportW: number | null;
}

/** What the meter says about tariffs (see MeterTariffInfo in drivers/api.ts). */
export interface MeterTariff {
  readonly tariffIndicator: string | null;
  readonly capacity15MinAverageW: number | null;
  readonly monthPeakW: number | null;
  readonly monthPeakTs: number | null;
  readonly tempoToday: TempoColour | null;
  readonly tempoTomorrow: TempoColour | null;
}

export interface MeterReading {
  readonly meterId: string | null;
  /** The meter's own clock, epoch ms, when the frame carries one. */
  readonly timestampMs: number | null;
  readonly powerImportW: number | null;
  readonly powerExportW: number | null;
  readonly energyImportWh: number | null;
  readonly energyExportWh: number | null;
  /** L1, L2, L3 as far as the meter reports them (empty for a meter without per-phase values). */
  readonly phases: readonly MeterPhase[];
  readonly tariff: MeterTariff | null;
}

export const noTariff: MeterTariff = {
  tariffIndicator: null,
  capacity15MinAverageW: null,
  monthPeakW: null,
  monthPeakTs: null,
  tempoToday: null,
  tempoTomorrow: null,
};

export const emptyPhase: MeterPhase = { voltageV: null, currentA: null, powerImportW: null, powerExportW: null };

/** Splits a signed power (> 0 import) into the two registers a meter keeps. */
export function splitSigned(powerW: number | null): { powerImportW: number | null; powerExportW: number | null } {
  if (powerW === null) return { powerImportW: null, powerExportW: null };
  return { powerImportW: Math.max(0, powerW), powerExportW: Math.max(0, -powerW) };
}

/** Signed net power (> 0 import), or null when either side is unknown. */
export function netPowerW(importW: number | null, exportW: number | null): number | null {
  return importW === null || exportW === null ? null : importW - exportW;
}

/**
 * The flat form the decode tool prints and tests compare: our capability
 * names, per-phase values as "l1.currentA". Absent values are left out.
 */
export function flattenReading(r: MeterReading): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  const put = (key: string, v: number | string | null): void => {
    if (v !== null) out[key] = v;
  };
  put('powerImportW', r.powerImportW);
  put('powerExportW', r.powerExportW);
  put('energyImportWh', r.energyImportWh);
  put('energyExportWh', r.energyExportWh);
  r.phases.forEach((p, i) => {
    put(`l${i + 1}.voltageV`, p.voltageV);
    put(`l${i + 1}.currentA`, p.currentA);
    put(`l${i + 1}.powerImportW`, p.powerImportW);
    put(`l${i + 1}.powerExportW`, p.powerExportW);
  });
  put('meterId', r.meterId);
  put('timestamp', r.timestampMs === null ? null : new Date(r.timestampMs).toISOString());
  if (r.tariff !== null) {
    put('tariff', r.tariff.tariffIndicator);
    put('capacity15MinAverageW', r.tariff.capacity15MinAverageW);
    put('monthPeakW', r.tariff.monthPeakW);
    put('monthPeakTs', r.tariff.monthPeakTs === null ? null : new Date(r.tariff.monthPeakTs).toISOString());
    put('tempoToday', r.tariff.tempoToday);
    put('tempoTomorrow', r.tariff.tempoTomorrow);
  }
  return out;
}
