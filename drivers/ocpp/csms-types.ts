/**
 * The shared OCPP charging station manager as drivers see it (DriverContext.ocpp):
 * one WebSocket server for all OCPP chargers of the site, like the Modbus pool
 * is one connection per bus. A driver registers its station (id, password,
 * EVSE) and gets a StationLink; the server listens once the first station is
 * registered.
 */
import type { OcppVersion } from './ocpp-version.js';
import type { StationLink } from './station-link.js';

export interface StationRegistration {
  /** The charging station identity: the last segment of its URL, and its Basic-auth user name. */
  readonly stationId: string;
  /** Basic-auth password (OCPP security profile 1, or 2 over TLS). */
  readonly password: string;
  /** OCPP 2.x EVSE id (1.6: the connector id is used). */
  readonly evseId: number;
  readonly connectorId: number;
  /** Versions accepted from this station, newest preferred; default all. */
  readonly versions?: readonly OcppVersion[];
}

export interface CsmsPool {
  /** Registers a station and returns its link. One registration per station id. */
  station(registration: StationRegistration): StationLink;
  /** Forgets a station and drops its connection (the driver stopped). */
  release(stationId: string): void;
  /** Starts listening (idempotent) and resolves with the base URL stations connect to, e.g. ws://127.0.0.1:9000/ocpp. */
  listen(): Promise<string>;
  close(): Promise<void>;
}
