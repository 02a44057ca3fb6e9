import { useEffect, useRef } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartConfiguration, ChartType } from 'chart.js';
import { Chart, chartTheme, marksPlugin, withAlpha } from '../chart/setup.js';
import type { ChartTheme } from '../chart/setup.js';
import { useFormat } from '../i18n/useFormat.js';
import type { Formatters } from '../i18n/useFormat.js';
import { usePreferences } from '../settings/preferences.js';
import type { PlanSeries } from './planModel.js';
import { tickLabel } from './planModel.js';

interface Props {
  readonly series: PlanSeries;
  readonly currency: string;
  readonly selected: number | null;
  readonly onSelect: (index: number) => void;
}

type Kind = 'price' | 'power' | 'soc';

function xAxis(series: PlanSeries, f: Formatters, theme: ChartTheme, narrow: boolean, show: boolean): NonNullable<ChartConfiguration['options']>['scales'] {
  return {
    x: {
      type: 'category',
      display: true,
      grid: { display: false },
      ticks: {
        display: show,
        color: theme.muted,
        autoSkip: false,
        maxRotation: 0,
        font: { size: 13 },
        callback: (_value, index) => {
          const slot = series.slots[index];
          return slot === undefined ? null : tickLabel(f.time(slot.startMs), f.date(slot.startMs, 'weekdayShort'), narrow ? 6 : 3);
        },
      },
    },
  };
}

interface AxisTitles {
  readonly price: string;
  readonly kw: string;
  readonly soc: string;
}

function config(kind: Kind, series: PlanSeries, f: Formatters, theme: ChartTheme, axis: AxisTitles, narrow: boolean): ChartConfiguration<ChartType, number[], number> {
  const labels = series.slots.map((s) => s.startMs);
  // One width for every chart's y axis, so the three time axes line up.
  const yCommon = {
    grid: { color: (ctx: { tick: { value: number } }) => (ctx.tick.value === 0 ? theme.zero : theme.grid) },
    ticks: { color: theme.muted, maxTicksLimit: 5, font: { size: 13 } },
    afterFit: (scale: { width: number }) => {
      scale.width = narrow ? 40 : 60;
    },
  };
  const base = {
    animation: false as const,
    responsive: true,
    maintainAspectRatio: false,
    events: ['click' as const],
    layout: { padding: { top: 6, right: 4 } },
    plugins: { legend: { display: false }, tooltip: { enabled: false }, marks: { selected: null, now: series.nowIndex, selectColour: theme.select, nowColour: theme.now } },
  };
  if (kind === 'price') {
    const colours = series.priceLevel.map((l, i) => {
      const c = l === 'cheap' ? theme.cheap : l === 'expensive' ? theme.expensive : theme.normal;
      const slot = series.slots[i];
      return slot !== undefined && slot.priceEstimated ? withAlpha(c, 0.45) : c;
    });
    return {
      type: 'bar',
      data: { labels, datasets: [{ data: series.slots.map((s) => s.importPerKWh), backgroundColor: colours, borderWidth: 0, barPercentage: 1, categoryPercentage: 0.85 }] },
      options: {
        ...base,
        scales: { ...xAxis(series, f, theme, narrow, false), y: { ...yCommon, title: { display: !narrow, text: axis.price, color: theme.muted } } },
      },
      plugins: [marksPlugin],
    };
  }
  if (kind === 'power') {
    const line = (data: readonly number[], colour: string, extra: Record<string, unknown> = {}) => ({ data: [...data], borderColor: colour, backgroundColor: withAlpha(colour, 0.18), borderWidth: 2.5, pointRadius: 0, tension: 0.2, ...extra });
    return {
      type: 'line',
      data: {
        labels,
        datasets: [
          line(series.pvKw, theme.pv, { fill: 'origin' }),
          line(series.loadKw, theme.home, { borderDash: [6, 4], borderWidth: 2 }),
          line(series.batteryKw, theme.battery, { stepped: 'before' }),
          line(series.carKw, theme.car, { stepped: 'before', borderWidth: 3 }),
        ],
      },
      options: { ...base, scales: { ...xAxis(series, f, theme, narrow, false), y: { ...yCommon, title: { display: !narrow, text: axis.kw, color: theme.muted } } } },
      plugins: [marksPlugin],
    };
  }
  const socLine = (data: readonly number[], colour: string) => ({ data: [...data], borderColor: colour, backgroundColor: colour, borderWidth: 2.5, pointRadius: 0, tension: 0.2, spanGaps: false });
  return {
    type: 'line',
    data: { labels, datasets: [socLine(series.batterySoc, theme.battery), socLine(series.carSoc, theme.car)] },
    options: {
      ...base,
      scales: { ...xAxis(series, f, theme, narrow, true), y: { ...yCommon, min: 0, max: 100, ticks: { ...yCommon.ticks, stepSize: 50 }, title: { display: !narrow, text: axis.soc, color: theme.muted } } },
    },
    plugins: [marksPlugin],
  };
}

