/**
 * The CSMS's view of one station (one EVSE of it): its state across
 * reconnections and the commands the driver sends it. The server
 * (csms-server.ts) attaches a new RpcConnection whenever the station
 * (re)connects; the link outlives connections, so a station that drops
 * mid-transaction and comes back continues where it was.
 */
import type { Clock } from '../../main/common/clock.js';
import { HubError } from '../../main/common/errors.js';
import type { Logger } from '../../main/common/log.js';
import * as commands from './charging-profile.js';
import { handleV16 } from './handlers-v16.js';
import { handleV2 } from './handlers-v2.js';
import { isV2 } from './ocpp-version.js';
import type { RpcConnection } from './rpc-connection.js';
import { initialStationState, type HandlerContext, type StationChange, type StationState } from './station-state.js';

export interface StationLinkOptions {
  readonly stationId: string;
  readonly evseId: number;
  readonly connectorId: number;
  readonly clock: Clock;
  readonly log: Logger;
  readonly heartbeatIntervalS: number;
  readonly authorize: (idTag: string) => boolean;
  readonly newTransactionId: () => number;
}

export class StationLink {
  readonly stationId: string;
  private readonly o: StationLinkOptions;
  private readonly s: StationState = initialStationState();
  private readonly listeners = new Set<(what: StationChange) => void>();
  private conn: RpcConnection | null = null;
  private readonly totals = { connects: 0, disconnects: 0, messages: 0 };
  private remoteStartId = 0;

  constructor(options: StationLinkOptions) {
    this.o = options;
    this.stationId = options.stationId;
  }

  get evseId(): number {
    return this.o.evseId;
  }

  /** A copy: callers must not see it change under them. */
  state(): Readonly<StationState> {
    return { ...this.s };
  }

  onChange(listener: (what: StationChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called by the server for every new connection of this station; a newer connection replaces an older one. */
  attach(conn: RpcConnection): void {
    const previous = this.conn;
    this.conn = conn;
    previous?.close(1000, 'replaced by a newer connection of the same station');
    this.totals.connects++;
    this.s.connected = true;
    this.s.version = conn.version;
    conn.onClose(() => {
      if (this.conn !== conn) return;
      this.conn = null;
      this.totals.disconnects++;
      this.s.connected = false;
      this.o.log.warn('station disconnected', { stationId: this.stationId });
      this.emit('connection');
    });
    this.o.log.info('station connected', { stationId: this.stationId, version: conn.version });
    this.emit('connection');
  }

  /** Incoming CALL from the station (already schema-validated). */
  handle(action: string, payload: Record<string, unknown>): object {
    const version = this.s.version;
    if (version === null) throw new HubError('internal', 'station message before a connection');
    this.s.lastMessageTs = this.o.clock.now();
    this.totals.messages++;
    const changes = new Set<StationChange>();
    const ctx: HandlerContext = {
      nowMs: this.s.lastMessageTs,
      evseId: this.o.evseId,
      connectorId: this.o.connectorId,
      heartbeatIntervalS: this.o.heartbeatIntervalS,
      state: this.s,
      authorize: this.o.authorize,
      newTransactionId: this.o.newTransactionId,
      changed: (what) => changes.add(what),
    };
    const response = isV2(version) ? handleV2(action, payload, ctx) : handleV16(action, payload, ctx);
    // After the response is built, so listeners that send commands do so after this CALL is answered.
    queueMicrotask(() => {
      for (const c of changes) this.emit(c);
    });
    return response;
  }

  counters(): Record<string, number> {
    const c = this.conn?.counters;
    return { ...this.totals, callsReceived: c?.callsReceived ?? 0, callsSent: c?.callsSent ?? 0, callErrorsSent: c?.callErrorsSent ?? 0, callErrorsReceived: c?.callErrorsReceived ?? 0, timeouts: c?.timeouts ?? 0 };
  }

  /** Sends the hub's TxProfile for the running transaction; resolves with the station's status (Accepted, Rejected...). */
  async setPower(powerW: number, options: { readonly v2x: boolean; readonly maxOfflineS: number }): Promise<string> {
    const tx = this.s.transaction;
    if (tx === null) throw new HubError('not_available', `station ${this.stationId}: no transaction to set a charging profile for`, { retryable: true });
    const command = commands.setChargingProfile(this.version(), { powerW, transactionId: tx.id, evseId: this.o.evseId, connectorId: this.o.connectorId, ...options });
    return status(await this.send(command));
  }

  async clearProfile(): Promise<string> {
    return status(await this.send(commands.clearChargingProfile(this.version(), this.o.evseId)));
  }

  compositeSchedule(durationS: number): Promise<Record<string, unknown>> {
    return this.send(commands.getCompositeSchedule(this.version(), this.o.evseId, this.o.connectorId, durationS));
  }

  async requestStart(idTag: string): Promise<string> {
    return status(await this.send(commands.requestStart(this.version(), this.o.evseId, this.o.connectorId, idTag, ++this.remoteStartId)));
  }

  async requestStop(): Promise<string> {
    const tx = this.s.transaction;
    if (tx === null) throw new HubError('not_available', `station ${this.stationId}: no transaction to stop`);
    return status(await this.send(commands.requestStop(this.version(), tx.id)));
  }

  /** OCPP 2.1 only. */
  async notifyAllowedEnergyTransfer(modes: readonly string[]): Promise<string> {
    const tx = this.s.transaction;
    if (tx === null) throw new HubError('not_available', `station ${this.stationId}: no transaction`);
    return status(await this.send(commands.notifyAllowedEnergyTransfer(tx.id, modes)));
  }

  /** Drops the connection (the station will reconnect); used when the registration goes away. */
  disconnect(reason: string): void {
    this.conn?.close(1001, reason);
  }

  private version(): NonNullable<StationState['version']> {
    if (this.conn === null || this.s.version === null) throw new HubError('device_unreachable', `station ${this.stationId} is not connected`, { retryable: true });
    return this.s.version;
  }

  private send(command: commands.Command): Promise<Record<string, unknown>> {
    if (this.conn === null) return Promise.reject(new HubError('device_unreachable', `station ${this.stationId} is not connected`, { retryable: true }));
    return this.conn.call(command.action, command.payload);
  }

  private emit(what: StationChange): void {
    for (const l of this.listeners) {
      try {
        l(what);
      } catch (err) {
        this.o.log.error('station listener failed', { error: String(err) });
      }
    }
  }
}

function status(response: Record<string, unknown>): string {
  return typeof response['status'] === 'string' ? response['status'] : 'Unknown';
}
