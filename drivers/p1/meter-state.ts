/**
 * The part every meter driver shares, whether it listens to a stream or
 * polls: the latest accepted reading, staleness in site time, health with a
 * clear message, counters, listeners, and the capability getters. Values are
 * null once the reading is older than staleAfterMs.
 */
import type { Clock } from '../../main/common/clock.js';
import { describeError } from '../../main/common/errors.js';
import type { Logger } from '../../main/common/log.js';
import type { DeviceHealth, DeviceRole, DeviceStatus, PhaseValues } from '../../main/common/snapshot.js';
import type { EnergyMeter, MeterTariffInfo, PhaseMeter, PowerMeter, TempoColour } from '../api.js';
import type { FrameErrorKind } from './frame-decoder.js';
import { netPowerW } from './meter-reading.js';
import type { MeterReading, MeterTariff } from './meter-reading.js';
import { implausible } from './plausibility.js';

export const DEFAULT_STALE_AFTER_MS = 5000;

export interface MeterStateParams {
  readonly id: string;
  readonly type: string;
  readonly role: DeviceRole;
  readonly clock: Clock;
  readonly log: Logger;
  readonly staleAfterMs?: number;
  /** What health messages call one unit of data: "telegram" (P1), "frame", "poll". */
  readonly noun?: string;
  /** The counter of accepted readings, e.g. "telegrams" (P1) or "frames". */
  readonly validCounter?: string;
}

const errorCounter: Readonly<Record<FrameErrorKind | 'range' | 'link', string>> = {
  crc: 'crcErrors',
  format: 'parseErrors',
  decrypt: 'decryptErrors',
  range: 'rangeErrors',
  link: 'linkErrors',
};

export class MeterState<R extends MeterReading = MeterReading> implements PowerMeter, EnergyMeter, PhaseMeter, MeterTariffInfo {
  readonly id: string;
  readonly type: string;
  readonly role: DeviceRole;
  protected readonly clock: Clock;
  protected readonly log: Logger;
  protected readonly staleAfterMs: number;
  protected readonly counters: Record<string, number>;
  protected readonly noun: string;
  private readonly validCounter: string;
  private readonly listeners = new Set<() => void>();
  private reading: R | null = null;
  private lastValidTs: number | null = null;
  private startedTs: number | null = null;
  private lastError: string | null = null;
  /** Log the first problem of a run at warn, the rest at debug: a broken cable must not flood the log. */
  private inErrorRun = false;

  constructor(p: MeterStateParams) {
    this.id = p.id;
    this.type = p.type;
    this.role = p.role;
    this.clock = p.clock;
    this.log = p.log;
    this.staleAfterMs = p.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
    this.noun = p.noun ?? 'frame';
    this.validCounter = p.validCounter ?? 'frames';
    this.counters = { [this.validCounter]: 0, crcErrors: 0, parseErrors: 0, rangeErrors: 0, reconnects: 0 };
  }

  /** Marks the start of listening: "no frame since start" is measured from here. */
  protected markStarted(): void {
    this.startedTs = this.clock.now();
  }

  health(): DeviceHealth {
    const now = this.clock.now();
    let status: DeviceStatus;
    let lastError = this.lastError;
    const since = this.lastValidTs ?? this.startedTs;
    const age = since === null ? 0 : now - since;
    const suffix = this.lastError === null ? '' : `: last error ${this.lastError}`;
    if (this.lastValidTs !== null && age <= this.staleAfterMs) {
      status = 'ok';
    } else if (this.lastValidTs !== null) {
      status = 'stale';
      lastError = `no valid ${this.noun} for ${Math.round(age / 1000)} s${suffix}`;
    } else if (this.lastError !== null) {
      status = 'error';
    } else if (this.startedTs !== null && age > this.staleAfterMs) {
      status = 'stale';
      lastError = `no ${this.noun} received in ${Math.round(age / 1000)} s since start`;
    } else {
      status = 'connecting';
    }
    return { id: this.id, role: this.role, type: this.type, status, lastValidTs: this.lastValidTs, lastError, counters: { ...this.counters } };
  }

  onReading(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Grid power, W, > 0 import. */
  powerW(): number | null {
    const r = this.fresh();
    return r === null ? null : netPowerW(r.powerImportW, r.powerExportW);
  }

  energyImportWh(): number | null {
    return this.fresh()?.energyImportWh ?? null;
  }

  energyExportWh(): number | null {
    return this.fresh()?.energyExportWh ?? null;
  }

  /** L1..Ln, trailing phases without any data left out (single-phase meters). */
  phases(): readonly PhaseValues[] | null {
    const r = this.fresh();
    if (r === null) return null;
    const values = r.phases.map((p) => ({ currentA: p.currentA, voltageV: p.voltageV, powerW: netPowerW(p.powerImportW, p.powerExportW) }));
    while (values.length > 0) {
      const last = values[values.length - 1];
      if (last === undefined || last.currentA !== null || last.voltageV !== null || last.powerW !== null) break;
      values.pop();
    }
    return values.length === 0 ? null : values;
  }

  tariffIndicator(): string | null {
    return this.tariff()?.tariffIndicator ?? null;
  }

  capacity15MinAverageW(): number | null {
    return this.tariff()?.capacity15MinAverageW ?? null;
  }

  monthPeakW(): number | null {
    return this.tariff()?.monthPeakW ?? null;
  }

  monthPeakTs(): number | null {
    return this.tariff()?.monthPeakTs ?? null;
  }

  tempoColourToday(): TempoColour | null {
    return this.tariff()?.tempoToday ?? null;
  }

  tempoColourTomorrow(): TempoColour | null {
    return this.tariff()?.tempoTomorrow ?? null;
  }

  /** The latest accepted reading, fresh or not (diagnostics, commissioning, tests). */
  latest(): R | null {
    return this.reading;
  }

  /**
   * Offers a decoded reading: refused (and counted) when it has no power or a
   * value out of range, otherwise cached and announced. Returns whether it was accepted.
   */
  protected accept(reading: R): boolean {
    if (reading.powerImportW === null && reading.powerExportW === null) {
      this.reject('format', `${this.noun} without active power`);
      return false;
    }
    const bad = implausible(reading);
    if (bad !== null) {
      this.reject('range', bad);
      return false;
    }
    this.reading = reading;
    this.lastValidTs = this.clock.now();
    this.counters[this.validCounter] = (this.counters[this.validCounter] ?? 0) + 1;
    this.inErrorRun = false;
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (err) {
        this.log.error('reading listener failed', { error: describeError(err) });
      }
    }
    return true;
  }

  /** Counts a dropped frame (or a link problem) and remembers it for health(). */
  protected reject(kind: FrameErrorKind | 'range' | 'link', message: string): void {
    const name = errorCounter[kind];
    if (kind !== 'link') this.counters[name] = (this.counters[name] ?? 0) + 1;
    this.noteError(message);
  }

  protected count(name: string, by = 1): void {
    this.counters[name] = (this.counters[name] ?? 0) + by;
  }

  protected noteError(message: string): void {
    this.lastError = message;
    if (!this.inErrorRun) this.log.warn(message, { device: this.id });
    else this.log.debug(message);
    this.inErrorRun = true;
  }

  private fresh(): R | null {
    if (this.reading === null || this.lastValidTs === null) return null;
    return this.clock.now() - this.lastValidTs > this.staleAfterMs ? null : this.reading;
  }

  private tariff(): MeterTariff | null {
    return this.fresh()?.tariff ?? null;
  }
}
