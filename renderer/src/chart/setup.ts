/**
 * chart.js, registered with only what the plan and history screens draw,
 * and the theme's colours read from CSS (so light and dark agree with the
 * rest of the screen). Loaded with those screens' chunk only.
 */
import { BarController, BarElement, CategoryScale, Chart, Filler, LinearScale, LineController, LineElement, PointElement } from 'chart.js';
import type { ChartType, Plugin } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Filler);

export { Chart };

export function cssColour(name: string, fallback = '#888888'): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value === '' ? fallback : value;
}

/** A colour with an alpha, from a #rrggbb CSS variable. */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (m === null) return hex;
  return `rgba(${parseInt(m[1] ?? '0', 16)}, ${parseInt(m[2] ?? '0', 16)}, ${parseInt(m[3] ?? '0', 16)}, ${alpha})`;
}

export interface ChartTheme {
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  readonly zero: string;
  readonly pv: string;
  readonly gridFlow: string;
  readonly battery: string;
  readonly car: string;
  readonly home: string;
  readonly cheap: string;
  readonly normal: string;
  readonly expensive: string;
  readonly select: string;
  readonly now: string;
}

export function chartTheme(): ChartTheme {
  return {
    text: cssColour('--text'),
    muted: cssColour('--text-muted'),
    grid: cssColour('--chart-grid'),
    zero: cssColour('--chart-zero'),
    pv: cssColour('--pv'),
    gridFlow: cssColour('--grid'),
    battery: cssColour('--battery'),
    car: cssColour('--car'),
    home: cssColour('--home'),
    cheap: cssColour('--cheap'),
    normal: cssColour('--normal'),
    expensive: cssColour('--expensive'),
    select: cssColour('--select'),
    now: cssColour('--text-muted'),
  };
}

/** Options of the marks plugin: a highlighted column and a "now" line, by category index. */
export interface MarksOptions {
  selected: number | null;
  now: number | null;
  selectColour: string;
  nowColour: string;
}

/** Draws the selected slot's band behind the data and the current time's line. */
export const marksPlugin: Plugin<'bar' | 'line', MarksOptions> = {
  id: 'marks',
  beforeDatasetsDraw(chart, _args, options) {
    const x = chart.scales.x;
    const { top, bottom } = chart.chartArea;
    if (x === undefined) return;
    const ctx = chart.ctx;
    const width = x.width / Math.max(1, chart.data.labels?.length ?? 1);
    if (options.selected !== null) {
      ctx.save();
      ctx.fillStyle = options.selectColour;
      ctx.fillRect(x.getPixelForValue(options.selected) - width / 2, top, width, bottom - top);
      ctx.restore();
    }
    if (options.now !== null) {
      ctx.save();
      ctx.strokeStyle = options.nowColour;
      ctx.setLineDash([4, 4]);
      ctx.lineWidth = 1.5;
      const px = x.getPixelForValue(options.now) - width / 2;
      ctx.beginPath();
      ctx.moveTo(px, top);
      ctx.lineTo(px, bottom);
      ctx.stroke();
      ctx.restore();
    }
  },
};

declare module 'chart.js' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the parameter must match chart.js's declaration
  interface PluginOptionsByType<TType extends ChartType> {
    marks?: Partial<MarksOptions>;
  }
}
