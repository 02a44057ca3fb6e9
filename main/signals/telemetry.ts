/**
 * What the hub publishes about itself: a compact telemetry message from the
 * latest snapshot (units in every name, signs as in the snapshot), and the
 * active grid limits. Consumers: the utility or aggregator, and Home
 * Assistant through the discovery configs.
 */
import type { ActiveLimits } from '../common/limits.js';
import { gridLimitBanner } from '../common/limit-banner.js';
import type { SiteSnapshot } from '../common/snapshot.js';

export interface Telemetry {
  readonly ts: string;
  readonly gridW: number | null;
  readonly pvW: number | null;
  readonly batteryW: number | null;
  readonly batterySocPct: number | null;
  readonly carW: number | null;
  readonly carSocPct: number | null;
  readonly carPluggedIn: boolean;
  readonly homeW: number | null;
  readonly gridImportWh: number | null;
  readonly gridExportWh: number | null;
  readonly failsafe: boolean;
  readonly importLimitW: number | null;
  readonly exportLimitW: number | null;
  readonly controllableLimitW: number | null;
  /** "Grid operator limit 4.2 kW active until 19:00", or null. */
  readonly limitBanner: string | null;
}

export function telemetryOf(s: SiteSnapshot, timeZone: string): Telemetry {
  return {
    ts: new Date(s.ts).toISOString(),
    gridW: s.grid.powerW,
    pvW: s.pv.powerW,
    batteryW: s.battery.powerW,
    batterySocPct: s.battery.socPct,
    carW: s.wallbox.powerW,
    carSocPct: s.car.socPct,
    carPluggedIn: s.car.pluggedIn,
    homeW: s.home.powerW,
    gridImportWh: s.grid.energyImportWh,
    gridExportWh: s.grid.energyExportWh,
    failsafe: s.control.failsafe,
    importLimitW: s.limits.importLimitW,
    exportLimitW: s.limits.exportLimitW,
    controllableLimitW: s.limits.controllableLimitW,
    limitBanner: gridLimitBanner(s.limits, timeZone),
  };
}

export function limitsMessage(limits: ActiveLimits, timeZone: string): string {
  return JSON.stringify({
    importLimitW: limits.importLimitW,
    exportLimitW: limits.exportLimitW,
    controllableLimitW: limits.controllableLimitW,
    banner: gridLimitBanner(limits, timeZone),
    signals: limits.signals.map((s) => ({ ...s, start: new Date(s.startMs).toISOString(), end: s.endMs === null ? null : new Date(s.endMs).toISOString() })),
  });
}
