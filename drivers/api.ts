/**
 * Device capabilities: one small interface per capability, a unit in every
 * name (evcc's api/ package is the model). The control loop and the optimiser
 * import only this file, never a concrete driver.
 *
 * Values are the driver's latest valid reading, cached: drivers poll or listen
 * in the background and the control tick reads synchronously. `null` means
 * "not known now" (stale, not yet read, or not available on this device).
 * Signs follow main/common/snapshot.ts: grid > 0 import, PV > 0 production,
 * battery > 0 discharge, charger > 0 charging the car.
 */
import type { ChargerState, DeviceHealth, DeviceRole, PhaseValues } from '../main/common/snapshot.js';

export type { ChargerState, DeviceHealth, DeviceRole, PhaseValues };

/** What every driver instance is. Capabilities are listed in `capabilities`. */
export interface Device {
  readonly id: string;
  /** Driver type from the registry, e.g. "p1-tcp". */
  readonly type: string;
  readonly role: DeviceRole;
  readonly capabilities: readonly Capability[];
  /** Connects and starts polling/listening. Resolves once started, not once data arrived; never rejects for an unreachable device (that is health). */
  start(): Promise<void>;
  /** Hands control back to the device (autonomous mode) where it has control, then closes. */
  stop(): Promise<void>;
  health(): DeviceHealth;
  /** Called after each new valid reading; meters drive the control tick with it. Returns an unsubscribe function. */
  onReading(listener: () => void): () => void;
}

export interface PowerMeter {
  /** Active power, W, signed by the device's role. */
  powerW(): number | null;
}

/**
 * Lifetime energy counters, Wh, from the device's point of view: "import" is
 * energy flowing into it, "export" out of it. Grid meter: import from / export
 * to the grid. PV inverter: production is export. Battery: charging is import,
 * discharging export. Charger: energy into the car is export.
 */
export interface EnergyMeter {
  energyImportWh(): number | null;
  energyExportWh(): number | null;
}

export interface PhaseMeter {
  phases(): readonly PhaseValues[] | null;
}

/** Tempo day colour (FR, EDF Tempo): blue days are cheap, white dearer, red (22 a year, winter weekdays) dearest. */
export type TempoColour = 'blue' | 'white' | 'red';

/**
 * What the grid meter itself says about the tariff, for the tariff model and
 * the optimiser. Only meters that send it have this capability (DSMR P1 and
 * Fluvius e-MUCS, Linky TIC; not SML or most HAN lists). Every value is null
 * when the meter does not send it or the reading is stale.
 */
export interface MeterTariffInfo {
  /**
   * The tariff register the meter counts into now, as the meter names it:
   * DSMR/e-MUCS 0-0:96.14.0 as a number without leading zeros ("1", "2";
   * NL 1 = low, 2 = normal; BE 1 = day, 2 = night); TIC historique PTEC
   * without its padding dots ("HC", "HP", "HPJB", "TH"); TIC standard LTARF
   * trimmed ("HEURE CREUSE"). Compare it with the contract, not with a guess.
   */
  tariffIndicator(): string | null;
  /** BE capacity tariff (e-MUCS 1-0:1.4.0): average import power of the current 15-min demand period so far, W. */
  capacity15MinAverageW(): number | null;
  /** BE capacity tariff (e-MUCS 1-0:1.6.0): the highest 15-min average import of this month, W. */
  monthPeakW(): number | null;
  /** When monthPeakW was reached, epoch ms. */
  monthPeakTs(): number | null;
  /** FR Tempo (TIC): colour of today and of tomorrow (tomorrow is known from the evening before, null until then). */
  tempoColourToday(): TempoColour | null;
  tempoColourTomorrow(): TempoColour | null;
}

export interface Battery {
  socPct(): number | null;
  capacityWh(): number | null;
}

export interface BatteryControl {
  /** Battery power setpoint, W, > 0 discharge, < 0 charge. The device reverts to autonomous operation if the hub stops writing. */
  setBatteryPowerW(powerW: number): Promise<void>;
  /** Gives the battery back to its own (autonomous) control. */
  releaseBattery(): Promise<void>;
  maxChargePowerW(): number | null;
  maxDischargePowerW(): number | null;
}

export interface PvControl {
  /** Caps PV production at limitW; null removes the cap. */
  setPvLimitW(limitW: number | null): Promise<void>;
}

export interface Charger {
  chargerState(): ChargerState;
  /** True when a car is connected (whatever it is doing). */
  carConnected(): boolean;
  maxChargePowerW(): number | null;
}

export interface BidirectionalCharger {
  /** Signed power setpoint, W: > 0 charge the car, < 0 discharge it, 0 pause. */
  setChargerPowerW(powerW: number): Promise<void>;
  maxDischargePowerW(): number | null;
  /** True while the charger is still executing the last change (slow chargers take 6-22 s); the controller holds steady meanwhile. */
  changeInFlight(): boolean;
  /** Gives the charger back to its own control (e.g. on hub exit). */
  releaseCharger(): Promise<void>;
}

export interface VehicleSoc {
  vehicleSocPct(): number | null;
}

/**
 * What the car itself asks for in this session (OCPP 2.x NotifyEVChargingNeeds,
 * from ISO 15118). Each field is null when the car did not send it. SoC
 * values are derived from energies when the car gives energies and capacity.
 */
export interface EvChargingNeeds {
  /** The car's estimated departure, epoch ms. */
  readonly departureMs: number | null;
  /** Energy the car asks for until departure, Wh. */
  readonly energyRequestedWh: number | null;
  readonly targetSocPct: number | null;
  /** The car's own floor for V2X cycling; discharging below it is refused by the car. */
  readonly minSocPct: number | null;
  /** Largest discharge the car (and station) allow, W (>= 0); 0 when the car cannot discharge. */
  readonly maxDischargeW: number | null;
  /** Largest charging power the car (and station) allow, W. */
  readonly maxChargeW: number | null;
  /** Usable battery capacity the car reports, Wh. */
  readonly capacityWh: number | null;
  /** Site time the car sent these needs, epoch ms. */
  readonly receivedMs: number;
}

export interface ChargingNeeds {
  /** The latest needs of the car now connected, or null (none sent, no car, or stale). */
  chargingNeeds(): EvChargingNeeds | null;
}

export interface CapabilityMap {
  powerMeter: PowerMeter;
  energyMeter: EnergyMeter;
  phaseMeter: PhaseMeter;
  meterTariffInfo: MeterTariffInfo;
  battery: Battery;
  batteryControl: BatteryControl;
  pvControl: PvControl;
  charger: Charger;
  bidirectionalCharger: BidirectionalCharger;
  vehicleSoc: VehicleSoc;
  chargingNeeds: ChargingNeeds;
}

export type Capability = keyof CapabilityMap;

/** "Does this device have capability X": the one helper the control loop uses. */
export function has<K extends Capability>(device: Device, capability: K): device is Device & CapabilityMap[K] {
  return device.capabilities.includes(capability);
}
