/**
 * Household consumption without car and battery: a base load that wanders
 * (fridge cycling, standby, a slow drift), a daily activity curve (lights,
 * TV, computers) and appliance events drawn per local day from the seed:
 * kettles of 2 kW for three minutes, induction cooking that cycles, washing
 * machine and dishwasher heating phases. Appliances sit on one phase each, as
 * in a real three-phase home, so the per-phase currents are unbalanced.
 *
 * A pure function of (seed, time): any instant can be sampled in any order.
 */
import { hash32, mulberry32, valueNoise } from './random.js';
import { hm, localTime } from '../../../main/common/local-time.js';

export type PhaseIndex = 0 | 1 | 2;

export interface LoadSample {
  readonly totalW: number;
  /** Consumption on L1, L2, L3; sums to totalW. */
  readonly phasesW: readonly [number, number, number];
}

export interface LoadProfileOptions {
  readonly seed: number;
  readonly timeZone: string;
  /** Average always-on consumption, W (standby, network, ventilation). */
  readonly baseW: number;
}

interface Segment {
  readonly durationMs: number;
  readonly powerW: number;
  /** Thermostat/induction cycling: on for `duty` of every `periodMs`. */
  readonly cycle?: { readonly periodMs: number; readonly duty: number };
}

interface ApplianceEvent {
  /** Start, ms after local midnight of its day. */
  readonly startMs: number;
  readonly phase: PhaseIndex;
  readonly segments: readonly Segment[];
}

const MIN = 60_000;
const DAY_MS = 86_400_000;
const STREAM_BASE = 201;
const STREAM_ACTIVITY = 202;
const STREAM_EVENTS = 203;
const STREAM_FRIDGE = 204;

/** Share of the base load per phase: rarely balanced in real homes. */
const BASE_SPLIT: readonly [number, number, number] = [0.4, 0.32, 0.28];

/** Lights, TV, computers over a day: [local hour, W] points, joined linearly. */
const ACTIVITY_WEEKDAY: readonly (readonly [number, number])[] = [
  [0, 30], [6, 20], [6.5, 140], [8.5, 110], [9, 40], [16.5, 60], [18, 200], [21, 280], [23, 110], [24, 30],
];
const ACTIVITY_WEEKEND: readonly (readonly [number, number])[] = [
  [0, 40], [7.5, 30], [8.5, 150], [12, 170], [16.5, 140], [18, 210], [21.5, 300], [23.5, 110], [24, 40],
];

export class LoadProfile {
  private readonly eventCache = new Map<number, readonly ApplianceEvent[]>();

  constructor(private readonly options: LoadProfileOptions) {}

  sample(ts: number): LoadSample {
    const { seed, timeZone, baseW } = this.options;
    const local = localTime(ts, timeZone);
    const weekend = local.weekday === 0 || local.weekday === 6;

    const base = baseW * (1 + 0.15 * valueNoise(seed, STREAM_BASE, ts / (20 * MIN)));
    const curve = weekend ? ACTIVITY_WEEKEND : ACTIVITY_WEEKDAY;
    const activity = interpolate(curve, local.msOfDay / 3_600_000) * (1 + 0.3 * valueNoise(seed, STREAM_ACTIVITY, ts / (10 * MIN)));
    // A fridge compressor: 90 W for 13 of every 40 minutes, phase set by the seed.
    const fridgeOffset = (hash32(seed, STREAM_FRIDGE) % 40) * MIN;
    const fridge = (ts + fridgeOffset) % (40 * MIN) < 13 * MIN ? 90 : 0;

    const phases: [number, number, number] = [
      base * BASE_SPLIT[0] + activity / 3,
      base * BASE_SPLIT[1] + activity / 3 + fridge,
      base * BASE_SPLIT[2] + activity / 3,
    ];
    // Yesterday's events may run past midnight (a late dishwasher).
    this.addEvents(phases, this.eventsOf(local.dayIndex), local.msOfDay);
    this.addEvents(phases, this.eventsOf(local.dayIndex - 1), local.msOfDay + DAY_MS);
    return { totalW: phases[0] + phases[1] + phases[2], phasesW: phases };
  }

