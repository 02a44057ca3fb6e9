/**
 * The CSMS's outgoing commands per version: the TxProfile that carries the
 * hub's power setpoint, and the messages around it. One function per
 * message, data in, payload out, so each version's shape is easy to compare
 * with its schema.
 *
 * Setpoints: 1.6 and 2.0.1 can only limit charging (limit >= 0; 0 pauses).
 * 2.1 adds operationMode CentralSetpoint with a signed `setpoint` (< 0
 * discharges), bounded by `limit` and `dischargeLimit` so the station cannot
 * overshoot into the other direction, and `maxOfflineDuration` with
 * `invalidAfterOfflineDuration`: a station that loses the hub drops the
 * setpoint after that long, so a car is never left discharging unattended.
 */
import { isV2, type OcppVersion } from './ocpp-version.js';

/** Ours: the station may hold other profiles (its own TxDefaultProfile, a grid operator's); we clear only this id. */
export function hubProfileId(evseId: number): number {
  return 7100 + evseId;
}

/** Above a station's TxDefaultProfile at 0; TxProfile overrides TxDefaultProfile anyway. */
const STACK_LEVEL = 1;

export interface SetpointProfile {
  readonly powerW: number;
  readonly transactionId: string;
  readonly evseId: number;
  readonly connectorId: number;
  /** 2.1 only: the car and the station may discharge (CentralSetpoint); otherwise charge-only limits. */
  readonly v2x: boolean;
  /** 2.1: seconds without the hub after which the station drops this profile. */
  readonly maxOfflineS: number;
}

export interface Command {
  readonly action: string;
  readonly payload: object;
}

export function setChargingProfile(version: OcppVersion, p: SetpointProfile): Command {
  const id = hubProfileId(p.evseId);
  // Charging-only protocols get at most a limit; a negative request there means "do not charge".
  const limitW = Math.max(0, Math.round(p.powerW));
  if (version === '1.6') {
    return {
      action: 'SetChargingProfile',
      payload: {
        connectorId: p.connectorId,
        csChargingProfiles: {
          chargingProfileId: id,
          transactionId: Number(p.transactionId),
          stackLevel: STACK_LEVEL,
          chargingProfilePurpose: 'TxProfile',
          chargingProfileKind: 'Relative',
          chargingSchedule: { chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit: limitW }] },
        },
      },
    };
  }
  const period =
    version === '2.1'
      ? p.v2x
        ? { startPeriod: 0, operationMode: 'CentralSetpoint', setpoint: Math.round(p.powerW), limit: limitW, dischargeLimit: Math.min(0, Math.round(p.powerW)) }
        : { startPeriod: 0, operationMode: 'ChargingOnly', limit: limitW }
      : { startPeriod: 0, limit: limitW };
  return {
    action: 'SetChargingProfile',
    payload: {
      evseId: p.evseId,
      chargingProfile: {
        id,
        stackLevel: STACK_LEVEL,
        chargingProfilePurpose: 'TxProfile',
        chargingProfileKind: 'Relative',
        transactionId: p.transactionId,
        ...(version === '2.1' ? { maxOfflineDuration: p.maxOfflineS, invalidAfterOfflineDuration: true } : {}),
        chargingSchedule: [{ id: 1, chargingRateUnit: 'W', chargingSchedulePeriod: [period] }],
      },
    },
  };
}

export function clearChargingProfile(version: OcppVersion, evseId: number): Command {
  const id = hubProfileId(evseId);
  return { action: 'ClearChargingProfile', payload: isV2(version) ? { chargingProfileId: id } : { id } };
}

export function getCompositeSchedule(version: OcppVersion, evseId: number, connectorId: number, durationS: number): Command {
  return {
    action: 'GetCompositeSchedule',
    payload: isV2(version) ? { evseId, duration: durationS, chargingRateUnit: 'W' } : { connectorId, duration: durationS, chargingRateUnit: 'W' },
  };
}

export function requestStart(version: OcppVersion, evseId: number, connectorId: number, idTag: string, remoteStartId: number): Command {
  return isV2(version)
    ? { action: 'RequestStartTransaction', payload: { evseId, remoteStartId, idToken: { idToken: idTag, type: 'Central' } } }
    : { action: 'RemoteStartTransaction', payload: { connectorId, idTag } };
}

export function requestStop(version: OcppVersion, transactionId: string): Command {
  return isV2(version) ? { action: 'RequestStopTransaction', payload: { transactionId } } : { action: 'RemoteStopTransaction', payload: { transactionId: Number(transactionId) } };
}

/** OCPP 2.1: which energy transfer modes the CSMS allows for this transaction (BPT modes allow discharging). */
export function notifyAllowedEnergyTransfer(transactionId: string, modes: readonly string[]): Command {
  return { action: 'NotifyAllowedEnergyTransfer', payload: { transactionId, allowedEnergyTransfer: [...modes] } };
}
