import { describe, expect, it } from 'vitest';
import type { StatisticsBucket } from '../../main/common/statistics.js';
import { zeroEnergy } from '../../main/common/statistics.js';
import { historySeries, shares } from '../../renderer/src/history/historyModel.js';
import { tickDigits } from '../../renderer/src/history/HistoryChart.js';

function bucket(o: Partial<StatisticsBucket['energy']>): StatisticsBucket {
  return { startMs: 0, endMs: 1, minutes: 60, energy: { ...zeroEnergy, ...o }, cost: null, batterySocPct: null, carSocPct: null };
}

describe('history series', () => {
  it('draws sources above zero and uses below, in kWh', () => {
    const s = historySeries([bucket({ pvWh: 2500, homeWh: 1200, gridExportWh: 1300 })]);
    expect(s.sources.pvWh).toEqual([2.5]);
    expect(s.uses.homeWh).toEqual([-1.2]);
    expect(s.uses.gridExportWh).toEqual([-1.3]);
  });

  it('shares of a total, zero when there is none', () => {
    expect(shares({ a: 1, b: 3 })).toEqual({ a: 0.25, b: 0.75 });
    expect(shares({ a: 0, b: 0 })).toEqual({ a: 0, b: 0 });
  });

  it('gives axis ticks enough decimals to differ', () => {
    expect(tickDigits([0, 5, 10])).toBe(0);
    expect(tickDigits([0, 0.5, 1])).toBe(1);
    expect(tickDigits([0, 0.05, 0.1])).toBe(2);
  });
});
