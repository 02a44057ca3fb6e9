/**
 * §14a EnWG dimming: the grid operator may cap what the controllable devices
 * (car charging, battery charging, heat pump) draw from the grid, never below
 * 4.2 kW (enforced in LimitsRegistry). What PV covers does not count: the cap
 * is on grid draw. The car is cut first, then battery charging.
 */
export interface ControllableInput {
  readonly limitW: number | null;
  readonly carTargetW: number;
  readonly batteryTargetW: number;
  /** PV left after the house (W, >= 0). */
  readonly pvSurplusW: number;
  readonly carMinChargeW: number;
}

export interface ControllableResult {
  readonly carTargetW: number;
  readonly batteryTargetW: number;
  readonly note: string | null;
}

export function guardControllable(i: ControllableInput): ControllableResult {
  if (i.limitW === null) return { carTargetW: i.carTargetW, batteryTargetW: i.batteryTargetW, note: null };
  const drawW = Math.max(0, i.carTargetW) + Math.max(0, -i.batteryTargetW) - i.pvSurplusW;
  let excessW = drawW - i.limitW;
  if (excessW <= 0) return { carTargetW: i.carTargetW, batteryTargetW: i.batteryTargetW, note: null };
  let car = i.carTargetW;
  let battery = i.batteryTargetW;
  if (car > 0) {
    const cut = Math.min(car, excessW);
    car = car - cut < i.carMinChargeW ? 0 : Math.floor((car - cut) / 100) * 100;
    excessW -= i.carTargetW - car;
  }
  if (excessW > 0 && battery < 0) battery = Math.min(0, battery + excessW);
  return { carTargetW: car, batteryTargetW: Math.round(battery), note: `grid operator limit ${(i.limitW / 1000).toFixed(1)} kW on controllable devices` };
}
