/**
 * Out-of-range values: a frame whose checksum passed can still carry nonsense
 * (a meter bug, a wrong scaler in a template, a decimal point lost by a
 * gateway). The bounds are wide, a large farm connection and not a home, so
 * that only values no meter on a house can measure are refused.
 */
import type { MeterReading } from './meter-reading.js';

const MAX_POWER_W = 1_000_000;
const MAX_ENERGY_WH = 1e13;
const MAX_VOLTAGE_V = 500;
const MAX_CURRENT_A = 2000;

/** The first value out of range, as a message, or null when all are plausible. */
export function implausible(r: MeterReading): string | null {
  const check = (name: string, v: number | null, min: number, max: number): string | null =>
    v === null || (Number.isFinite(v) && v >= min && v <= max) ? null : `${name} out of range: ${v}`;
  const checks = [
    check('powerImportW', r.powerImportW, 0, MAX_POWER_W),
    check('powerExportW', r.powerExportW, 0, MAX_POWER_W),
    check('energyImportWh', r.energyImportWh, 0, MAX_ENERGY_WH),
    check('energyExportWh', r.energyExportWh, 0, MAX_ENERGY_WH),
    ...r.phases.flatMap((p, i) => [
      check(`l${i + 1}.voltageV`, p.voltageV, 0, MAX_VOLTAGE_V),
      check(`l${i + 1}.currentA`, p.currentA, -MAX_CURRENT_A, MAX_CURRENT_A),
      check(`l${i + 1}.powerImportW`, p.powerImportW, 0, MAX_POWER_W),
      check(`l${i + 1}.powerExportW`, p.powerExportW, 0, MAX_POWER_W),
    ]),
  ];
  return checks.find((c) => c !== null) ?? null;
}
