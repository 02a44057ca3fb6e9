/**
 * Config of one OCPP charger (device entry of type "ocpp"): which station and
 * EVSE it is, its credentials, and what the installer allows it to do.
 */
import { z } from 'zod';
import { ocppVersions, type OcppVersion } from './ocpp-version.js';

export interface OcppChargerConfig {
  /** Charging station identity (the last URL segment, and the Basic-auth user). */
  readonly stationId: string;
  /** Basic-auth password of the station (security profile 1/2). */
  readonly password: string;
  readonly evseId?: number;
  readonly connectorId?: number;
  /** OCPP versions accepted from this station; default all (newest preferred). */
  readonly protocols?: readonly OcppVersion[];
  /** Installer limit for charging, W. */
  readonly maxChargeW?: number;
  /** Installer limit for discharging, W (used only where the station and car can discharge: OCPP 2.1, ISO 15118-20). */
  readonly maxDischargeW?: number;
  /** The installer allows V2X on this station at all (the user's V2H/V2G permissions come on top). */
  readonly allowDischarge?: boolean;
  /** Id token used for RequestStartTransaction when the station waits for the CSMS to start a session. */
  readonly idTag?: string;
  /** During a session, meter values older than this make the charger's data stale (s). */
  readonly meterTimeoutS?: number;
  /** OCPP 2.1: the station drops the hub's setpoint after this long without the hub (s). */
  readonly maxOfflineS?: number;
}

export const ocppChargerConfigSchema: z.ZodType<OcppChargerConfig> = z.strictObject({
  // OCPP 2.0.1 identities: 1-48 characters, no ':' (Basic auth) and nothing that needs URL escaping.
  stationId: z.string().regex(/^[A-Za-z0-9._*|@+-]{1,48}$/, 'expected 1-48 letters, digits or ._*|@+-'),
  password: z.string().min(8, 'expected at least 8 characters').max(64),
  evseId: z.number().int().min(1).max(32).optional(),
  connectorId: z.number().int().min(1).max(32).optional(),
  protocols: z.array(z.enum(ocppVersions)).min(1).optional(),
  maxChargeW: z.number().min(1000).max(350_000).optional(),
  maxDischargeW: z.number().min(0).max(350_000).optional(),
  allowDischarge: z.boolean().optional(),
  idTag: z.string().min(1).max(20).optional(),
  meterTimeoutS: z.number().min(2).max(300).optional(),
  maxOfflineS: z.number().int().min(10).max(3600).optional(),
});

export interface OcppChargerSettings {
  readonly stationId: string;
  readonly password: string;
  readonly evseId: number;
  readonly connectorId: number;
  readonly protocols: readonly OcppVersion[] | undefined;
  readonly maxChargeW: number;
  readonly maxDischargeW: number;
  readonly allowDischarge: boolean;
  readonly idTag: string;
  readonly meterTimeoutMs: number;
  readonly maxOfflineS: number;
}

export function ocppChargerSettings(c: OcppChargerConfig): OcppChargerSettings {
  const maxChargeW = c.maxChargeW ?? 11_000;
  return {
    stationId: c.stationId,
    password: c.password,
    evseId: c.evseId ?? 1,
    connectorId: c.connectorId ?? 1,
    protocols: c.protocols,
    maxChargeW,
    maxDischargeW: c.maxDischargeW ?? maxChargeW,
    allowDischarge: c.allowDischarge ?? true,
    // 1.6 idTag: at most 20 characters.
    idTag: c.idTag ?? 'SCALE-HUB',
    meterTimeoutMs: (c.meterTimeoutS ?? 15) * 1000,
    // Long enough to ride out a hub restart, short enough that a dead hub does not leave the car discharging.
    maxOfflineS: c.maxOfflineS ?? 60,
  };
}
