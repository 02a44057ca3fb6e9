/**
 * The simulated PV inverter as a SunSpec device, in one of three model sets
 * (so that tests cover each path a real inverter may offer):
 *
 *   'int'   1, 103 (or 101), 120, 123, 160   integer + scale factors (SMA, SolarEdge, Fronius "int+SF")
 *   'float' 1, 113 (or 111), 120, 121, 123, 160   float32 (Fronius' default setting)
 *   'der'   1, 701, 702, 704, 714            the IEEE 1547 DER models (newer SMA, Tripower X...)
 *
 * PV comes from the physics; two strings share it 60/40 in 160 and 714.
 * Curtailment: sunspec-sim-pv-limit.ts.
 */
import type { Clock } from '../../main/common/clock.js';
import type { Logger } from '../../main/common/log.js';
import { numberAt } from '../sunspec/decode.js';
import type { SimPhysics } from './physics-types.js';
import { commonModelSpec } from './sunspec-sim-common.js';
import { capacity702, invSt, measure701, ports714 } from './sunspec-sim-der.js';
import { inverterState, measureFloatInverter, measureIntInverter, mppt160 } from './sunspec-sim-legacy.js';
import { PvLimitControl } from './sunspec-sim-pv-limit.js';
import { fitOne } from './sunspec-sim-scale.js';
import { SimSunSpecUnit, type RawPoints, type SimModelSpec } from './sunspec-sim-unit.js';

export const simInverterProfiles = ['int', 'float', 'der'] as const;
export type SimInverterProfile = (typeof simInverterProfiles)[number];

const phaseVoltageV = 230;
const stringShares = [0.6, 0.4] as const;
const stringVoltagesV = [620, 580] as const;

export interface SimInverterOptions {
  readonly physics: SimPhysics;
  readonly clock: Clock;
  readonly log: Logger;
  readonly unitId: number;
  /** Nameplate (120 WRtg / 702 WMaxRtg): what 100 % of WMaxLimPct means. */
  readonly ratedW: number;
  readonly profile?: SimInverterProfile;
  /** 101/111 instead of 103/113. */
  readonly phases?: 1 | 3;
  /** Model 1 Mn; tests set a vendor's name to exercise its quirks. */
  readonly manufacturer?: string;
}

export class SimSunSpecInverter {
  readonly unit: SimSunSpecUnit;
  readonly profile: SimInverterProfile;
  private readonly options: SimInverterOptions;
  private readonly limit: PvLimitControl;
  /** The limit last handed to the physics; it hears about changes only, like a real inverter's power stage. */
  private appliedLimitW: number | null = null;

  constructor(options: SimInverterOptions) {
    this.options = options;
    this.profile = options.profile ?? 'int';
    const phases = options.phases ?? 3;
    this.limit = new PvLimitControl({
      clock: options.clock,
      log: options.log,
      unit: () => this.unit,
      wMaxW: () => this.wMaxW(),
      apply: (limitW) => this.apply(limitW),
    });
    const common = commonModelSpec({ model: 'Sim PV Inverter', serial: 'SIM-INV-0001', unitId: options.unitId, manufacturer: options.manufacturer });
    const physics = options.physics;
    let specs: SimModelSpec[];
    switch (this.profile) {
      case 'int':
        specs = [
          common,
          { id: phases === 3 ? 103 : 101, measure: () => measureIntInverter(physics.state(), phases) },
          { id: 120, initial: this.nameplate() },
          this.limit.spec123(),
          { id: 160, measure: () => this.strings160() },
        ];
        break;
      case 'float':
        specs = [
          common,
          { id: phases === 3 ? 113 : 111, measure: () => measureFloatInverter(physics.state(), phases) },
          { id: 120, initial: this.nameplate() },
          { id: 121, initial: this.settings() },
          this.limit.spec123(),
          { id: 160, measure: () => this.strings160() },
        ];
        break;
      case 'der':
        specs = [
          common,
          { id: 701, measure: () => this.measure701() },
          { id: 702, initial: capacity702({ maxW: options.ratedW }) },
          this.limit.spec704(),
          { id: 714, measure: () => this.ports714() },
        ];
        break;
    }
    this.unit = new SimSunSpecUnit(40000, specs);
  }

  dispose(): void {
    this.limit.dispose();
  }

  /** Power cycle: every remote setting is gone, the inverter runs free. */
  reboot(): void {
    this.limit.dispose();
    this.unit.reset();
    this.apply(null);
  }

  private wMaxW(): number {
    const m121 = this.unit.decoded(121);
    const m702 = this.unit.decoded(702);
    return (m121 && numberAt(m121, 'WMax')) ?? (m702 && numberAt(m702, 'WMax')) ?? this.options.ratedW;
  }

  private nameplate(): RawPoints {
    const wRtg = fitOne(this.options.ratedW, 'uint16', 0);
    const aRtg = fitOne(this.options.ratedW / phaseVoltageV / 3, 'uint16');
    return { DERTyp: 4, WRtg: wRtg.raw, WRtg_SF: wRtg.sf, VARtg: wRtg.raw, VARtg_SF: wRtg.sf, ARtg: aRtg.raw, ARtg_SF: aRtg.sf };
  }

  private settings(): RawPoints {
    const wMax = fitOne(this.options.ratedW, 'uint16', 0);
    return { WMax: wMax.raw, WMax_SF: wMax.sf, VRef: 230, VRef_SF: 0, VRefOfs: 0, VRefOfs_SF: 0, VAMax: wMax.raw, VAMax_SF: wMax.sf };
  }

  private strings160(): RawPoints {
    const s = this.options.physics.state();
    return mppt160(
      stringShares.map((share, i) => ({
        name: `String ${i + 1}`,
        powerW: Math.max(0, s.pvW) * share,
        voltageV: stringVoltagesV[i] ?? 600,
        energyWh: s.pvEnergyWh * share,
      })),
    );
  }

  private measure701(): RawPoints {
    const s = this.options.physics.state();
    const st = inverterState(s);
    return measure701({
      powerW: s.pvW,
      injectedWh: s.pvEnergyWh,
      absorbedWh: 0,
      invSt: st === 2 ? invSt.sleeping : st === 5 ? invSt.throttled : invSt.running,
      throttlePct: s.pvAvailableW > 0 ? Math.max(0, Math.min(100, (1 - s.pvW / s.pvAvailableW) * 100)) : 0,
    });
  }

  private ports714(): RawPoints {
    const s = this.options.physics.state();
    return ports714(
      stringShares.map((share, i) => ({
        type: 0,
        name: `PV ${i + 1}`,
        powerW: Math.max(0, s.pvW) * share,
        voltageV: stringVoltagesV[i] ?? 600,
        injectedWh: s.pvEnergyWh * share,
        absorbedWh: 0,
      })),
    );
  }

  private apply(limitW: number | null): void {
    if (limitW === this.appliedLimitW) return;
    this.appliedLimitW = limitW;
    this.options.physics.setPvLimitW(limitW);
  }
}
