/**
 * Meter values from OCPP 1.6 (values are strings, unit names like "kW") and
 * 2.x (numbers, unitOfMeasure with a power-of-ten multiplier) into one signed
 * power, the energy registers and the car's SoC.
 *
 * Sign: Power.Active.Import is power into the car, Power.Active.Export power
 * out of it (V2X). Stations that report only Import may report discharge as a
 * negative Import; both are read as "import - export". Per-phase values are
 * summed only when no total is given.
 */

export interface SampledValue {
  readonly value: number;
  readonly measurand: string;
  readonly phase: string | null;
  /** Factor to W, Wh or % (e.g. 1000 for kW). */
  readonly factor: number;
}

export interface MeterReading {
  readonly powerW: number | null;
  readonly energyImportWh: number | null;
  readonly energyExportWh: number | null;
  readonly socPct: number | null;
}

/** The measurand a sampled value has when it names none (both 1.6 and 2.x). */
const DEFAULT_MEASURAND = 'Energy.Active.Import.Register';

interface V16Sample {
  readonly value: string;
  readonly measurand?: string;
  readonly phase?: string;
  readonly unit?: string;
}

interface V2Sample {
  readonly value: number;
  readonly measurand?: string;
  readonly phase?: string;
  readonly unitOfMeasure?: { readonly unit?: string; readonly multiplier?: number };
}

const unitFactors: Readonly<Record<string, number>> = { W: 1, kW: 1000, Wh: 1, kWh: 1000, Percent: 1 };

/** OCPP 1.6 sampledValue entries; unparsable numbers are dropped (the schema only says "string"). */
export function samplesV16(values: readonly V16Sample[]): SampledValue[] {
  const out: SampledValue[] = [];
  for (const v of values) {
    const value = Number(v.value);
    if (v.value.trim() === '' || !Number.isFinite(value)) continue;
    out.push({ value, measurand: v.measurand ?? DEFAULT_MEASURAND, phase: v.phase ?? null, factor: unitFactors[v.unit ?? ''] ?? 1 });
  }
  return out;
}

export function samplesV2(values: readonly V2Sample[]): SampledValue[] {
  return values.map((v) => {
    const unit = v.unitOfMeasure?.unit;
    const multiplier = v.unitOfMeasure?.multiplier ?? 0;
    return { value: v.value, measurand: v.measurand ?? DEFAULT_MEASURAND, phase: v.phase ?? null, factor: (unitFactors[unit ?? ''] ?? 1) * 10 ** multiplier };
  });
}

export function readMeter(samples: readonly SampledValue[]): MeterReading {
  const total = (measurand: string): number | null => {
    const matching = samples.filter((s) => s.measurand === measurand);
    if (matching.length === 0) return null;
    const whole = matching.find((s) => s.phase === null || s.phase === 'N');
    if (whole !== undefined) return whole.value * whole.factor;
    return matching.reduce((sum, s) => sum + s.value * s.factor, 0);
  };
  const importW = total('Power.Active.Import');
  const exportW = total('Power.Active.Export');
  const powerW = importW === null && exportW === null ? null : Math.round((importW ?? 0) - (exportW ?? 0));
  const soc = total('SoC');
  return {
    powerW,
    energyImportWh: total('Energy.Active.Import.Register'),
    energyExportWh: total('Energy.Active.Export.Register'),
    socPct: soc !== null && soc >= 0 && soc <= 100 ? soc : null,
  };
}
