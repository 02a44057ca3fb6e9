/**
 * Forecast sanity: the clear-sky model (sun position, daily shape, scaling
 * with the array), the PV forecast scaled by how the array actually did, the
 * household load from the hub's own history, and prices beyond the known ones.
 */
import { describe, expect, it } from 'vitest';
import { localTime } from '../../../main/common/local-time.js';
import { clearSkyMeanW, clearSkyW, sunPosition } from '../../../main/optimiser/forecast/clear-sky.js';
import type { PvArray, SiteLocation } from '../../../main/optimiser/forecast/clear-sky.js';
import { forecastLoad } from '../../../main/optimiser/forecast/load-forecast.js';
import { pricesFor } from '../../../main/optimiser/forecast/price-forecast.js';
import { forecastFromRecentDays } from '../../../main/optimiser/forecast/profile-forecast.js';
import { forecastPv } from '../../../main/optimiser/forecast/pv-forecast.js';
import type { Series } from '../../../main/optimiser/forecast/series.js';

const utrecht: SiteLocation = { latitudeDeg: 52.09, longitudeDeg: 5.12 };
const south: PvArray = { kwp: 5, tiltDeg: 35, azimuthDeg: 180 };
const minuteMs = 60_000;
const quarterMs = 15 * minuteMs;
const dayMs = 86_400_000;
const midsummer = Date.UTC(2026, 5, 21);
/** Solar noon at 5.12° E: 12:00 UTC - 5.12 × 4 min, plus ~1.8 min equation of time in late June: ~11:41 UTC. */
const solarNoon = midsummer + 11 * 3_600_000 + 41 * minuteMs;

/** The time of the largest value of f over the day from `dayStart`, in 5-minute steps. */
function argmaxOfDay(dayStart: number, f: (ts: number) => number): number {
  let best = dayStart;
  for (let ts = dayStart; ts < dayStart + dayMs; ts += 5 * minuteMs) if (f(ts) > f(best)) best = ts;
  return best;
}

/** A quarter-hour series of `days` days up to `endMs`, from a function of time. */
function series(endMs: number, days: number, f: (ts: number) => number): Series {
  const startMs = endMs - days * dayMs;
  const values = Float64Array.from({ length: days * 96 }, (_, i) => f(startMs + i * quarterMs));
  return { startMs, stepMs: quarterMs, values };
}

const quarters = (fromMs: number, count: number): number[] => Array.from({ length: count }, (_, i) => fromMs + i * quarterMs);

describe('clear-sky model', () => {
  it('puts the midsummer sun at 90° - latitude + 23.44° at solar noon, due south', () => {
    const noon = argmaxOfDay(midsummer, (ts) => sunPosition(ts, utrecht).elevationDeg);
    expect(Math.abs(noon - solarNoon)).toBeLessThanOrEqual(10 * minuteMs);
    const sun = sunPosition(noon, utrecht);
    expect(sun.elevationDeg).toBeCloseTo(90 - 52.09 + 23.44, 0);
    expect(sun.azimuthDeg).toBeGreaterThan(175);
    expect(sun.azimuthDeg).toBeLessThan(185);
    // Winter solstice: 23.44° lower on the other side.
    const winterNoon = argmaxOfDay(Date.UTC(2026, 11, 21), (ts) => sunPosition(ts, utrecht).elevationDeg);
    expect(sunPosition(winterNoon, utrecht).elevationDeg).toBeCloseTo(90 - 52.09 - 23.44, 0);
  });

  it('gives nothing at night', () => {
    // Sunset in Utrecht in June is around 20:05 UTC, sunrise around 03:20 UTC.
    for (const hour of [21, 22, 23, 24, 25, 26]) expect(clearSkyW(midsummer + hour * 3_600_000, utrecht, south)).toBe(0);
    expect(clearSkyMeanW(midsummer, midsummer + 2 * 3_600_000, utrecht, [south])).toBe(0);
  });

  it('peaks near solar noon for a south array, earlier facing east and later facing west', () => {
    const at = (array: PvArray) => argmaxOfDay(midsummer, (ts) => clearSkyW(ts, utrecht, array));
    expect(Math.abs(at(south) - solarNoon)).toBeLessThanOrEqual(20 * minuteMs);
    expect(at({ ...south, azimuthDeg: 90 })).toBeLessThan(solarNoon - 2 * 3_600_000);
    expect(at({ ...south, azimuthDeg: 270 })).toBeGreaterThan(solarNoon + 2 * 3_600_000);
  });

  it('scales with the array size and is plausible per kWp', () => {
    const one = clearSkyW(solarNoon, utrecht, { ...south, kwp: 1 });
    // A clear midsummer noon on a well-oriented array: roughly 0.7-0.95 kW per kWp after system losses.
    expect(one).toBeGreaterThan(700);
    expect(one).toBeLessThan(950);
    expect(clearSkyW(solarNoon, utrecht, { ...south, kwp: 6 })).toBeCloseTo(6 * one, 6);
    expect(clearSkyW(solarNoon, utrecht, { ...south, kwp: 0 })).toBe(0);
    // Two arrays add up.
    const both = clearSkyMeanW(solarNoon, solarNoon + quarterMs, utrecht, [south, south]);
    expect(both).toBeCloseTo(2 * clearSkyMeanW(solarNoon, solarNoon + quarterMs, utrecht, [south]), 6);
    // Less in winter.
    expect(clearSkyW(Date.UTC(2026, 11, 21, 11, 45), utrecht, south)).toBeLessThan(0.7 * clearSkyW(solarNoon, utrecht, south));
  });
});

