/**
 * February 2026 (no clock change, 1 February a Sunday: 20 weekdays): 1 kW all
 * the time, plus hourly peaks: 3 Feb 17-18 6 kW; 10 Feb 17-18 5 kW and 20-21
 * 8 kW; 20 Feb 08-09 4 kW; 25 Feb 12-13 3 kW. Daily maxima 6, 8, 4, 3 kW:
 * the three highest on different days are 8, 6 and 4, mean 6 kW.
 * Energy 672 + 21 = 693 kWh, all extras on weekdays between 06 and 22:
 * day 320 + 21 = 341 kWh, night and weekend 352 kWh.
 */
import { billInput, hour, monthIntervals } from '../month.js';
import type { BillInput } from '../../../../main/tariffs/presets/preset.js';

const peaks: Record<string, number> = { '3/17': 6, '10/17': 5, '10/20': 8, '20/8': 4, '25/12': 3 };

export function peaksMonth(timeZone: string, dayAheadPerKWh: number): BillInput {
  const m = monthIntervals('2026-02-15T12:00:00Z', timeZone, (l) => ({ importWh: (peaks[`${l.day}/${hour(l)}`] ?? 1) * 250 }));
  return billInput(m, { energyPerKWh: () => dayAheadPerKWh });
}
