/**
 * An OCPP charger as a hub device: reads what its station reports through the
 * shared CSMS (StationLink) and turns the controller's signed power requests
 * into TxProfile charging profiles.
 *
 * - Data validity: a station only talks when something happens, so "fresh"
 *   means the connection is up and, during a session, meter values arrive
 *   (within meterTimeoutS); without a session the power is 0 by definition.
 * - Discharging needs all of: OCPP 2.1, the installer's allowDischarge, a car
 *   that offered a bidirectional mode (NotifyEVChargingNeeds), and our
 *   NotifyAllowedEnergyTransfer accepted for this transaction. Otherwise the
 *   charger reports maxDischargePowerW() = 0 and negative requests become 0.
 * - The setpoint is re-sent when a new transaction starts and after every
 *   reconnection, so a station that dropped the profile (offline timeout,
 *   reboot) gets it back.
 */
import type { Clock } from '../../main/common/clock.js';
import { HubError, describeError } from '../../main/common/errors.js';
import type { Logger } from '../../main/common/log.js';
import type {
  BidirectionalCharger,
  Capability,
  Charger,
  ChargerState,
  ChargingNeeds,
  Device,
  DeviceHealth,
  DeviceRole,
  EvChargingNeeds,
  PowerMeter,
  VehicleSoc,
} from '../api.js';
import { bidirectionalModes } from './charging-needs.js';
import type { CsmsPool } from './csms-types.js';
import type { OcppChargerSettings } from './ocpp-config.js';
import type { StationLink } from './station-link.js';
import type { StationChange, StationState } from './station-state.js';

/** A change that has not shown in the measured power by then is considered done (the car may limit it). */
export const CHANGE_TIMEOUT_MS = 20_000;
/** The change has arrived when the measured power is this close to the target. */
export const CHANGE_TOLERANCE_W = 200;
/** Smaller changes are not sent: every profile costs a round trip and the station a re-plan. */
export const SETPOINT_DEADBAND_W = 50;
/** A RequestStartTransaction is not repeated sooner than this (site ms). */
const START_RETRY_MS = 30_000;

export interface OcppChargerInit {
  readonly id: string;
  readonly role: DeviceRole;
  readonly settings: OcppChargerSettings;
  readonly pool: CsmsPool;
  readonly clock: Clock;
  readonly log: Logger;
}

interface Written {
  readonly w: number;
  readonly txId: string;
  readonly v2x: boolean;
}

export class OcppCharger implements Device, PowerMeter, Charger, BidirectionalCharger, VehicleSoc, ChargingNeeds {
  readonly id: string;
  readonly type = 'ocpp';
  readonly role: DeviceRole;
  // bidirectionalCharger is also the controller's only way to set a charger's power, so a
  // charge-only station has it too, with maxDischargePowerW() = 0.
  readonly capabilities: readonly Capability[] = ['powerMeter', 'charger', 'bidirectionalCharger', 'vehicleSoc', 'chargingNeeds'];

  private readonly s: OcppChargerSettings;
  private readonly pool: CsmsPool;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly listeners = new Set<() => void>();
  private readonly counters = { profiles: 0, rejected: 0, errors: 0 };
  private link: StationLink | null = null;
  private offLink: (() => void) | null = null;
  private queue: Promise<void> = Promise.resolve();

  private requestedW: number | null = null;
  private written: Written | null = null;
  private change: { readonly targetW: number; readonly sinceTs: number } | null = null;
  private startRequestedTs: number | null = null;
  /** Transaction for which the station accepted our NotifyAllowedEnergyTransfer with a bidirectional mode. */
  private dischargeAllowedTx: string | null = null;
  private lastValidTs: number | null = null;
  private lastError: string | null = null;
  private lastAttemptFailed = false;

  constructor(init: OcppChargerInit) {
    this.id = init.id;
    this.role = init.role;
    this.s = init.settings;
    this.pool = init.pool;
    this.clock = init.clock;
    this.log = init.log;
  }

  start(): Promise<void> {
    if (this.link !== null) return Promise.resolve();
    const link = this.pool.station({ stationId: this.s.stationId, password: this.s.password, evseId: this.s.evseId, connectorId: this.s.connectorId, ...(this.s.protocols !== undefined ? { versions: this.s.protocols } : {}) });
    this.link = link;
    this.offLink = link.onChange((what) => this.stationChanged(what));
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    try {
      await this.releaseCharger();
    } catch (err) {
      // OCPP 2.1 stations drop our profile after maxOfflineS by themselves; stopping must not fail on a gone station.
      this.log.warn('could not hand the charger back on stop', { error: describeError(err) });
    }
    this.offLink?.();
    this.offLink = null;
    if (this.link !== null) this.pool.release(this.s.stationId);
    this.link = null;
  }

