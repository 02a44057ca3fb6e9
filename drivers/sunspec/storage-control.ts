/**
 * How the hub drives a battery through SunSpec model 124 (basic storage
 * controls). The model only says "StorCtl_Mod: activate hold/discharge/charge
 * storage control mode" (bit 0 CHARGE, bit 1 DISCHARGE) and gives InWRte /
 * OutWRte as "percent of max charging / discharging rate". We follow the
 * reading that devices in the field implement (Fronius GEN24, and evcc's
 * templates built on it): the two rates bound a window of allowed battery
 * power, both relative to WChaMax,
 *
 *   bit 0 set: charge power      <= InWRte  % (negative: must discharge >= |InWRte| %)
 *   bit 1 set: discharge power   <= OutWRte % (negative: must charge    >= |OutWRte| %)
 *
 * and a fixed setpoint is a window collapsed to one point:
 *
 *   discharge at X W: StorCtl_Mod 3, OutWRte = +X/WChaMax, InWRte = -X/WChaMax
 *   charge at X W:    StorCtl_Mod 3, InWRte  = +X/WChaMax, OutWRte = -X/WChaMax
 *   hold (0 W):       StorCtl_Mod 3, InWRte = 0, OutWRte = 0
 *   release:          StorCtl_Mod 0 (the battery's own self-consumption logic)
 *
 * The rates and InOutWRte_RvrtTms are written before StorCtl_Mod so that the
 * device never combines new bits with old rates; the revert timeout makes the
 * device fall back to autonomous operation if the hub stops rewriting.
 */

export interface StorageCommand {
  /** StorCtl_Mod bits. */
  readonly mode: number;
  /** InWRte and OutWRte, % of WChaMax. */
  readonly inPct: number;
  readonly outPct: number;
}

export const storCtlCharge = 1;
export const storCtlDischarge = 2;

/** The 124 settings for a setpoint in W (> 0 discharge), clamped to ±100 % of WChaMax. */
export function storageCommandFor(powerW: number, wChaMaxW: number): StorageCommand {
  const pct = Math.min(100, (Math.abs(powerW) / wChaMaxW) * 100);
  const mode = storCtlCharge | storCtlDischarge;
  if (powerW > 0) return { mode, inPct: -pct, outPct: pct };
  if (powerW < 0) return { mode, inPct: pct, outPct: -pct };
  return { mode, inPct: 0, outPct: 0 };
}

/** The power (W, > 0 discharge) a command stands for; the inverse of storageCommandFor for read-back messages. */
export function commandPowerW(command: StorageCommand, wChaMaxW: number): number {
  return (command.outPct / 100) * wChaMaxW;
}
