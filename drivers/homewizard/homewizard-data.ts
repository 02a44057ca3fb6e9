/**
 * The HomeWizard P1 meter's local API v1 (`GET /api/v1/data`): JSON the
 * dongle builds from the DSMR telegrams. Every field is optional (the dongle
 * leaves out what the meter does not send); a field that is present with the
 * wrong type is a format error, not a silent null. Note the API's own
 * spelling "montly_power_peak_w".
 */
import { z } from 'zod';
import type { MeterReading } from '../p1/meter-reading.js';
import { splitSigned } from '../p1/meter-reading.js';
import { parseDsmrTimestamp } from '../p1/timestamp.js';

const num = z.number().finite().optional();

export const homewizardDataSchema = z.object({
  smr_version: num,
  meter_model: z.string().optional(),
  unique_id: z.string().optional(),
  active_tariff: num,
  total_power_import_kwh: num,
  total_power_export_kwh: num,
  active_power_w: num,
  active_power_l1_w: num,
  active_power_l2_w: num,
  active_power_l3_w: num,
  active_voltage_l1_v: num,
  active_voltage_l2_v: num,
  active_voltage_l3_v: num,
  active_current_l1_a: num,
  active_current_l2_a: num,
  active_current_l3_a: num,
  active_power_average_w: num,
  montly_power_peak_w: num,
  montly_power_peak_timestamp: num,
  any_power_fail_count: num,
  long_power_fail_count: num,
  total_gas_m3: num,
});
export type HomewizardData = z.infer<typeof homewizardDataSchema>;

/** kWh with three decimals to whole-ish Wh without float noise. */
const kWhToWh = (v: number | undefined): number | null => (v === undefined ? null : Math.round(v * 1_000_000) / 1000);
const orNull = (v: number | undefined): number | null => v ?? null;

export function homewizardReading(d: HomewizardData): MeterReading {
  const phase = (w: number | undefined, v: number | undefined, a: number | undefined) => ({ voltageV: orNull(v), currentA: orNull(a), ...splitSigned(orNull(w)) });
  const peakTs = d.montly_power_peak_timestamp === undefined ? null : parseDsmrTimestamp(String(d.montly_power_peak_timestamp).padStart(12, '0'));
  return {
    meterId: d.unique_id === undefined ? null : hexText(d.unique_id),
    timestampMs: null,
    ...splitSigned(orNull(d.active_power_w)),
    energyImportWh: kWhToWh(d.total_power_import_kwh),
    energyExportWh: kWhToWh(d.total_power_export_kwh),
    phases: [
      phase(d.active_power_l1_w, d.active_voltage_l1_v, d.active_current_l1_a),
      phase(d.active_power_l2_w, d.active_voltage_l2_v, d.active_current_l2_a),
      phase(d.active_power_l3_w, d.active_voltage_l3_v, d.active_current_l3_a),
    ],
    tariff: {
      tariffIndicator: d.active_tariff === undefined ? null : String(d.active_tariff),
      capacity15MinAverageW: orNull(d.active_power_average_w),
      monthPeakW: orNull(d.montly_power_peak_w),
      monthPeakTs: peakTs,
      tempoToday: null,
      tempoTomorrow: null,
    },
  };
}

/** unique_id is the meter id hex-encoded, as in the telegram. */
function hexText(s: string): string {
  if (!/^([0-9A-Fa-f]{2})+$/.test(s)) return s;
  const text = Buffer.from(s, 'hex').toString('latin1');
  return /^[\x20-\x7e]+$/.test(text) ? text : s;
}