const kinds: readonly Kind[] = ['price', 'power', 'soc'];

/**
 * Price bars, planned powers and SoC lines over the next 48 h, one chart
 * each with a shared time axis. A tap anywhere selects that slot. The charts
 * are built once per theme/language and updated in place when the plan changes.
 */
export function PlanCharts({ series, currency, selected, onSelect }: Props): ReactElement {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const theme = usePreferences().theme;
  const canvases = useRef<(HTMLCanvasElement | null)[]>([]);
  const charts = useRef<Chart[]>([]);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  useEffect(() => {
    const colours = chartTheme();
    const narrow = window.innerWidth < 1000;
    const axis: AxisTitles = { price: t('plan.axis.price', { currency }), kw: t('plan.axis.kw'), soc: t('plan.axis.soc') };
    const made = kinds.flatMap((kind, i) => {
      const canvas = canvases.current[i];
      if (canvas === null || canvas === undefined) return [];
      const cfg = config(kind, series, f, colours, axis, narrow);
      const chart = new Chart(canvas, {
        ...cfg,
        options: {
          ...cfg.options,
          onClick: (event, _elements, c) => {
            const native = event.native;
            if (native === null) return;
            const hit = c.getElementsAtEventForMode(native, 'index', { intersect: false }, false)[0];
            if (hit !== undefined) onSelectRef.current(hit.index);
          },
        },
      });
      return [chart];
    });
    charts.current = made;
    return () => {
      for (const c of made) c.destroy();
      charts.current = [];
    };
    // Rebuilt for a new plan, theme or language; selection changes only repaint (below).
  }, [series, currency, f, t, i18n.language, theme]);

  useEffect(() => {
    for (const c of charts.current) {
      const marks = c.options.plugins?.marks;
      if (marks !== undefined) marks.selected = selected;
      c.update('none');
    }
  }, [selected, series]);

  const legend: readonly { readonly key: string; readonly cls: string; readonly text: string }[] = [
    { key: 'pv', cls: 'pv', text: t('plan.legend.pv') },
    { key: 'load', cls: 'home', text: t('plan.legend.load') },
    { key: 'battery', cls: 'battery', text: t('plan.legend.battery') },
    { key: 'car', cls: 'car', text: t('plan.legend.car') },
  ];
  return (
    <div className="plan-charts" data-testid="plan-charts">
      <div className="plan-chart plan-chart--price">
        <canvas ref={(el) => void (canvases.current[0] = el)} data-testid="plan-chart-price" role="img" aria-label={t('plan.chartPrice')} />
      </div>
      <ul className="legend" aria-hidden="true">
        {legend.map((l) => (
          <li key={l.key} className={`legend__item legend__item--${l.cls}`}>
            {l.text}
          </li>
        ))}
      </ul>
      <div className="plan-chart plan-chart--power">
        <canvas ref={(el) => void (canvases.current[1] = el)} data-testid="plan-chart-power" role="img" aria-label={t('plan.chartPower')} />
      </div>
      <ul className="legend" aria-hidden="true">
        <li className="legend__item legend__item--battery">{t('plan.legend.batterySoc')}</li>
        <li className="legend__item legend__item--car">{t('plan.legend.carSoc')}</li>
      </ul>
      <div className="plan-chart plan-chart--soc">
        <canvas ref={(el) => void (canvases.current[2] = el)} data-testid="plan-chart-soc" role="img" aria-label={t('plan.chartSoc')} />
      </div>
    </div>
  );
}