describe('forecastPv', () => {
  const now = midsummer + 6 * 3_600_000;
  const day = quarters(midsummer, 96);
  const empty = series(now, 4, () => Number.NaN);

  it('without history derates clear sky by the default ratio: zero at night, peak at noon', () => {
    const f = forecastPv(empty, now, day, quarterMs, utrecht, [south]);
    f.forEach((w, i) => expect(w).toBeCloseTo(0.6 * clearSkyMeanW(day[i]!, day[i]! + quarterMs, utrecht, [south]), 6));
    expect(f[0]).toBe(0);
    expect(f[95]).toBe(0);
    const peak = f.indexOf(Math.max(...f));
    expect(Math.abs(day[peak]! + quarterMs / 2 - solarNoon)).toBeLessThanOrEqual(30 * minuteMs);
    const bigger = forecastPv(empty, now, day, quarterMs, utrecht, [{ ...south, kwp: 10 }]);
    bigger.forEach((w, i) => expect(w).toBeCloseTo(2 * f[i]!, 6));
  });

  it('follows what the array really produced over the last days', () => {
    // Measured 80 % of clear sky for days (a dirty or shaded array): the forecast is 80 % too.
    const history = series(now, 4, (ts) => 0.8 * clearSkyMeanW(ts, ts + quarterMs, utrecht, [south]));
    const tomorrow = quarters(midsummer + dayMs, 96);
    const f = forecastPv(history, now, tomorrow, quarterMs, utrecht, [south]);
    f.forEach((w, i) => expect(w).toBeCloseTo(0.8 * clearSkyMeanW(tomorrow[i]!, tomorrow[i]! + quarterMs, utrecht, [south]), 3));
  });

  it("weighs the last hour's sky for the next hours, fading later", () => {
    // Clouds since an hour ago (40 % of clear sky) after clear-ish days at 80 %.
    const noonNow = midsummer + 11 * 3_600_000;
    const history = series(noonNow, 4, (ts) => (ts >= noonNow - 3_600_000 ? 0.4 : 0.8) * clearSkyMeanW(ts, ts + quarterMs, utrecht, [south]));
    const slots = [noonNow, noonNow + dayMs];
    const f = forecastPv(history, noonNow, slots, quarterMs, utrecht, [south]);
    const clear = slots.map((ts) => clearSkyMeanW(ts, ts + quarterMs, utrecht, [south]));
    expect(f[0]! / clear[0]!).toBeCloseTo(0.4, 2);
    expect(f[1]! / clear[1]!).toBeCloseTo(0.8, 2);
  });

  it('without arrays forecasts nothing, and the array-less forecast repeats recent days', () => {
    expect(forecastPv(empty, now, day, quarterMs, utrecht, []).every((w) => w === 0)).toBe(true);
    // Same production at the same time each day (3 kW from 10:00 to 14:00 UTC): tomorrow repeats it.
    const history = series(now, 4, (ts) => {
      const h = (ts % dayMs) / 3_600_000;
      return h >= 10 && h < 14 ? 3000 : 0;
    });
    const f = forecastFromRecentDays(history, now, quarters(midsummer + dayMs, 96), quarterMs);
    expect(f[4 * 12]).toBe(3000);
    expect(f[4 * 2]).toBe(0);
  });
});

