/**
 * Home battery readings from whichever models the device has, as pure
 * functions of decoded models, first source that reports a value wins:
 *
 *   power (> 0 discharge)  802 W (sign configurable) | 701 W of a storage DER | 714 ESS ports
 *                          | 160 battery modules of a vendor that puts them there (Fronius)
 *   SoC                    802 SoC | 713 SoC | 124 ChaState
 *   SoH                    802 SoH | 713 SoH
 *   capacity               802 WHRtg | 713 WHRtg
 *   max charge/discharge   802 WChaRteMax/WDisChaRteMax | 702 settings, else ratings | 124 WChaMax
 *   charge status          802 ChaSt | 124 ChaSt
 *   device reserve         802 SoCRsvMin | 124 MinRsvPct
 *
 * Sign of a 714 ESS port's DCW: power flowing from the port into the DER
 * (DCWhInj is "energy injected"), i.e. > 0 when the battery discharges.
 */
import { numberAt, type DecodedModel } from './decode.js';
import type { VendorQuirk } from './vendor-quirks.js';

export type PowerSign = 'discharge-positive' | 'charge-positive';

export interface BatterySample {
  readonly powerW: number | null;
  readonly socPct: number | null;
  readonly sohPct: number | null;
  readonly capacityWh: number | null;
  readonly maxChargeW: number | null;
  readonly maxDischargeW: number | null;
  /** "CHARGING", "DISCHARGING", "HOLDING", "FULL"... */
  readonly chargeStatus: string | null;
  /** The device's own minimum reserve, % (it will not discharge below it on its own). */
  readonly reservePct: number | null;
}

/** The models a battery reading can come from, in the order they are worth reading. */
export const batterySourceModels = [802, 713, 701, 714, 702, 124, 160] as const;

export function batterySample(models: ReadonlyMap<number, DecodedModel>, powerSign: PowerSign, quirk: VendorQuirk | undefined): BatterySample {
  const at = (id: number, path: string): number | null => {
    const m = models.get(id);
    return m === undefined ? null : numberAt(m, path);
  };
  const bankW = at(802, 'W');
  const storageDer = models.has(713);
  return {
    powerW: first(
      bankW === null ? null : powerSign === 'discharge-positive' ? bankW : 0 - bankW,
      storageDer ? at(701, 'W') : null,
      essPortsW(models.get(714)),
      vendorModulesW(models.get(160), quirk),
    ),
    socPct: first(at(802, 'SoC'), at(713, 'SoC'), at(124, 'ChaState')),
    sohPct: first(at(802, 'SoH'), at(713, 'SoH')),
    capacityWh: first(at(802, 'WHRtg'), at(713, 'WHRtg')),
    maxChargeW: first(at(802, 'WChaRteMax'), at(702, 'WChaRteMax'), at(702, 'WChaRteMaxRtg'), at(124, 'WChaMax')),
    maxDischargeW: first(at(802, 'WDisChaRteMax'), at(702, 'WDisChaRteMax'), at(702, 'WDisChaRteMaxRtg'), at(124, 'WChaMax')),
    chargeStatus: models.get(802)?.points.get('ChaSt')?.symbols[0] ?? models.get(124)?.points.get('ChaSt')?.symbols[0] ?? null,
    reservePct: first(at(802, 'SoCRsvMin'), at(124, 'MinRsvPct')),
  };
}

/** Which models the sample needs on this device (so a poll reads only those). */
export function batteryModelsToRead(has: (id: number) => boolean, quirk: VendorQuirk | undefined): number[] {
  const wanted = new Set<number>();
  if (has(802)) wanted.add(802);
  if (has(713)) {
    wanted.add(713);
    if (has(701)) wanted.add(701);
  }
  if (!has(802) && !has(713) && has(714)) wanted.add(714);
  if (has(702)) wanted.add(702);
  if (has(124)) wanted.add(124);
  if (!has(802) && !has(713) && !has(714) && has(160) && quirk?.mpptBattery !== undefined) wanted.add(160);
  return batterySourceModels.filter((id) => wanted.has(id));
}

/** Sum of the ESS ports' DCW; null without any ESS port. */
function essPortsW(m: DecodedModel | undefined): number | null {
  if (m === undefined) return null;
  let sum: number | null = null;
  for (let i = 0; m.points.has(`Prt[${i}].DCW`); i++) {
    if (numberAt(m, `Prt[${i}].PrtTyp`) !== 1) continue;
    const w = numberAt(m, `Prt[${i}].DCW`);
    if (w === null) return null;
    sum = (sum ?? 0) + w;
  }
  return sum;
}

/** Discharge module minus charge module, for vendors that report the battery as MPPT inputs. */
function vendorModulesW(m: DecodedModel | undefined, quirk: VendorQuirk | undefined): number | null {
  const rule = quirk?.mpptBattery;
  if (m === undefined || rule === undefined) return null;
  let charge: number | null = null;
  let discharge: number | null = null;
  for (let i = 0; m.points.has(`module[${i}].DCW`); i++) {
    const name = m.points.get(`module[${i}].IDStr`)?.value;
    if (typeof name !== 'string') continue;
    if (rule.charge.test(name)) charge = numberAt(m, `module[${i}].DCW`);
    if (rule.discharge.test(name)) discharge = numberAt(m, `module[${i}].DCW`);
  }
  return charge === null || discharge === null ? null : discharge - charge;
}

function first(...values: (number | null)[]): number | null {
  return values.find((v) => v !== null) ?? null;
}
