/**
 * The simulated site, the same for every strategy: the Konstanz house (its
 * PV as recorded), a 10 kWh home battery, a 60 kWh car on an 11 kW
 * bidirectional AC charger (6 A per phase minimum both ways), a 3 x 25 A
 * connection.
 */
import type { PvArray, SiteLocation } from '../../main/optimiser/forecast/clear-sky.js';

export interface BenchBattery {
  readonly capacityWh: number;
  readonly maxChargeW: number;
  readonly maxDischargeW: number;
  readonly chargeEfficiency: number;
  readonly dischargeEfficiency: number;
  readonly reserveSocPct: number;
  readonly initialSocPct: number;
}

export interface BenchCar {
  readonly capacityWh: number;
  readonly maxChargeW: number;
  readonly minChargeW: number;
  readonly maxDischargeW: number;
  readonly minDischargeW: number;
  readonly chargeEfficiency: number;
  readonly dischargeEfficiency: number;
  /** Wanted at every departure; also the car's own charge limit for the uncontrolled strategies. */
  readonly targetSocPct: number;
  /** V2G never below this. */
  readonly minSocPct: number;
  readonly initialSocPct: number;
}

export interface BenchSite {
  readonly battery: BenchBattery;
  readonly car: BenchCar;
  readonly importLimitW: number;
  readonly location: SiteLocation;
  /** What the installer would configure for the PV forecast (the recorded array's orientation is not published). */
  readonly pvArrays: readonly PvArray[];
  /** Local time of the price zone: day-ahead prices appear at 13:00 there, for the next local day. */
  readonly timeZone: string;
}

const sixAmpsThreePhaseW = 6 * 3 * 230;

export function benchSite(timeZone: string): BenchSite {
  return {
    battery: { capacityWh: 10_000, maxChargeW: 5000, maxDischargeW: 5000, chargeEfficiency: 0.95, dischargeEfficiency: 0.95, reserveSocPct: 10, initialSocPct: 50 },
    car: {
      capacityWh: 60_000,
      maxChargeW: 11_000,
      minChargeW: sixAmpsThreePhaseW,
      maxDischargeW: 11_000,
      minDischargeW: sixAmpsThreePhaseW,
      chargeEfficiency: 0.92,
      dischargeEfficiency: 0.92,
      targetSocPct: 80,
      minSocPct: 30,
      initialSocPct: 80,
    },
    importLimitW: 3 * 25 * 230,
    // Konstanz (DE_KN_residential4); the recorded array peaks at 8.5 kW.
    location: { latitudeDeg: 47.66, longitudeDeg: 9.18 },
    pvArrays: [{ kwp: 10, tiltDeg: 30, azimuthDeg: 180 }],
    timeZone,
  };
}
