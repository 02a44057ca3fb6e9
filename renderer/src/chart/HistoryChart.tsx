import { useEffect, useRef } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart, Legend, LinearScale, LineController, LineElement, PointElement } from 'chart.js';
import { fetchHistory, hubConnection } from '../../api/index.js';
import { formatClock } from '../format.js';
import { appendLive, chartWindowMs, mergeHistory, pointFromSnapshot, seriesKeys, toChartPoints } from './series.js';
import type { PowerPoint, SeriesKey } from './series.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend);

const seriesLabelKeys = {
  gridW: 'chart.series.grid',
  pvW: 'chart.series.pv',
  batteryW: 'chart.series.battery',
  carW: 'chart.series.car',
} as const satisfies Record<SeriesKey, string>;

/** The theme's colours live in CSS; the chart reads them once. */
const colourVars: Readonly<Record<SeriesKey, string>> = { gridW: '--grid', pvW: '--pv', batteryW: '--battery', carW: '--car' };

function cssColour(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value === '' ? fallback : value;
}

/** Chart redraws at most this often (real ms), however fast snapshots come. */
const redrawEveryMs = 1_000;

/**
 * Grid, PV, battery and car power over the last hour. The chart lives outside
 * React's render cycle: it subscribes to the live stream itself and redraws
 * in place, so a snapshot never re-renders this component.
 */
export function HistoryChart(): ReactElement {
  const { t, i18n } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null) return;
    const muted = cssColour('--text-muted', '#9aa7b4');
    const gridLine = cssColour('--chart-grid', 'rgba(255,255,255,0.08)');
    const zeroLine = cssColour('--chart-zero', 'rgba(255,255,255,0.35)');
    const language = i18n.language;

    const chart = new Chart(canvas, {
      type: 'line',
      data: {
        datasets: seriesKeys.map((key) => ({
          label: t(seriesLabelKeys[key]),
          data: [] as { x: number; y: number }[],
          borderColor: cssColour(colourVars[key], '#ffffff'),
          backgroundColor: cssColour(colourVars[key], '#ffffff'),
          borderWidth: 2,
          pointRadius: 0,
          tension: 0.25,
          spanGaps: false,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        events: [],
        layout: { padding: { top: 4, right: 8 } },
        font: { size: 13 },
        color: muted,
        scales: {
          x: {
            type: 'linear',
            // Whole quarter hours; the window's own ends would be odd times.
            ticks: { color: muted, stepSize: 15 * 60_000, includeBounds: false, callback: (value) => formatClock(Number(value), language, false) },
            grid: { color: gridLine },
          },
          y: {
            type: 'linear',
            title: { display: true, text: t('chart.axis'), color: muted },
            ticks: { color: muted, maxTicksLimit: 6 },
            grid: { color: (ctx) => (ctx.tick.value === 0 ? zeroLine : gridLine) },
          },
        },
        plugins: {
          legend: { position: 'top', align: 'end', labels: { color: muted, boxWidth: 14, boxHeight: 3, padding: 14 } },
        },
      },
    });

    const connection = hubConnection();
    let points: readonly PowerPoint[] = [];
    let needHistory = true;
    let lastStatus = connection.getState().status;
    let redrawTimer: ReturnType<typeof setTimeout> | undefined;
    let lastRedraw = 0;
    let disposed = false;

    const redraw = (): void => {
      redrawTimer = undefined;
      lastRedraw = performance.now();
      const lastTs = points.at(-1)?.ts;
      seriesKeys.forEach((key, i) => {
        const dataset = chart.data.datasets[i];
        if (dataset !== undefined) dataset.data = toChartPoints(points, key);
      });
      const x = chart.options.scales?.x;
      if (x !== undefined && lastTs !== undefined) {
        x.min = lastTs - chartWindowMs;
        x.max = lastTs;
      }
      chart.update('none');
    };
    const scheduleRedraw = (): void => {
      if (redrawTimer !== undefined || disposed) return;
      redrawTimer = setTimeout(redraw, Math.max(0, redrawEveryMs - (performance.now() - lastRedraw)));
    };

    const loadHistory = (nowTs: number): void => {
      needHistory = false;
      fetchHistory(nowTs - chartWindowMs, nowTs).then(
        (rows) => {
          if (disposed) return;
          points = mergeHistory(rows, points);
          scheduleRedraw();
        },
        () => {
          // Live points still fill the chart; try again after the next reconnect.
          needHistory = true;
        },
      );
    };

    const onState = (): void => {
      const { snapshot, status } = connection.getState();
      // Back after a gap: fetch the minutes we missed.
      if (status === 'live' && lastStatus !== 'live') needHistory = true;
      lastStatus = status;
      if (snapshot === null) return;
      const next = appendLive(points, pointFromSnapshot(snapshot));
      if (next !== points) {
        if (next.length === 1 && points.length > 1) needHistory = true;
        points = next;
        scheduleRedraw();
      }
      if (needHistory && status === 'live') loadHistory(snapshot.ts);
    };

    const unsubscribe = connection.subscribe(onState);
    onState();
    return () => {
      disposed = true;
      unsubscribe();
      clearTimeout(redrawTimer);
      chart.destroy();
    };
  }, [t, i18n.language]);

  return (
    <section className="panel chart-panel" aria-labelledby="chart-title">
      <header className="panel__header">
        <h2 id="chart-title" className="panel__title">
          {t('chart.title')}
        </h2>
      </header>
      <div className="chart-panel__canvas">
        <canvas ref={canvasRef} data-testid="history-chart" />
      </div>
    </section>
  );
}
