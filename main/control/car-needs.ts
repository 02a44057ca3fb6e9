/**
 * What the car itself says (OCPP 2.x NotifyEVChargingNeeds, from ISO 15118)
 * merged with the user's settings. The user's wishes come first; the car fills
 * what the user left open (a departure, a target) and its own limits tighten
 * the user's (the car refuses to be discharged below its own floor anyway).
 */
import type { EvChargingNeeds } from '../../drivers/api.js';
import type { CarSettings } from '../common/car.js';
import { nextLocalTimeMs } from '../common/local-time.js';

export interface EffectiveCar {
  readonly settings: CarSettings;
  readonly departureMs: number | null;
  readonly capacityWh: number;
}

export function effectiveCar(user: CarSettings, needs: EvChargingNeeds | null, nowMs: number, timeZone: string, configuredCapacityWh: number): EffectiveCar {
  const userDepartureMs = user.readyBy === null ? null : nextLocalTimeMs(nowMs, user.readyBy, timeZone);
  if (needs === null) return { settings: user, departureMs: userDepartureMs, capacityWh: configuredCapacityWh };
  const carDepartureMs = needs.departureMs !== null && needs.departureMs > nowMs ? needs.departureMs : null;
  const useCarGoal = userDepartureMs === null && carDepartureMs !== null;
  return {
    settings: {
      ...user,
      minSocPct: Math.max(user.minSocPct, needs.minSocPct ?? 0),
      targetSocPct: useCarGoal && needs.targetSocPct !== null ? needs.targetSocPct : user.targetSocPct,
    },
    departureMs: userDepartureMs ?? carDepartureMs,
    capacityWh: needs.capacityWh ?? configuredCapacityWh,
  };
}
