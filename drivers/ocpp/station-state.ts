/**
 * What the CSMS knows about one charging station (one EVSE/connector of it),
 * in version-independent terms. The protocol handlers (handlers-v16.ts,
 * handlers-v2.ts) write it; the driver reads it. Times are site epoch ms.
 */
import type { EvChargingNeeds } from '../api.js';
import type { OcppVersion } from './ocpp-version.js';

/** Connector status, merged from OCPP 1.6 (Available/Preparing/Charging/...) and 2.x (Available/Occupied/...). */
export type ConnectorStatus = 'unknown' | 'available' | 'occupied' | 'reserved' | 'unavailable' | 'faulted';

/** What the energy transfer is doing, when a car is connected (1.6 status, 2.x chargingState). */
export type ChargingActivity = 'charging' | 'suspended' | 'idle';

export interface StationTransaction {
  /** 2.x: the station's transactionId; 1.6: the integer the CSMS assigned, as a string. */
  readonly id: string;
  readonly startedMs: number;
  readonly idTag: string | null;
  /** The CSMS accepted the id token (or the station authorised it locally before a hub restart). */
  readonly authorized: boolean;
}

export interface StationState {
  connected: boolean;
  version: OcppVersion | null;
  /** Site time of the last accepted BootNotification (this hub run). */
  bootedMs: number | null;
  vendor: string | null;
  model: string | null;
  status: ConnectorStatus;
  activity: ChargingActivity | null;
  errorCode: string | null;
  transaction: StationTransaction | null;
  /** Signed: > 0 charging the car, < 0 discharging it (W). */
  powerW: number | null;
  energyImportWh: number | null;
  energyExportWh: number | null;
  socPct: number | null;
  /** Site time the last meter value arrived. */
  meterTs: number | null;
  /** Site time of the last message of any kind from the station. */
  lastMessageTs: number | null;
  /** The car's latest NotifyEVChargingNeeds (2.x), cleared when the transaction ends. */
  needs: EvChargingNeeds | null;
  /** The car offered a bidirectional (BPT) energy transfer mode. */
  carBidirectional: boolean;
  /** Energy transfer modes the car asked for or offered (NotifyEVChargingNeeds), e.g. ["DC_BPT", "DC"]. */
  carModes: readonly string[];
}

export function initialStationState(): StationState {
  return {
    connected: false,
    version: null,
    bootedMs: null,
    vendor: null,
    model: null,
    status: 'unknown',
    activity: null,
    errorCode: null,
    transaction: null,
    powerW: null,
    energyImportWh: null,
    energyExportWh: null,
    socPct: null,
    meterTs: null,
    lastMessageTs: null,
    needs: null,
    carBidirectional: false,
    carModes: [],
  };
}

/** What changed, for listeners (the driver re-reads the state either way). */
export type StationChange = 'connection' | 'boot' | 'status' | 'transaction' | 'meter' | 'needs';

/** Everything a protocol handler may use besides the message itself. */
export interface HandlerContext {
  readonly nowMs: number;
  readonly evseId: number;
  readonly connectorId: number;
  readonly heartbeatIntervalS: number;
  readonly state: StationState;
  authorize(idTag: string): boolean;
  /** OCPP 1.6: the CSMS assigns transaction ids (integers, unique per CSMS). */
  newTransactionId(): number;
  changed(what: StationChange): void;
}
