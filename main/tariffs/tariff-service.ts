/**
 * The tariff model at run time: the preset, the day-ahead prices it knows,
 * the utility inputs, and the schedule it publishes. Rebuilds the schedule at
 * every slot boundary and whenever prices or inputs change, and only
 * publishes when the schedule actually changed (each publication makes the
 * optimiser re-plan).
 */
import type { Bill, TariffView } from '../common/bill.js';
import type { Clock } from '../common/clock.js';
import { describeError } from '../common/errors.js';
import type { Holder } from '../common/holder.js';
import type { Logger } from '../common/log.js';
import type { TariffSchedule } from '../common/tariff.js';
import type { TariffInputs, TempoColour } from '../common/tariff-inputs.js';
import type { HistoryRow } from '../common/api.js';
import { DayAheadSeries } from './day-ahead-series.js';
import type { PricePoint } from './day-ahead-series.js';
import { inSiteCurrency } from './day-ahead-fetch.js';
import { max15MinImportW } from './bill-lines.js';
import { localMonthRange, localParts } from './local-calendar.js';
import { intervalsFromHistory } from './meter-intervals.js';
import { parsePriceDocument } from './parsers/detect.js';
import type { PriceDocument } from './parsers/price-document.js';
import type { TariffPreset } from './presets/preset.js';
import { createPreset } from './presets/registry.js';
import { buildSchedule } from './schedule.js';
import { slotStart } from './slots.js';
import type { TariffConfig } from './tariff-config.js';
import { addDays, tempoDay } from './tempo.js';

export interface TariffServiceOptions {
  readonly config: TariffConfig;
  readonly timeZone: string;
  readonly clock: Clock;
  readonly log: Logger;
  readonly inputs: Holder<TariffInputs>;
  readonly output: Holder<TariffSchedule | null>;
  /** 1-minute history for this month's bill, HU tiers and BE peaks; absent in unit tests. */
  readonly history?: { read(fromMs: number, toMs: number): HistoryRow[] };
  /** Monthly peaks kept across restarts (BE capacity tariff). */
  readonly peaks?: { load(): Record<string, number>; save(peaks: Record<string, number>): void };
  /** Tempo colours the meter reports (TIC), today and tomorrow. */
  readonly meterTempo?: () => { readonly today: TempoColour | null; readonly tomorrow: TempoColour | null };
}