  health(): DeviceHealth {
    const valid = this.valid();
    const link = this.link;
    return {
      id: this.id,
      role: this.role,
      type: this.type,
      status: this.lastAttemptFailed && !valid ? 'error' : this.lastValidTs === null ? 'connecting' : valid ? 'ok' : 'stale',
      lastValidTs: this.lastValidTs,
      lastError: this.lastError,
      counters: { ...(link?.counters() ?? {}), ...this.counters },
    };
  }

  onReading(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  powerW(): number | null {
    const st = this.station();
    if (st === null || !this.valid()) return null;
    return st.transaction === null ? 0 : st.powerW;
  }

  chargerState(): ChargerState {
    const st = this.station();
    if (st === null || !this.valid()) return 'unknown';
    switch (st.status) {
      case 'faulted':
      case 'unavailable':
        return 'error';
      case 'available':
      case 'reserved':
        return 'disconnected';
      case 'unknown':
        return 'unknown';
      case 'occupied': {
        const w = st.transaction === null ? 0 : (st.powerW ?? 0);
        if (w > 50) return 'charging';
        if (w < -50) return 'discharging';
        return st.activity === 'suspended' ? 'paused' : 'connected';
      }
    }
  }

  carConnected(): boolean {
    const st = this.station();
    return st !== null && this.valid() && (st.status === 'occupied' || st.transaction !== null);
  }

  maxChargePowerW(): number {
    const carW = this.station()?.needs?.maxChargeW ?? null;
    return carW === null ? this.s.maxChargeW : Math.min(this.s.maxChargeW, carW);
  }

  maxDischargePowerW(): number {
    const st = this.station();
    if (st === null || !this.canDischarge(st)) return 0;
    const carW = st.needs?.maxDischargeW ?? null;
    return carW === null ? this.s.maxDischargeW : Math.min(this.s.maxDischargeW, carW);
  }

  vehicleSocPct(): number | null {
    return this.carConnected() ? (this.station()?.socPct ?? null) : null;
  }

  chargingNeeds(): EvChargingNeeds | null {
    return this.carConnected() ? (this.station()?.needs ?? null) : null;
  }

  changeInFlight(): boolean {
    return this.change !== null && this.clock.now() - this.change.sinceTs < CHANGE_TIMEOUT_MS;
  }

  setChargerPowerW(powerW: number): Promise<void> {
    if (!Number.isFinite(powerW)) return Promise.reject(new HubError('bad_request', `${this.s.stationId}: charger power setpoint must be a finite number of W, got ${powerW}`));
    this.requestedW = powerW;
    return this.recorded(this.exclusive(() => this.apply()));
  }

  releaseCharger(): Promise<void> {
    this.requestedW = null;
    return this.recorded(
      this.exclusive(async () => {
        const link = this.link;
        this.written = null;
        this.change = null;
        if (link === null || !link.state().connected) return;
        // Unknown (no such profile) is as good as Accepted: nothing of ours remains.
        await link.clearProfile();
        this.log.info('charger handed back to its own control (hub profile cleared)');
      }),
    );
  }

  /** The station's link, for tests and diagnostics (composite schedule, remote stop). */
  stationLink(): StationLink | null {
    return this.link;
  }

  private station(): Readonly<StationState> | null {
    return this.link?.state() ?? null;
  }

  /** See the file comment: connected, and during a session meter values keep coming. */
  private valid(): boolean {
    const st = this.station();
    if (st === null || !st.connected || st.status === 'unknown') return false;
    const now = this.clock.now();
    if (st.transaction !== null) {
      const since = Math.max(st.meterTs ?? Number.NEGATIVE_INFINITY, st.transaction.startedMs);
      if (now - since > this.s.meterTimeoutMs) return false;
    }
    this.lastValidTs = now;
    return true;
  }

  private canDischarge(st: Readonly<StationState>): boolean {
    return this.s.allowDischarge && st.version === '2.1' && st.carBidirectional && st.transaction !== null && this.dischargeAllowedTx === st.transaction.id && (st.needs?.maxDischargeW ?? 0) > 0;
  }

  private stationChanged(what: StationChange): void {
    const st = this.station();
    if (st === null) return;
    if (what === 'meter' && this.change !== null && st.powerW !== null) {
      if (Math.abs(st.powerW - this.change.targetW) <= CHANGE_TOLERANCE_W || this.clock.now() - this.change.sinceTs >= CHANGE_TIMEOUT_MS) this.change = null;
    }
    if (what === 'connection') {
      // The station may have lost or kept our profile; sending it again is harmless.
      this.written = null;
      if (!st.connected) this.change = null;
    }
    if (what === 'transaction') {
      this.startRequestedTs = null;
      if (st.transaction === null) {
        this.written = null;
        this.change = null;
        this.dischargeAllowedTx = null;
      }
    }
    if (what === 'needs') void this.allowEnergyTransfer();
    if ((what === 'connection' || what === 'transaction' || what === 'needs') && st.connected && this.requestedW !== null) {
      this.exclusive(() => this.apply()).catch((err: unknown) => this.fail(err));
    }
    for (const l of this.listeners) {
      try {
        l();
      } catch (err) {
        this.log.error('reading listener failed', { error: describeError(err) });
      }
    }
  }

  /** OCPP 2.1: tell the station which modes this transaction may use; bidirectional ones only if the installer allows V2X. */
  private async allowEnergyTransfer(): Promise<void> {
    const link = this.link;
    const st = this.station();
    if (link === null || st === null || st.version !== '2.1' || st.transaction === null || st.carModes.length === 0) return;
    const modes = this.s.allowDischarge ? st.carModes : st.carModes.filter((m) => !bidirectionalModes.includes(m));
    if (modes.length === 0) return;
    const txId = st.transaction.id;
    try {
      const status = await this.exclusive(() => link.notifyAllowedEnergyTransfer(modes));
      if (status === 'Accepted' && modes.some((m) => bidirectionalModes.includes(m))) this.dischargeAllowedTx = txId;
      this.log.info('allowed energy transfer sent', { modes, status });
    } catch (err) {
      this.fail(err);
    }
  }

  private async apply(): Promise<void> {
    const requestedW = this.requestedW;
    const link = this.link;
    if (requestedW === null || link === null) return;
    const st = link.state();
    if (!st.connected) throw new HubError('device_unreachable', `OCPP station ${this.s.stationId} is not connected`, { retryable: true });
    const v2x = this.canDischarge(st);
    const targetW = Math.round(Math.min(this.maxChargePowerW(), Math.max(v2x ? -this.maxDischargePowerW() : 0, requestedW))) + 0;
    const tx = st.transaction;
    // A car waiting for the CSMS to start or authorise its session (no local authorisation): do so when power is wanted.
    if (targetW > 0 && st.status === 'occupied' && !(tx?.authorized ?? false)) await this.requestStart(link);
    if (tx === null) return;
    const w = this.written;
    if (w !== null && w.txId === tx.id && w.v2x === v2x && (w.w === targetW || (Math.sign(w.w) === Math.sign(targetW) && Math.abs(w.w - targetW) < SETPOINT_DEADBAND_W))) return;
    const status = await link.setPower(targetW, { v2x, maxOfflineS: this.s.maxOfflineS });
    this.counters.profiles++;
    if (status !== 'Accepted') {
      this.counters.rejected++;
      throw new HubError('device_rejected', `OCPP station ${this.s.stationId} answered ${status} to a ${targetW} W charging profile`);
    }
    this.written = { w: targetW, txId: tx.id, v2x };
    const measuredW = st.powerW ?? 0;
    this.change = Math.abs(measuredW - targetW) > CHANGE_TOLERANCE_W ? { targetW, sinceTs: this.clock.now() } : null;
    this.lastAttemptFailed = false;
  }

  private async requestStart(link: StationLink): Promise<void> {
    const now = this.clock.now();
    if (this.startRequestedTs !== null && now - this.startRequestedTs < START_RETRY_MS) return;
    this.startRequestedTs = now;
    const status = await link.requestStart(this.s.idTag);
    this.log.info('asked the station to start a session', { status });
    if (status !== 'Accepted') throw new HubError('device_rejected', `OCPP station ${this.s.stationId} refused to start a session (${status})`);
  }

  /** Runs fn after everything queued before it, whatever their outcome. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async recorded(command: Promise<void>): Promise<void> {
    try {
      await command;
    } catch (err) {
      this.fail(err);
      throw err;
    }
  }

  private fail(err: unknown): void {
    const message = describeError(err);
    this.counters.errors++;
    this.lastAttemptFailed = true;
    if (message !== this.lastError) this.log.warn('charger command failed', { error: message });
    this.lastError = message;
  }
}
