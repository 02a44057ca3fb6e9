/**
 * A simulated OCPP charging station (1.6J, 2.0.1 or 2.1) with a car, on a
 * real WebSocket to the hub's CSMS: Basic auth, subprotocol negotiation,
 * reconnection with back-off, and every message validated against the
 * official schemas, as a real station would be certified. Its power goes
 * into the home physics (SimPhysics.setCarPowerW).
 *
 * Session flow per version (what real stations commonly do):
 * - 1.6: plug-in -> StatusNotification Preparing -> Authorize -> StartTransaction
 *   (the CSMS assigns the id) -> MeterValues ... unplug -> StopTransaction.
 * - 2.x: plug-in -> StatusNotification Occupied -> TransactionEvent Started
 *   (CablePluggedIn) -> Authorize -> TransactionEvent Updated (Authorized) ->
 *   NotifyEVChargingNeeds (ISO 15118; 2.1 with v2xChargingParameters) ->
 *   TransactionEvent Updated with meter values ... unplug -> Ended.
 * With autoAuthorize false the station waits for Remote/RequestStartTransaction.
 */
import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import type { Clock } from '../../main/common/clock.js';
import { describeError } from '../../main/common/errors.js';
import { silentLogger, type Logger } from '../../main/common/log.js';
import { subprotocolOf, type OcppVersion } from '../ocpp/ocpp-version.js';
import { OcppRpcError } from '../ocpp/rpc-error.js';
import { RpcConnection } from '../ocpp/rpc-connection.js';
import { sharedOcppSchemas } from '../ocpp/schema-validator.js';
import * as msg from './ocpp-station-messages.js';
import { OcppStationModel, type StationProfile } from './ocpp-station-model.js';
import type { SimPhysics } from './physics-types.js';

export interface OcppStationSimOptions {
  readonly physics: SimPhysics;
  readonly clock: Clock;
  /** The CSMS base URL, e.g. ws://127.0.0.1:9000/ocpp (the station id is appended). */
  readonly url: string;
  readonly stationId: string;
  readonly password: string;
  readonly version: OcppVersion;
  readonly evseId?: number;
  readonly connectorId?: number;
  /** The station authorises the car's token itself on plug-in; false: it waits for a remote start. */
  readonly autoAuthorize?: boolean;
  readonly idTag?: string;
  readonly car?: Partial<msg.SimCar>;
  readonly maxChargeW?: number;
  readonly maxDischargeW?: number;
  /** Site ms between meter values during a session. */
  readonly meterIntervalMs?: number;
  readonly startDelayMs?: number;
  readonly changeDelayMs?: number;
  /** Real ms before reconnecting. */
  readonly reconnectDelayMs?: number;
  readonly log?: Logger;
}

export interface OcppStationSimState {
  readonly connected: boolean;
  readonly booted: boolean;
  readonly connects: number;
  /** HTTP status of the last refused connection attempt (401 wrong password...), null if none. */
  readonly lastRefusal: number | null;
  readonly transactionId: string | null;
  readonly authorized: boolean;
  readonly profile: StationProfile | null;
  readonly allowedEnergyTransfer: readonly string[];
  readonly appliedW: number;
  /** CSMS calls received, by action. */
  readonly received: Readonly<Record<string, number>>;
}

