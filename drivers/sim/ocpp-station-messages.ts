/**
 * What the simulated charging station sends, per OCPP version: one builder
 * per message so each version's shape sits next to the others. Values are
 * what a DC bidirectional station with an ISO 15118-20 car would report.
 */
import type { OcppVersion } from '../ocpp/ocpp-version.js';

export interface MeterSample {
  readonly powerW: number;
  readonly importWh: number;
  readonly exportWh: number;
  readonly socPct: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function bootNotification(version: OcppVersion): object {
  return version === '1.6'
    ? { chargePointVendor: 'SCALE sim', chargePointModel: 'DC-BPT-11', chargePointSerialNumber: 'SIM-0001', firmwareVersion: '1.0.0' }
    : { reason: 'PowerUp', chargingStation: { vendorName: 'SCALE sim', model: 'DC-BPT-11', serialNumber: 'SIM-0001', firmwareVersion: '1.0.0' } };
}

/** 1.6 status names; 2.x knows only Available/Occupied/Reserved/Unavailable/Faulted. */
export type V16Status = 'Available' | 'Preparing' | 'Charging' | 'SuspendedEV' | 'SuspendedEVSE' | 'Finishing' | 'Faulted';

export function statusNotification(version: OcppVersion, status: V16Status, nowMs: number, evseId: number, connectorId: number): object {
  if (version === '1.6') return { connectorId, errorCode: status === 'Faulted' ? 'InternalError' : 'NoError', status, timestamp: iso(nowMs) };
  const connectorStatus = status === 'Available' ? 'Available' : status === 'Faulted' ? 'Faulted' : 'Occupied';
  return { timestamp: iso(nowMs), connectorStatus, evseId, connectorId };
}

export function meterValueV16(m: MeterSample, nowMs: number): object {
  return {
    timestamp: iso(nowMs),
    sampledValue: [
      { value: String(Math.max(0, Math.round(m.powerW))), measurand: 'Power.Active.Import', unit: 'W', context: 'Sample.Periodic' },
      { value: String(Math.round(m.importWh)), measurand: 'Energy.Active.Import.Register', unit: 'Wh', context: 'Sample.Periodic' },
      { value: String(Math.round(m.socPct)), measurand: 'SoC', unit: 'Percent', location: 'EV', context: 'Sample.Periodic' },
    ],
  };
}

export function meterValueV2(m: MeterSample, nowMs: number, context = 'Sample.Periodic'): object {
  return {
    timestamp: iso(nowMs),
    sampledValue: [
      { value: Math.max(0, Math.round(m.powerW)), measurand: 'Power.Active.Import', context, unitOfMeasure: { unit: 'W' } },
      { value: Math.max(0, -Math.round(m.powerW)), measurand: 'Power.Active.Export', context, unitOfMeasure: { unit: 'W' } },
      { value: Math.round(m.importWh), measurand: 'Energy.Active.Import.Register', context, unitOfMeasure: { unit: 'Wh' } },
      { value: Math.round(m.exportWh), measurand: 'Energy.Active.Export.Register', context, unitOfMeasure: { unit: 'Wh' } },
      { value: Math.round(m.socPct), measurand: 'SoC', context, location: 'EV', unitOfMeasure: { unit: 'Percent' } },
    ],
  };
}

export interface SimCar {
  readonly capacityWh: number;
  readonly targetSocPct: number;
  /** Site ms from plug-in to departure. */
  readonly departureInMs: number;
  readonly maxChargeW: number;
  readonly maxDischargeW: number;
  /** The car keeps at least this for itself in V2X (ISO 15118-20 minimum SoC). */
  readonly minV2xSocPct: number;
  /** ISO 15118-20 bidirectional (OCPP 2.1 DC_BPT); false: a plain DC car. */
  readonly bidirectional: boolean;
}

export function notifyEvChargingNeeds(version: OcppVersion, car: SimCar, socPct: number, nowMs: number, evseId: number): object {
  const energyToTargetWh = Math.max(0, ((car.targetSocPct - socPct) / 100) * car.capacityWh);
  const dc = {
    evMaxCurrent: Math.round(car.maxChargeW / 400),
    evMaxVoltage: 450,
    evMaxPower: car.maxChargeW,
    energyAmount: Math.round(energyToTargetWh),
    stateOfCharge: Math.round(socPct),
    evEnergyCapacity: car.capacityWh,
  };
  const departureTime = iso(nowMs + car.departureInMs);
  if (version !== '2.1') return { evseId, chargingNeeds: { requestedEnergyTransfer: 'DC', departureTime, dcChargingParameters: dc } };
  const needs = car.bidirectional
    ? {
        requestedEnergyTransfer: 'DC_BPT',
        availableEnergyTransfer: ['DC_BPT', 'DC'],
        controlMode: 'DynamicControl',
        departureTime,
        dcChargingParameters: dc,
        v2xChargingParameters: {
          maxChargePower: car.maxChargeW,
          maxDischargePower: car.maxDischargeW,
          evTargetEnergyRequest: Math.round(energyToTargetWh),
          evMinV2XEnergyRequest: Math.round(((car.minV2xSocPct - socPct) / 100) * car.capacityWh),
          targetSoC: car.targetSocPct,
        },
      }
    : { requestedEnergyTransfer: 'DC', departureTime, dcChargingParameters: dc };
  return { evseId, timestamp: iso(nowMs), chargingNeeds: needs };
}