export class TariffService {
  readonly preset: TariffPreset | null;
  readonly series = new DayAheadSeries();
  private lastSlot = -1;
  private lastJson = '';
  private importedWhThisMonth = 0;
  private monthPeaks: Record<string, number>;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly o: TariffServiceOptions) {
    this.preset = createPreset(o.config, o.timeZone);
    this.monthPeaks = o.peaks?.load() ?? {};
  }

  get currency(): string {
    return this.preset?.info.currency ?? 'EUR';
  }

  start(): void {
    this.unsubscribe.push(this.o.inputs.onChange(() => this.rebuild()));
    this.unsubscribe.push(
      this.o.clock.every(60_000, () => {
        if (slotStart(this.o.clock.now()) !== this.lastSlot) this.rebuild();
      }),
    );
    this.rebuild();
  }

  stop(): void {
    for (const u of this.unsubscribe.splice(0)) u();
  }

  /** Adds a parsed document's prices (converted to the site currency); returns the slots set. */
  addDocument(doc: PriceDocument, label: string): number {
    const points = inSiteCurrency(doc, this.currency, this.o.config.dayAhead.exchangeRates);
    if (points === null) {
      this.o.log.warn(`day-ahead prices from ${label} are in ${doc.currency}, the site bills in ${this.currency}: set tariff.dayAhead.exchangeRates.${doc.currency}`);
      return 0;
    }
    return this.addPoints(points, label);
  }

  addPoints(points: readonly PricePoint[], label: string): number {
    const n = this.series.add(points);
    this.o.log.info(`day-ahead prices: ${n} slots from ${label}`);
    this.rebuild();
    return n;
  }

  /** Parses and adds a price document (file, upload); throws PriceParseError on a bad one. */
  loadText(text: string, label: string): number {
    const doc = parsePriceDocument(text, { ...(this.o.config.dayAhead.area !== undefined ? { area: this.o.config.dayAhead.area, column: this.o.config.dayAhead.area } : {}) });
    return this.addDocument(doc, label);
  }

  rebuild(): TariffSchedule | null {
    const nowMs = this.o.clock.now();
    const slot = slotStart(nowMs);
    if (slot !== this.lastSlot) this.refreshFromHistory(nowMs);
    this.lastSlot = slot;
    let schedule: TariffSchedule | null = null;
    try {
      schedule = buildSchedule({
        nowMs,
        preset: this.preset,
        timeZone: this.o.timeZone,
        horizonH: this.o.config.horizonH,
        series: this.series,
        inputs: this.o.inputs.get(),
        fallbackPerKWh: this.o.config.dayAhead.fallbackPerKWh,
        importedWhThisMonth: this.importedWhThisMonth,
        meterTempo: this.meterTempo(nowMs),
      });
    } catch (err) {
      this.o.log.error('tariff schedule failed; keeping the last one', { error: describeError(err) });
      return this.o.output.get();
    }
    const json = JSON.stringify(schedule);
    if (json !== this.lastJson) {
      this.lastJson = json;
      this.o.output.set(schedule);
    }
    return schedule;
  }

  /** This month so far, from the history; null without a preset, history or prices. */
  monthToDate(): Bill | null {
    if (this.preset === null || this.o.history === undefined) return null;
    const nowMs = this.o.clock.now();
    const month = localMonthRange(nowMs, this.o.timeZone);
    const intervals = intervalsFromHistory(this.o.history.read(month.fromMs, nowMs));
    const colours = { ...this.meterTempo(nowMs), ...this.o.inputs.get().tempoColours };
    try {
      return this.preset.bill({
        fromMs: month.fromMs,
        toMs: slotStart(nowMs),
        intervals,
        energyPerKWh: (t) => this.series.at(t)?.perKWh ?? null,
        tempoColour: (date) => colours[date] ?? null,
        previousMonthPeaksW: this.previousPeaks(nowMs),
      });
    } catch (err) {
      this.o.log.debug('no month-to-date bill', { error: describeError(err) });
      return null;
    }
  }

  view(): TariffView {
    return { preset: this.preset?.info ?? null, schedule: this.o.output.get(), monthToDate: this.monthToDate() };
  }

  private previousPeaks(nowMs: number): number[] {
    const current = localParts(nowMs, this.o.timeZone).monthKey;
    return Object.keys(this.monthPeaks)
      .filter((k) => k < current)
      .sort()
      .map((k) => this.monthPeaks[k] ?? 0);
  }

  private meterTempo(nowMs: number): Record<string, TempoColour> {
    const t = this.o.meterTempo?.();
    if (t === undefined) return {};
    const today = tempoDay(nowMs, this.o.timeZone);
    const out: Record<string, TempoColour> = {};
    if (t.today !== null) out[today] = t.today;
    if (t.tomorrow !== null) out[addDays(today, 1)] = t.tomorrow;
    return out;
  }

  /** Once per slot: this month's import (HU tiers) and peak (BE), from the history. */
  private refreshFromHistory(nowMs: number): void {
    const preset = this.preset;
    if (preset === null || this.o.history === undefined) return;
    const needsPeak = preset.demandCharges.some((d) => d.kind === 'monthly-peak');
    if (!preset.usesMonthImport && !needsPeak) return;
    try {
      const month = localMonthRange(nowMs, this.o.timeZone);
      const intervals = intervalsFromHistory(this.o.history.read(month.fromMs, nowMs));
      this.importedWhThisMonth = intervals.reduce((s, i) => s + i.importWh, 0);
      if (needsPeak) {
        const key = localParts(nowMs, this.o.timeZone).monthKey;
        this.monthPeaks[key] = Math.max(this.monthPeaks[key] ?? 0, max15MinImportW(intervals.filter((i) => i.endMs <= nowMs)));
        const keys = Object.keys(this.monthPeaks).sort();
        for (const k of keys.slice(0, Math.max(0, keys.length - 13))) delete this.monthPeaks[k];
        this.o.peaks?.save(this.monthPeaks);
      }
    } catch (err) {
      this.o.log.warn('tariff: reading the history failed', { error: describeError(err) });
    }
  }
}