export interface OcppStationSim {
  readonly stationId: string;
  readonly password: string;
  readonly version: OcppVersion;
  state(): OcppStationSimState;
  /** Sends a raw text frame and resolves with the next frame answering its message id (tests of invalid messages). */
  sendRaw(text: string, id: string): Promise<unknown[]>;
  /** Drops the connection as a network cut would, and stays away for `awayMs` real ms. */
  disconnect(awayMs: number): void;
  /** Resolves once connected and booted. */
  ready(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const STEP_MS = 1000;

export function startOcppStationSim(options: OcppStationSimOptions): OcppStationSim {
  return new StationSim(options);
}

class StationSim implements OcppStationSim {
  readonly stationId: string;
  readonly password: string;
  readonly version: OcppVersion;
  private readonly o: OcppStationSimOptions;
  private readonly log: Logger;
  private readonly car: msg.SimCar;
  private readonly evseId: number;
  private readonly connectorId: number;
  private readonly model: OcppStationModel;
  private readonly schemas = sharedOcppSchemas();
  private readonly cancelStep: () => void;
  private ws: WebSocket | null = null;
  private conn: RpcConnection | null = null;
  private closed = false;
  private awayUntil = 0;
  private offlineSinceMs: number | null = null;
  private booted = false;
  private connects = 0;
  private lastRefusal: number | null = null;
  private cancelHeartbeat: (() => void) | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly received: Record<string, number> = {};
  private readonly rawWaiters = new Map<string, (frame: unknown[]) => void>();

  private plugged = false;
  /** Serialises the session flows (plug, unplug, remote start/stop). */
  private flow: Promise<void> = Promise.resolve();
  private tx: { id: string; seqNo: number; authorized: boolean; remoteStartId: number | null } | null = null;
  private allowed: string[] = [];
  private lastMeterMs = 0;
  private meterBusy = false;
  private importWh = 0;
  private exportWh = 0;
  private appliedW = 0;
  /** The charging state last reported to the CSMS (1.6 status / 2.x chargingState). */
  private reportedState: 'Charging' | 'SuspendedEVSE' | null = null;
  private lastStepMs: number;

  constructor(o: OcppStationSimOptions) {
    this.o = o;
    this.stationId = o.stationId;
    this.password = o.password;
    this.version = o.version;
    this.log = o.log ?? silentLogger;
    this.evseId = o.evseId ?? 1;
    this.connectorId = o.connectorId ?? 1;
    const physicsCar = o.physics.state().car;
    this.car = {
      capacityWh: physicsCar.capacityWh,
      targetSocPct: 80,
      departureInMs: 10 * 3_600_000,
      maxChargeW: Math.min(physicsCar.maxChargeW, o.maxChargeW ?? 11_000),
      maxDischargeW: Math.min(physicsCar.maxDischargeW, o.maxDischargeW ?? 11_000),
      minV2xSocPct: 20,
      bidirectional: o.version === '2.1',
      ...o.car,
    };
    this.model = new OcppStationModel({
      maxChargeW: o.maxChargeW ?? 11_000,
      maxDischargeW: o.maxDischargeW ?? 11_000,
      startDelayMs: o.startDelayMs ?? 2000,
      changeDelayMs: o.changeDelayMs ?? 1000,
      rampWPerS: 5000,
    });
    this.lastStepMs = o.clock.now();
    this.cancelStep = o.clock.every(STEP_MS, () => this.step());
    this.connect();
  }

  state(): OcppStationSimState {
    return {
      connected: this.conn?.open ?? false,
      booted: this.booted,
      connects: this.connects,
      lastRefusal: this.lastRefusal,
      transactionId: this.tx?.id ?? null,
      authorized: this.tx?.authorized ?? false,
      profile: this.model.currentProfile(),
      allowedEnergyTransfer: [...this.allowed],
      appliedW: this.appliedW,
      received: { ...this.received },
    };
  }

  sendRaw(text: string, id: string): Promise<unknown[]> {
    return new Promise((resolve, reject) => {
      if (this.ws === null || this.ws.readyState !== WebSocket.OPEN) {
        reject(new Error('station not connected'));
        return;
      }
      this.rawWaiters.set(id, resolve);
      this.ws.send(text);
    });
  }

  disconnect(awayMs: number): void {
    this.awayUntil = Date.now() + awayMs;
    // terminate(): no closing handshake, like a pulled cable; the CSMS sees the TCP connection drop.
    this.ws?.terminate();
  }

  async ready(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(this.booted && (this.conn?.open ?? false))) {
      if (Date.now() > deadline) throw new Error(`simulated station ${this.stationId} not connected after ${timeoutMs} ms (last refusal: ${this.lastRefusal ?? 'none'})`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.cancelStep();
    this.cancelHeartbeat?.();
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    // A station that is gone delivers nothing.
    this.o.physics.setCarPowerW(0);
    const ws = this.ws;
    if (ws !== null && ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.terminate();
      });
    }
  }

  // ---- connection ----

  private connect(): void {
    if (this.closed) return;
    const auth = Buffer.from(`${this.stationId}:${this.password}`).toString('base64');
    const ws = new WebSocket(`${this.o.url}/${encodeURIComponent(this.stationId)}`, [subprotocolOf[this.version]], { headers: { authorization: `Basic ${auth}` }, handshakeTimeout: 5000 });
    this.ws = ws;
    ws.on('unexpected-response', (_req, res) => {
      this.lastRefusal = res.statusCode ?? null;
      ws.terminate();
    });
    ws.on('error', (err) => this.log.debug('station socket error', { error: describeError(err) }));
    ws.on('open', () => {
      this.connects++;
      this.lastRefusal = null;
      const conn = new RpcConnection({ socket: ws, version: this.version, side: 'station', schemas: this.schemas, log: this.log, callTimeoutMs: 5000, onCall: (a, p) => this.onCsmsCall(a, p) });
      this.conn = conn;
      ws.on('message', (data: Buffer) => this.matchRaw(data.toString('utf8')));
      void this.online(conn);
    });
    ws.on('close', () => {
      if (this.ws === ws) {
        this.ws = null;
        this.conn = null;
        this.offlineSinceMs ??= this.o.clock.now();
      }
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer !== null) return;
    const delay = Math.max(this.o.reconnectDelayMs ?? 200, this.awayUntil - Date.now());
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
    this.reconnectTimer.unref();
  }

  private matchRaw(text: string): void {
    try {
      const frame = JSON.parse(text) as unknown;
      if (!Array.isArray(frame) || typeof frame[1] !== 'string') return;
      const waiter = this.rawWaiters.get(frame[1]);
      if (waiter === undefined) return;
      this.rawWaiters.delete(frame[1]);
      waiter(frame as unknown[]);
    } catch {
      // not for us
    }
  }

  /** After every (re)connection: boot once, then bring the CSMS up to date. */
  private async online(conn: RpcConnection): Promise<void> {
    try {
      this.offlineSinceMs = null;
      if (!this.booted) {
        const res = await conn.call('BootNotification', msg.bootNotification(this.version));
        if (res['status'] !== 'Accepted') {
          conn.close(1000, 'boot not accepted');
          return;
        }
        this.booted = true;
        const intervalS = typeof res['interval'] === 'number' && res['interval'] > 0 ? res['interval'] : 300;
        this.cancelHeartbeat?.();
        this.cancelHeartbeat = this.o.clock.every(intervalS * 1000, () => {
          // Offline, a heartbeat has nobody to go to; the next one will.
          this.send('Heartbeat', {}).catch(() => undefined);
        });
      }
      await this.send('StatusNotification', msg.statusNotification(this.version, this.plugged ? (this.tx !== null ? 'Charging' : 'Preparing') : 'Available', this.o.clock.now(), this.evseId, this.connectorId));
    } catch (err) {
      this.log.warn('station start-up failed', { error: describeError(err) });
    }
  }

  private async send(action: string, payload: object): Promise<Record<string, unknown>> {
    const conn = this.conn;
    if (conn === null) throw new Error(`${action}: station offline`);
    return conn.call(action, payload);
  }

  // ---- the site second ----

  private step(): void {
    const now = this.o.clock.now();
    const dtH = Math.max(0, now - this.lastStepMs) / 3_600_000;
    this.lastStepMs = now;
    const car = this.o.physics.state().car;
    // Energy registers count what actually flowed (the physics applies our command on its own step).
    if (car.powerW > 0) this.importWh += car.powerW * dtH;
    else this.exportWh += -car.powerW * dtH;
    if (car.pluggedIn !== this.plugged && this.booted && this.conn !== null) {
      this.plugged = car.pluggedIn;
      this.runFlow(this.plugged ? () => this.plugIn() : () => this.unplug());
    }
    const energised = this.plugged && this.tx !== null && this.tx.authorized;
    const dischargeAllowed = this.version === '2.1' && this.car.bidirectional && this.allowed.some((m) => m.includes('BPT'));
    const offlineMs = this.offlineSinceMs === null ? 0 : now - this.offlineSinceMs;
    this.appliedW = this.model.step(now, energised, dischargeAllowed, offlineMs);
    this.o.physics.setCarPowerW(this.appliedW);
    this.reportChargingState(energised, dischargeAllowed);
    if (this.tx !== null && now - this.lastMeterMs >= (this.o.meterIntervalMs ?? 1000)) {
      this.lastMeterMs = now;
      void this.sendMeter();
    }
  }

  private meter(): msg.MeterSample {
    const car = this.o.physics.state().car;
    return { powerW: car.powerW, importWh: this.importWh, exportWh: this.exportWh, socPct: car.socPct };
  }

  private async sendMeter(): Promise<void> {
    const tx = this.tx;
    if (this.meterBusy || tx === null || this.conn === null) return;
    this.meterBusy = true;
    const now = this.o.clock.now();
    try {
      if (this.version === '1.6') {
        await this.send('MeterValues', { connectorId: this.connectorId, transactionId: Number(tx.id), meterValue: [msg.meterValueV16(this.meter(), now)] });
      } else {
        await this.send('TransactionEvent', this.txEvent('Updated', 'MeterValuePeriodic', { meterValue: [msg.meterValueV2(this.meter(), now)] }));
      }
    } catch (err) {
      this.log.debug('meter values not delivered', { error: describeError(err) });
    } finally {
      this.meterBusy = false;
    }
  }

  // ---- session flows ----

  private runFlow(fn: () => Promise<void>): void {
    this.flow = this.flow.then(fn).catch((err: unknown) => this.log.warn('station flow failed', { error: describeError(err) }));
  }

  private chargingState(): string {
    return this.tx?.authorized ? (this.reportedState ?? 'Charging') : 'EVConnected';
  }

  /** A station tells the CSMS when it suspends the energy transfer (a 0 W profile) and when it resumes. */
  private reportChargingState(energised: boolean, dischargeAllowed: boolean): void {
    if (!energised || this.conn === null) {
      if (!energised) this.reportedState = null;
      return;
    }
    const next = Math.abs(this.model.wantedW(dischargeAllowed)) < 1 ? 'SuspendedEVSE' : 'Charging';
    if (next === this.reportedState) return;
    const first = this.reportedState === null;
    this.reportedState = next;
    if (first && next === 'Charging') return; // the session start already said so
    this.runFlow(async () => {
      if (this.version === '1.6') await this.send('StatusNotification', msg.statusNotification('1.6', next, this.o.clock.now(), this.evseId, this.connectorId));
      else if (this.tx !== null) await this.send('TransactionEvent', this.txEvent('Updated', 'ChargingStateChanged'));
    });
  }

  private txEvent(eventType: 'Started' | 'Updated' | 'Ended', triggerReason: string, extra: Record<string, unknown> = {}, info: Record<string, unknown> = {}): object {
    const tx = this.tx;
    if (tx === null) throw new Error('no transaction');
    return {
      eventType,
      timestamp: new Date(this.o.clock.now()).toISOString(),
      triggerReason,
      seqNo: tx.seqNo++,
      transactionInfo: { transactionId: tx.id, ...(eventType === 'Ended' ? {} : { chargingState: this.chargingState() }), ...info },
      evse: { id: this.evseId, connectorId: this.connectorId },
      ...extra,
    };
  }

  private idToken(): { idToken: string; type: string } {
    return { idToken: this.o.idTag ?? 'EV-CAR-1', type: 'Local' };
  }

  private async plugIn(): Promise<void> {
    const now = this.o.clock.now();
    if (this.version === '1.6') {
      await this.send('StatusNotification', msg.statusNotification('1.6', 'Preparing', now, this.evseId, this.connectorId));
      if (this.o.autoAuthorize ?? true) await this.startV16(this.o.idTag ?? 'EV-CAR-1');
      return;
    }
    await this.send('StatusNotification', msg.statusNotification(this.version, 'Preparing', now, this.evseId, this.connectorId));
    this.tx = { id: randomUUID(), seqNo: 0, authorized: false, remoteStartId: null };
    await this.send('TransactionEvent', this.txEvent('Started', 'CablePluggedIn', { meterValue: [msg.meterValueV2(this.meter(), now, 'Transaction.Begin')] }));
    if (this.o.autoAuthorize ?? true) {
      const res = await this.send('Authorize', { idToken: this.idToken() });
      if ((res['idTokenInfo'] as { status?: string } | undefined)?.status !== 'Accepted') return;
      this.tx.authorized = true;
      await this.send('TransactionEvent', this.txEvent('Updated', 'Authorized', { idToken: this.idToken() }));
      await this.sendNeeds();
    }
  }

  private async sendNeeds(): Promise<void> {
    if (this.version === '1.6') return;
    await this.send('NotifyEVChargingNeeds', msg.notifyEvChargingNeeds(this.version, this.car, this.o.physics.state().car.socPct, this.o.clock.now(), this.evseId));
  }

  private async startV16(idTag: string): Promise<void> {
    const auth = await this.send('Authorize', { idTag });
    if ((auth['idTagInfo'] as { status?: string }).status !== 'Accepted') return;
    const res = await this.send('StartTransaction', { connectorId: this.connectorId, idTag, meterStart: Math.round(this.importWh), timestamp: new Date(this.o.clock.now()).toISOString() });
    if ((res['idTagInfo'] as { status?: string }).status !== 'Accepted') return;
    this.tx = { id: String(res['transactionId']), seqNo: 0, authorized: true, remoteStartId: null };
    await this.send('StatusNotification', msg.statusNotification('1.6', 'Charging', this.o.clock.now(), this.evseId, this.connectorId));
  }

  private async unplug(): Promise<void> {
    await this.endTransaction('EVDisconnected', 'EVDeparted');
    this.model.setProfile(null, this.o.clock.now());
    this.allowed = [];
    await this.send('StatusNotification', msg.statusNotification(this.version, 'Available', this.o.clock.now(), this.evseId, this.connectorId));
  }

  private async endTransaction(reason: string, trigger: string): Promise<void> {
    const tx = this.tx;
    if (tx === null) return;
    const now = this.o.clock.now();
    if (this.version === '1.6') {
      this.tx = null;
      await this.send('StopTransaction', { transactionId: Number(tx.id), meterStop: Math.round(this.importWh), timestamp: new Date(now).toISOString(), reason });
    } else {
      const ended = this.txEvent('Ended', trigger, { meterValue: [msg.meterValueV2(this.meter(), now, 'Transaction.End')] }, { stoppedReason: reason });
      this.tx = null;
      await this.send('TransactionEvent', ended);
    }
  }

  // ---- what the CSMS asks ----

  private onCsmsCall(action: string, payload: Record<string, unknown>): object {
    this.received[action] = (this.received[action] ?? 0) + 1;
    const v2 = this.version !== '1.6';
    switch (action) {
      case 'SetChargingProfile':
        return { status: this.setProfile(payload) ? 'Accepted' : 'Rejected' };
      case 'ClearChargingProfile': {
        const had = this.model.currentProfile() !== null;
        this.model.setProfile(null, this.o.clock.now());
        return { status: had ? 'Accepted' : 'Unknown' };
      }
      case 'GetCompositeSchedule':
        return this.compositeSchedule(payload);
      case 'RemoteStartTransaction':
      case 'RequestStartTransaction': {
        const idTag = v2 ? (payload['idToken'] as { idToken: string }).idToken : (payload['idTag'] as string);
        if (!this.plugged || (this.tx?.authorized ?? false)) return { status: 'Rejected' };
        this.runFlow(() => this.remoteStart(idTag, v2 ? (payload['remoteStartId'] as number) : null));
        return v2 && this.tx !== null ? { status: 'Accepted', transactionId: this.tx.id } : { status: 'Accepted' };
      }
      case 'RemoteStopTransaction':
      case 'RequestStopTransaction': {
        const id = String(payload['transactionId']);
        if (this.tx === null || this.tx.id !== id) return { status: 'Rejected' };
        this.runFlow(() => this.endTransaction('Remote', 'RemoteStop'));
        return { status: 'Accepted' };
      }
      case 'NotifyAllowedEnergyTransfer': {
        if (this.tx === null || this.tx.id !== payload['transactionId']) return { status: 'Rejected' };
        this.allowed = [...(payload['allowedEnergyTransfer'] as string[])];
        return { status: 'Accepted' };
      }
      default:
        throw new OcppRpcError('NotSupported', `${action} is not supported by this simulated station`);
    }
  }

  private async remoteStart(idTag: string, remoteStartId: number | null): Promise<void> {
    // The station's own authorisation may have won the race since the request was accepted.
    if (this.tx?.authorized === true || !this.plugged) return;
    if (this.version === '1.6') {
      await this.startV16(idTag);
      return;
    }
    const token = { idToken: idTag, type: 'Central' };
    if (this.tx === null) {
      this.tx = { id: randomUUID(), seqNo: 0, authorized: true, remoteStartId };
      await this.send('TransactionEvent', this.txEvent('Started', 'RemoteStart', { idToken: token }, remoteStartId === null ? {} : { remoteStartId }));
    } else {
      this.tx.authorized = true;
      this.tx.remoteStartId = remoteStartId;
      await this.send('TransactionEvent', this.txEvent('Updated', 'RemoteStart', { idToken: token }, remoteStartId === null ? {} : { remoteStartId }));
    }
    await this.sendNeeds();
  }

  /** Accepts a TxProfile for the running transaction; a 2.1 discharge setpoint only when discharge was allowed. */
  private setProfile(payload: Record<string, unknown>): boolean {
    const now = this.o.clock.now();
    if (this.version === '1.6') {
      const p = payload['csChargingProfiles'] as { transactionId?: number; chargingProfilePurpose: string; chargingSchedule: { chargingRateUnit: string; chargingSchedulePeriod: { limit: number }[] } };
      if (p.chargingProfilePurpose !== 'TxProfile' || this.tx === null || String(p.transactionId) !== this.tx.id) return false;
      const limit = p.chargingSchedule.chargingSchedulePeriod[0]?.limit ?? 0;
      this.model.setProfile({ limitW: p.chargingSchedule.chargingRateUnit === 'A' ? limit * 230 * 3 : limit, setpointW: null, dischargeLimitW: 0, maxOfflineMs: null }, now);
      return true;
    }
    const p = payload['chargingProfile'] as {
      chargingProfilePurpose: string;
      transactionId?: string;
      maxOfflineDuration?: number;
      invalidAfterOfflineDuration?: boolean;
      chargingSchedule: { chargingRateUnit: string; chargingSchedulePeriod: { limit?: number; setpoint?: number; dischargeLimit?: number; operationMode?: string }[] }[];
    };
    if (p.chargingProfilePurpose !== 'TxProfile' || this.tx === null || p.transactionId !== this.tx.id) return false;
    const schedule = p.chargingSchedule[0];
    const period = schedule?.chargingSchedulePeriod[0];
    if (schedule === undefined || period === undefined) return false;
    const factor = schedule.chargingRateUnit === 'A' ? 230 * 3 : 1;
    const central = period.operationMode === 'CentralSetpoint';
    const setpointW = central && period.setpoint !== undefined ? period.setpoint * factor : null;
    const mayDischarge = this.version === '2.1' && this.car.bidirectional && this.allowed.some((m) => m.includes('BPT'));
    if (setpointW !== null && setpointW < 0 && !mayDischarge) return false;
    this.model.setProfile(
      {
        limitW: period.limit === undefined ? null : period.limit * factor,
        setpointW,
        dischargeLimitW: (period.dischargeLimit ?? 0) * factor,
        maxOfflineMs: p.invalidAfterOfflineDuration === true && p.maxOfflineDuration !== undefined ? p.maxOfflineDuration * 1000 : null,
      },
      now,
    );
    return true;
  }

  private compositeSchedule(payload: Record<string, unknown>): object {
    const now = new Date(this.o.clock.now()).toISOString();
    const duration = payload['duration'] as number;
    const limit = Math.max(0, Math.round(this.model.wantedW(false)));
    if (this.version === '1.6') {
      return { status: 'Accepted', connectorId: this.connectorId, scheduleStart: now, chargingSchedule: { duration, chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit }] } };
    }
    return { status: 'Accepted', schedule: { evseId: this.evseId, duration, scheduleStart: now, chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit }] } };
  }
}
