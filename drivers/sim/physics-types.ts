/**
 * The simulated home's physics as the device-side protocol servers see it.
 * Servers read the state to fill their registers/telegrams and send commands
 * that the physics applies on its next 1-second step. Signs as in
 * main/common/snapshot.ts.
 */
export interface SimState {
  /** Site time of this step, epoch ms. */
  readonly ts: number;
  /** What the panels could produce now (W), before any curtailment. */
  readonly pvAvailableW: number;
  /** Actual PV production (W), after curtailment. */
  readonly pvW: number;
  readonly pvLimitW: number | null;
  readonly pvEnergyWh: number;
  /** Household consumption without car and battery (W). */
  readonly loadW: number;
  readonly battery: {
    /** > 0 discharge. */
    readonly powerW: number;
    readonly socPct: number;
    readonly capacityWh: number;
    readonly maxChargeW: number;
    readonly maxDischargeW: number;
    /** Commanded power, null when the battery runs its own self-consumption logic. */
    readonly commandW: number | null;
    readonly chargeEnergyWh: number;
    readonly dischargeEnergyWh: number;
  };
  readonly car: {
    readonly pluggedIn: boolean;
    readonly socPct: number;
    readonly capacityWh: number;
    /** At the wallbox: > 0 charging the car. */
    readonly powerW: number;
    readonly maxChargeW: number;
    readonly maxDischargeW: number;
  };
  /** > 0 import. */
  readonly gridW: number;
  readonly gridImportWh: number;
  readonly gridExportWh: number;
  /** Per-phase grid values, L1..L3. */
  readonly phases: readonly { readonly currentA: number; readonly voltageV: number; readonly powerW: number }[];
  /** Main fuse rating and whether it would have blown (sustained over-current) — tests assert it never does. */
  readonly fuseA: number;
  readonly fuseTripped: boolean;
}

export interface SimPhysics {
  state(): SimState;
  /** PV curtailment from the inverter server (null removes the cap). */
  setPvLimitW(limitW: number | null): void;
  /** Battery power command from the battery server (null: autonomous self-consumption). */
  setBatteryCommandW(powerW: number | null): void;
  /** Wallbox power the charger delivers now (the Quasar model decides when, ramping and delays included). */
  setCarPowerW(powerW: number): void;
}
