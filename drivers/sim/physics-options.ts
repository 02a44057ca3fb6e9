/**
 * What the simulated home is made of. Every key has a default: a 3-phase
 * 25 A home in Utrecht with 6 kWp on a south roof, a 10 kWh hybrid battery and
 * a bidirectional car at an 11 kW (3 x 16 A) wallbox.
 */
import type { PlugSchedule } from './profiles/car-schedule.js';
import { commuterPlugSchedule } from './profiles/car-schedule.js';

export interface PvOptions {
  readonly kwp: number;
  readonly tiltDeg: number;
  /** Degrees clockwise from north; 180 = south. */
  readonly azimuthDeg: number;
  readonly systemEfficiency: number;
  readonly inverterMaxW: number;
  /** False: clear sky all the time. */
  readonly clouds: boolean;
}

export interface LoadOptions {
  readonly baseW: number;
}

export interface BatteryOptions {
  readonly capacityWh: number;
  readonly maxChargeW: number;
  readonly maxDischargeW: number;
  readonly roundTripEfficiency: number;
  readonly initialSocPct: number;
  /** The inverter never discharges below this. */
  readonly reserveSocPct: number;
}

export interface CarOptions {
  readonly capacityWh: number;
  readonly maxChargeW: number;
  readonly maxDischargeW: number;
  readonly roundTripEfficiency: number;
  readonly initialSocPct: number;
  /** Average drain while away (driving), W; the car comes home emptier. 0 disables it. */
  readonly awayDrainW: number;
  /** Driving never takes the car below this. */
  readonly awayFloorSocPct: number;
  /** When the car is plugged in; default: commuter (home 17:30-07:30 and weekends). */
  readonly plugSchedule: PlugSchedule;
}

export interface GridOptions {
  readonly fuseA: number;
  readonly phases: 1 | 3;
  readonly nominalVoltageV: number;
  /** Supply impedance per phase, ohm: sets the voltage drop under load. */
  readonly impedanceOhm: number;
}

export interface HomePhysicsOptions {
  readonly seed?: number;
  /** Site time of the first state; default clock.now(). */
  readonly startMs?: number;
  readonly latitudeDeg?: number;
  readonly longitudeDeg?: number;
  /** IANA zone for household habits and the car schedule. */
  readonly timeZone?: string;
  readonly pv?: Partial<PvOptions>;
  readonly load?: Partial<LoadOptions>;
  readonly battery?: Partial<BatteryOptions>;
  readonly car?: Partial<CarOptions>;
  readonly grid?: Partial<GridOptions>;
}

export interface ResolvedPhysicsOptions {
  readonly seed: number;
  readonly latitudeDeg: number;
  readonly longitudeDeg: number;
  readonly timeZone: string;
  readonly pv: PvOptions;
  readonly load: LoadOptions;
  readonly battery: BatteryOptions;
  readonly car: CarOptions;
  readonly grid: GridOptions;
}

export function resolvePhysicsOptions(o: HomePhysicsOptions): ResolvedPhysicsOptions {
  const timeZone = o.timeZone ?? 'Europe/Amsterdam';
  const kwp = o.pv?.kwp ?? 6;
  const resolved: ResolvedPhysicsOptions = {
    seed: o.seed ?? 1,
    latitudeDeg: o.latitudeDeg ?? 52.09,
    longitudeDeg: o.longitudeDeg ?? 5.12,
    timeZone,
    pv: withDefaults<PvOptions>({ kwp, tiltDeg: 35, azimuthDeg: 180, systemEfficiency: 0.85, inverterMaxW: kwp * 1000, clouds: true }, o.pv),
    load: withDefaults<LoadOptions>({ baseW: 220 }, o.load),
    battery: withDefaults<BatteryOptions>({ capacityWh: 10_000, maxChargeW: 5000, maxDischargeW: 5000, roundTripEfficiency: 0.92, initialSocPct: 50, reserveSocPct: 5 }, o.battery),
    car: withDefaults<CarOptions>(
      {
        capacityWh: 60_000,
        maxChargeW: 11_000,
        maxDischargeW: 11_000,
        roundTripEfficiency: 0.85,
        initialSocPct: 60,
        awayDrainW: 700,
        awayFloorSocPct: 10,
        plugSchedule: commuterPlugSchedule(timeZone),
      },
      o.car,
    ),
    grid: withDefaults<GridOptions>({ fuseA: 25, phases: 3, nominalVoltageV: 230, impedanceOhm: 0.25 }, o.grid),
  };
  check(resolved);
  return resolved;
}

/** Defaults overlaid with the given keys; an explicit `undefined` keeps the default. */
function withDefaults<T extends object>(defaults: T, given: Partial<T> | undefined): T {
  const out = { ...defaults };
  for (const [k, v] of Object.entries(given ?? {})) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** Nonsense options are a programming error in a test or the sim's config: fail loudly and early. */
function check(o: ResolvedPhysicsOptions): void {
  const positive: [string, number][] = [
    ['pv.kwp', o.pv.kwp],
    ['battery.capacityWh', o.battery.capacityWh],
    ['car.capacityWh', o.car.capacityWh],
    ['grid.fuseA', o.grid.fuseA],
    ['grid.nominalVoltageV', o.grid.nominalVoltageV],
  ];
  for (const [name, v] of positive) if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a positive number, got ${v}`);
  const fractions: [string, number][] = [
    ['battery.roundTripEfficiency', o.battery.roundTripEfficiency],
    ['car.roundTripEfficiency', o.car.roundTripEfficiency],
    ['pv.systemEfficiency', o.pv.systemEfficiency],
  ];
  for (const [name, v] of fractions) if (!(v > 0 && v <= 1)) throw new RangeError(`${name} must be in (0, 1], got ${v}`);
  const pcts: [string, number][] = [
    ['battery.initialSocPct', o.battery.initialSocPct],
    ['battery.reserveSocPct', o.battery.reserveSocPct],
    ['car.initialSocPct', o.car.initialSocPct],
  ];
  for (const [name, v] of pcts) if (!(v >= 0 && v <= 100)) throw new RangeError(`${name} must be 0-100, got ${v}`);
}
