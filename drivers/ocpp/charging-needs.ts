/**
 * NotifyEVChargingNeeds (OCPP 2.0.1 and 2.1) into the hub's EvChargingNeeds.
 * 2.1 adds v2xChargingParameters (ISO 15118-20 bidirectional power transfer):
 * charge and discharge power limits, energy requests and a target SoC.
 * Where the car gives an energy instead of a SoC, the SoC is derived only if
 * the car also gave its SoC and capacity; nothing is guessed.
 */
import type { EvChargingNeeds } from '../api.js';

interface V2xParameters {
  readonly maxChargePower?: number;
  readonly maxDischargePower?: number;
  readonly evTargetEnergyRequest?: number;
  readonly evMinV2XEnergyRequest?: number;
  readonly targetSoC?: number;
}

interface DcParameters {
  readonly evMaxPower?: number;
  readonly energyAmount?: number;
  readonly stateOfCharge?: number;
  readonly evEnergyCapacity?: number;
}

interface AcParameters {
  readonly energyAmount: number;
  readonly evMinCurrent: number;
  readonly evMaxCurrent: number;
  readonly evMaxVoltage: number;
}

export interface ChargingNeedsMessage {
  readonly evseId: number;
  readonly chargingNeeds: {
    readonly requestedEnergyTransfer: string;
    readonly availableEnergyTransfer?: readonly string[];
    readonly departureTime?: string;
    readonly acChargingParameters?: AcParameters;
    readonly dcChargingParameters?: DcParameters;
    readonly v2xChargingParameters?: V2xParameters;
  };
}

/** ISO 15118-20 bidirectional power transfer modes (OCPP 2.1 EnergyTransferModeEnumType). */
export const bidirectionalModes: readonly string[] = ['AC_BPT', 'AC_BPT_DER', 'DC_BPT', 'DC_ACDP_BPT'];

export interface ParsedNeeds {
  readonly needs: EvChargingNeeds;
  readonly bidirectional: boolean;
  /** Requested mode first, then the other available ones, without repeats. */
  readonly modes: readonly string[];
  /** SoC the car reported with its needs (DC), or null. */
  readonly socPct: number | null;
}

export function parseChargingNeeds(message: ChargingNeedsMessage, receivedMs: number): ParsedNeeds {
  const n = message.chargingNeeds;
  const v2x = n.v2xChargingParameters;
  const dc = n.dcChargingParameters;
  const ac = n.acChargingParameters;
  const modes = [n.requestedEnergyTransfer, ...(n.availableEnergyTransfer ?? [])];
  const bidirectional = modes.some((m) => bidirectionalModes.includes(m));
  const socPct = dc?.stateOfCharge ?? null;
  const capacityWh = dc?.evEnergyCapacity ?? null;
  const departureMs = n.departureTime === undefined ? null : Date.parse(n.departureTime);
  let minSocPct: number | null = null;
  if (v2x?.evMinV2XEnergyRequest !== undefined && socPct !== null && capacityWh !== null && capacityWh > 0) {
    // "Energy to the minimum SoC for V2X": positive means the car is below its V2X floor.
    minSocPct = round1(clampPct(socPct + (v2x.evMinV2XEnergyRequest / capacityWh) * 100));
  }
  const acMaxW = ac === undefined ? null : ac.evMaxCurrent * ac.evMaxVoltage;
  return {
    bidirectional,
    modes: [...new Set(modes)],
    socPct,
    needs: {
      departureMs: departureMs !== null && Number.isFinite(departureMs) ? departureMs : null,
      energyRequestedWh: v2x?.evTargetEnergyRequest ?? dc?.energyAmount ?? ac?.energyAmount ?? null,
      targetSocPct: v2x?.targetSoC ?? null,
      minSocPct,
      maxDischargeW: bidirectional ? Math.abs(v2x?.maxDischargePower ?? 0) : 0,
      maxChargeW: v2x?.maxChargePower ?? dc?.evMaxPower ?? acMaxW,
      capacityWh,
      receivedMs,
    },
  };
}

function clampPct(v: number): number {
  return Math.min(100, Math.max(0, v));
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
