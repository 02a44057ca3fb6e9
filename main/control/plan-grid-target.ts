/**
 * The grid power the battery steers to while following a plan slot, given
 * what the house really does (the residual: home + car - PV, what the grid
 * would carry with the battery idle).
 *
 * The plan was made for forecasts; reality differs by a cloud or a kettle.
 * Holding the plan's grid power exactly would make the battery take every
 * difference, also where that loses money: with less sun than forecast it
 * would discharge to keep up a planned export (selling stored energy at the
 * export price), and at a cheap hour it would spend energy the plan kept for
 * the evening. So the battery first does what the plan says, and takes a
 * difference only where that is worth it in every tariff we know (import
 * dearer than export):
 *  - surplus the plan did not expect is stored, never exported while the
 *    battery has room;
 *  - a deficit the plan did not expect is covered by the battery when the
 *    plan has it discharging or the house would otherwise import at a moment
 *    the plan meant to export or self-consume; otherwise the grid takes it
 *    (the plan kept that energy for a dearer hour);
 *  - battery energy is never exported unless the plan exports it on purpose
 *    (V2G-style arbitrage at a price peak), which is then held.
 */

/** Planned export below this (W) is a deliberate export, not a rounding of "zero". */
const plannedExportW = 100;

export function planGridTargetW(planGridW: number, planBatteryW: number, residualW: number): number {
  const asPlannedW = residualW - planBatteryW;
  if (planGridW > 0) {
    // Importing as planned: a discharging battery covers extra deficits up to the planned import,
    // an idle or charging one leaves them to the grid; surplus is stored, not exported.
    return planBatteryW > 0 ? Math.max(0, Math.min(asPlannedW, planGridW)) : Math.max(0, asPlannedW);
  }
  // Exporting the battery's energy on purpose: hold the export.
  if (planBatteryW > 0 && planGridW < -plannedExportW) return planGridW;
  // Exporting surplus or self-consuming: a deficit first shrinks the export, then the battery covers
  // imports; extra surplus is stored up to the planned export.
  return Math.min(0, Math.max(asPlannedW, planGridW));
}
