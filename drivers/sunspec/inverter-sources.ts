/**
 * PV inverter readings from whichever models the device has, as pure
 * functions of decoded models (the driver decides what to read, these decide
 * what it means):
 *
 * - power, lifetime energy, operating state, alarms: 101-103 / 111-113 (W,
 *   WH, St, Evt1) or 701 (W, TotWhInj, InvSt, Alrm);
 * - per-MPPT power: 160 modules, or 714 ports of type PV. Modules a vendor
 *   uses for its battery (Fronius' StCha/StDisCha) are left out.
 */
import { numberAt, stringAt, type DecodedModel } from './decode.js';
import type { VendorQuirk } from './vendor-quirks.js';

/** Integer + scale factor models first (exact), float ones next; three phase before single phase; DER last. */
export const inverterModelPreference = [103, 113, 101, 111, 102, 112, 701] as const;

export interface InverterSample {
  /** AC power, W, > 0 production. */
  readonly powerW: number | null;
  /** Lifetime AC energy produced, Wh. */
  readonly energyWh: number | null;
  /** Operating state symbol ("MPPT", "THROTTLED", "RUNNING", "FAULT"...), null when not reported. */
  readonly state: string | null;
  /** Names of the alarm bits that are set. */
  readonly alarms: readonly string[];
}

export interface MpptSample {
  /** The device's name for the input ("String 1", "PV 2"), else its number. */
  readonly name: string;
  readonly powerW: number | null;
  readonly voltageV: number | null;
  readonly energyWh: number | null;
}

export function inverterSample(m: DecodedModel): InverterSample {
  const der = m.id === 701;
  return {
    powerW: numberAt(m, 'W'),
    energyWh: numberAt(m, der ? 'TotWhInj' : 'WH'),
    state: symbol(m, der ? 'InvSt' : 'St'),
    alarms: m.points.get(der ? 'Alrm' : 'Evt1')?.symbols ?? [],
  };
}

/** 160 modules, the vendor's battery modules left out. */
export function mpptFrom160(m: DecodedModel, quirk: VendorQuirk | undefined): MpptSample[] {
  const out: MpptSample[] = [];
  for (let i = 0; m.points.has(`module[${i}].DCW`); i++) {
    const at = `module[${i}].`;
    const name = stringAt(m, `${at}IDStr`) ?? `MPPT ${numberAt(m, `${at}ID`) ?? i + 1}`;
    const battery = quirk?.mpptBattery;
    if (battery !== undefined && (battery.charge.test(name) || battery.discharge.test(name))) continue;
    out.push({ name, powerW: numberAt(m, `${at}DCW`), voltageV: numberAt(m, `${at}DCV`), energyWh: numberAt(m, `${at}DCWH`) });
  }
  return out;
}

/** 714 ports of type PV (0). */
export function mpptFrom714(m: DecodedModel): MpptSample[] {
  const out: MpptSample[] = [];
  for (let i = 0; m.points.has(`Prt[${i}].DCW`); i++) {
    const at = `Prt[${i}].`;
    if (numberAt(m, `${at}PrtTyp`) !== 0) continue;
    out.push({
      name: stringAt(m, `${at}IDStr`) ?? `PV ${numberAt(m, `${at}ID`) ?? i + 1}`,
      powerW: numberAt(m, `${at}DCW`),
      voltageV: numberAt(m, `${at}DCV`),
      energyWh: numberAt(m, `${at}DCWhInj`),
    });
  }
  return out;
}

/** An enum's symbol. Model 111's upstream file spells its states "ggOFF", "ggMPPT"...: the prefix is a typo there, not a state. */
function symbol(m: DecodedModel, path: string): string | null {
  const name = m.points.get(path)?.symbols[0];
  return name === undefined ? null : name.replace(/^gg/, '');
}
