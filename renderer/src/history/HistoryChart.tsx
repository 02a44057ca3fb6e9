import { useEffect, useRef } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatisticsBucket, StatisticsRange } from '../../../main/common/statistics.js';
import { Chart, chartTheme, withAlpha } from '../chart/setup.js';
import { useFormat } from '../i18n/useFormat.js';
import type { Formatters } from '../i18n/useFormat.js';
import { usePreferences } from '../settings/preferences.js';
import { historySeries, sourceKeys, useKeys } from './historyModel.js';
import type { SourceKey, UseKey } from './historyModel.js';

export const flowColourVars: Readonly<Record<SourceKey | UseKey, string>> = {
  pvWh: '--pv',
  batteryDischargeWh: '--battery',
  gridImportWh: '--grid',
  carDischargeWh: '--car',
  homeWh: '--home',
  carChargeWh: '--car',
  batteryChargeWh: '--battery',
  gridExportWh: '--grid',
};

/** Enough decimals to tell neighbouring ticks apart (0.05 kWh steps need two). */
export function tickDigits(values: readonly number[]): number {
  const step = values.length > 1 ? Math.abs((values[1] ?? 0) - (values[0] ?? 0)) : 1;
  return step >= 1 || step === 0 ? 0 : Math.min(3, Math.ceil(-Math.log10(step) - 1e-9));
}

function bucketLabel(b: StatisticsBucket, range: StatisticsRange, f: Formatters): string {
  switch (range) {
    case 'day':
      return f.time(b.startMs).slice(0, 2);
    case 'week':
      return f.date(b.startMs, 'weekdayShort');
    case 'month':
      return f.date(b.startMs, 'dayNumber');
    case 'year':
      return f.date(b.startMs, 'monthShort');
  }
}

/** Stacked bars per hour/day/month: sources above zero, uses below. Built once per theme/language, updated in place. */
export function HistoryChart(props: { readonly buckets: readonly StatisticsBucket[]; readonly range: StatisticsRange; readonly label: string }): ReactElement {
  const { i18n } = useTranslation();
  const f = useFormat();
  const theme = usePreferences().theme;
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar', number[], string> | null>(null);

  useEffect(() => {
    const el = canvas.current;
    if (el === null) return;
    const c = chartTheme();
    const colour = (k: SourceKey | UseKey): string => getComputedStyle(document.documentElement).getPropertyValue(flowColourVars[k]).trim() || c.muted;
    const made = new Chart<'bar', number[], string>(el, {
      type: 'bar',
      data: {
        labels: [],
        datasets: [
          ...sourceKeys.map((k) => ({ label: k, data: [] as number[], backgroundColor: colour(k), stack: 'energy', borderWidth: 0 })),
          // Uses are drawn lighter than the sources of the same colour (battery in vs out).
          ...useKeys.map((k) => ({ label: k, data: [] as number[], backgroundColor: withAlpha(colour(k), 0.5), stack: 'energy', borderWidth: 0 })),
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        events: [],
        plugins: { legend: { display: false }, tooltip: { enabled: false } },
        scales: {
          x: { stacked: true, grid: { display: false }, ticks: { color: c.muted, maxRotation: 0, autoSkipPadding: 6, font: { size: 13 } } },
          y: {
            stacked: true,
            grid: { color: (ctx) => (ctx.tick.value === 0 ? c.zero : c.grid) },
            ticks: { color: c.muted, maxTicksLimit: 6, font: { size: 13 }, callback: (v, _i, ticks) => f.number(Number(v), tickDigits(ticks.map((k) => k.value))) },
            title: { display: true, text: 'kWh', color: c.muted },
          },
        },
      },
    });
    chart.current = made;
    return () => {
      made.destroy();
      chart.current = null;
    };
  }, [f, i18n.language, theme]);

  useEffect(() => {
    const c = chart.current;
    if (c === null) return;
    const s = historySeries(props.buckets);
    c.data.labels = props.buckets.map((b) => bucketLabel(b, props.range, f));
    [...sourceKeys.map((k) => s.sources[k]), ...useKeys.map((k) => s.uses[k])].forEach((data, i) => {
      const ds = c.data.datasets[i];
      if (ds !== undefined) ds.data = [...data];
    });
    c.update('none');
  }, [props.buckets, props.range, f, theme, i18n.language]);

  return (
    <div className="history-chart">
      <canvas ref={canvas} role="img" aria-label={props.label} data-testid="history-chart" />
    </div>
  );
}