describe('forecastLoad', () => {
  const tz = 'Europe/Amsterdam';
  const local = (ts: number) => localTime(ts, tz);
  // 06:00 local (04:00 UTC) on a Sunday.
  const now = Date.UTC(2026, 5, 21, 4, 0);
  const next = quarters(now, 4 * 48);
  const localHour = (ts: number): number => local(ts).msOfDay / 3_600_000;

  it('uses a default without history', () => {
    const f = forecastLoad(series(now, 8, () => Number.NaN), now, next, quarterMs, local);
    expect(f.every((w) => w === 400)).toBe(true);
  });

  it('repeats a steady load and the daily evening peak', () => {
    expect(forecastLoad(series(now, 8, () => 500), now, next, quarterMs, local).every((w) => Math.abs(w - 500) < 1e-9)).toBe(true);
    // 2 kW from 18:00 to 20:00 local every day, 300 W otherwise.
    const history = series(now, 8, (ts) => (localHour(ts) >= 18 && localHour(ts) < 20 ? 2000 : 300));
    const f = forecastLoad(history, now, next, quarterMs, local);
    next.forEach((ts, i) => expect(f[i]).toBeCloseTo(localHour(ts) >= 18 && localHour(ts) < 20 ? 2000 : 300, 6));
  });

  it('blends in the same weekday a week ago', () => {
    // 300 W always, except 1.3 kW six days ago at 12:00 local: a week before tomorrow 12:00.
    const spike = Date.UTC(2026, 5, 15, 10, 0);
    const history = series(now, 8, (ts) => (ts === spike ? 1300 : 300));
    const target = spike + 7 * dayMs;
    const [w] = forecastLoad(history, now, [target], quarterMs, local);
    // Days 2..7 back are in the past (day 1 back is not yet): (5 × 300 + 1300) / 6 = 466.7,
    // blended 70 / 30 with that weekday's 1300: 716.7.
    expect(w).toBeCloseTo(0.7 * ((5 * 300 + 1300) / 6) + 0.3 * 1300, 6);
  });

  it('corrects towards the level of the last hours, fading over a few hours', () => {
    // Usually 400 W, but 800 W over the last two hours (guests): double now, back to ~400 W by evening.
    const history = series(now, 8, (ts) => (ts >= now - 2 * 3_600_000 ? 800 : 400));
    const f = forecastLoad(history, now, next, quarterMs, local);
    expect(f[0]).toBeCloseTo(800, 6);
    expect(f[4]!).toBeLessThan(f[0]!);
    expect(f[4]!).toBeGreaterThan(400);
    expect(f[4 * 12]).toBeCloseTo(400 * (1 + Math.exp(-4)), 0);
  });
});

describe('pricesFor', () => {
  it('borrows the same quarter hour of an earlier day, marked estimated, else the mean of the known', () => {
    const today = Date.UTC(2026, 5, 21);
    const known = new Map([
      [today, { importPerKWh: 0.2, exportPerKWh: 0.05 }],
      [today + quarterMs, { importPerKWh: 0.4, exportPerKWh: 0.1 }],
    ]);
    const p = pricesFor([today, today + quarterMs, today + dayMs, today + 2 * quarterMs], (ts) => known.get(ts) ?? null, { importPerKWh: 9, exportPerKWh: 9 });
    expect(p[0]).toEqual({ importPerKWh: 0.2, exportPerKWh: 0.05, estimated: false });
    expect(p[2]).toEqual({ importPerKWh: 0.2, exportPerKWh: 0.05, estimated: true });
    expect(p[3]!.importPerKWh).toBeCloseTo(0.3, 9);
    expect(p[3]!.estimated).toBe(true);
    // Nothing known at all: the configured flat price.
    expect(pricesFor([today], () => null, { importPerKWh: 0.3, exportPerKWh: 0.05 })).toEqual([{ importPerKWh: 0.3, exportPerKWh: 0.05, estimated: true }]);
  });
});