  private addEvents(phases: [number, number, number], events: readonly ApplianceEvent[], msOfDay: number): void {
    for (const e of events) {
      let t = msOfDay - e.startMs;
      if (t < 0) continue;
      for (const s of e.segments) {
        if (t < s.durationMs) {
          const on = s.cycle === undefined || t % s.cycle.periodMs < s.cycle.periodMs * s.cycle.duty;
          if (on) phases[e.phase] += s.powerW;
          break;
        }
        t -= s.durationMs;
      }
    }
  }

  private eventsOf(dayIndex: number): readonly ApplianceEvent[] {
    let events = this.eventCache.get(dayIndex);
    if (events === undefined) {
      events = drawDay(this.options.seed, dayIndex);
      if (this.eventCache.size > 8) this.eventCache.clear();
      this.eventCache.set(dayIndex, events);
    }
    return events;
  }
}

/** One day's appliance use, drawn from the seed and the day only. */
function drawDay(seed: number, dayIndex: number): readonly ApplianceEvent[] {
  const rnd = mulberry32(hash32(seed, STREAM_EVENTS, dayIndex));
  const between = (from: number, to: number): number => from + rnd() * (to - from);
  const chance = (p: number): boolean => rnd() < p;
  const weekday = (((dayIndex + 4) % 7) + 7) % 7;
  const weekend = weekday === 0 || weekday === 6;
  const events: ApplianceEvent[] = [];
  const kettle = (startMs: number): ApplianceEvent => ({ startMs, phase: 0, segments: [{ durationMs: between(2.5, 4) * MIN, powerW: between(1900, 2200) }] });

  const breakfast = weekend ? between(hm(8), hm(9, 30)) : between(hm(6, 40), hm(7, 40));
  events.push(kettle(breakfast));
  if (chance(0.6)) events.push({ startMs: breakfast + 5 * MIN, phase: 0, segments: [{ durationMs: 4 * MIN, powerW: 900 }] });
  if (chance(0.5)) events.push({ startMs: breakfast - between(10, 30) * MIN, phase: 1, segments: [{ durationMs: 6 * MIN, powerW: 1800 }] });
  if (weekend || chance(0.3)) events.push({ startMs: between(hm(12), hm(13)), phase: 0, segments: [{ durationMs: 3 * MIN, powerW: 1000 }] });
  if (chance(0.5)) events.push(kettle(between(hm(15), hm(17))));

  // Induction hob on two phases, cycling as its power stages do.
  const dinner = between(hm(17, 30), hm(18, 45));
  const hobW = between(1400, 2600);
  const hobMin = between(35, 60);
  for (const phase of [1, 2] as const) {
    events.push({ startMs: dinner, phase, segments: [{ durationMs: hobMin * MIN, powerW: hobW / 2, cycle: { periodMs: 40_000, duty: 0.65 } }] });
  }
  if (chance(0.3)) {
    events.push({ startMs: dinner - 15 * MIN, phase: 2, segments: [{ durationMs: 10 * MIN, powerW: 2000 }, { durationMs: 35 * MIN, powerW: 2000, cycle: { periodMs: 90_000, duty: 0.45 } }] });
  }
  if (chance(0.6)) events.push(kettle(between(hm(19), hm(21))));
  if (chance(0.45)) {
    events.push({
      startMs: between(hm(8), hm(20)),
      phase: 2,
      segments: [{ durationMs: 15 * MIN, powerW: 2000 }, { durationMs: 50 * MIN, powerW: 150 }, { durationMs: 10 * MIN, powerW: 400 }],
    });
  }
  if (chance(0.6)) {
    events.push({
      startMs: between(hm(20, 30), hm(22, 30)),
      phase: 1,
      segments: [
        { durationMs: 5 * MIN, powerW: 100 },
        { durationMs: 20 * MIN, powerW: 1900 },
        { durationMs: 40 * MIN, powerW: 100 },
        { durationMs: 10 * MIN, powerW: 1900 },
        { durationMs: 20 * MIN, powerW: 50 },
      ],
    });
  }
  return events;
}

function interpolate(points: readonly (readonly [number, number])[], x: number): number {
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a === undefined || b === undefined) break;
    if (x <= b[0]) return a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0]);
  }
  return points[points.length - 1]?.[1] ?? 0;
}
