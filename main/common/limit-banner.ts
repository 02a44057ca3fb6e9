/**
 * The one line the UI shows while a utility or grid operator limits the site,
 * e.g. "Grid operator limit 4.2 kW active until 19:00". Pure, shared with the
 * renderer so the wording is the same on every screen and in the logs.
 */
import type { ActiveLimits, GridLimitSignal } from './limits.js';
import { localTime } from './local-time.js';

const who: Record<GridLimitSignal['source'], string> = {
  'dso-14a': 'Grid operator',
  failsafe: 'Grid operator (failsafe: signal lost)',
  mqtt: 'Utility',
  openadr: 'Utility',
  config: 'Installer',
};

const what: Record<GridLimitSignal['kind'], string> = {
  controllable: 'limit',
  import: 'import limit',
  export: 'export limit',
};

function hhmm(ts: number, timeZone: string): string {
  const minutes = Math.floor(localTime(ts, timeZone).msOfDay / 60_000);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Null when no utility or grid-operator limit is in force (installer config limits are not announced). */
export function gridLimitBanner(limits: ActiveLimits, timeZone: string): string | null {
  const shown = limits.signals.filter((s) => s.source !== 'config');
  if (shown.length === 0) return null;
  // The strictest controllable limit first (the §14a case), then import, then export.
  const order: GridLimitSignal['kind'][] = ['controllable', 'import', 'export'];
  const signal = [...shown].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.limitW - b.limitW)[0];
  if (signal === undefined) return null;
  const until = signal.endMs === null ? (signal.source === 'failsafe' ? ' until the signal returns' : ' until revoked') : ` until ${hhmm(signal.endMs, timeZone)}`;
  return `${who[signal.source]} ${what[signal.kind]} ${(signal.limitW / 1000).toFixed(1)} kW active${until}`;
}
