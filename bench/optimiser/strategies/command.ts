/** A plan's slot as the controller executes it: the car's power, the battery as main/control follows a plan. */
import type { SlotSchedule } from '../../../main/optimiser/model/decode.js';
import type { Command } from '../sim/strategy.js';

export function commandFromSlot(slot: SlotSchedule): Command {
  return {
    car: { kind: 'power', w: slot.carW },
    battery: { kind: 'plan', gridW: slot.gridW, batteryW: slot.batteryW },
    pvLimitW: slot.curtailW > 0 ? slot.pvW : null,
  };
}

/** What runs when a plan fails: the battery on self-consumption, the car at full power to its target. */
export function safeCommand(targetWh: number): Command {
  return { car: { kind: 'full-until', limitWh: targetWh }, battery: { kind: 'grid', gridW: 0, coverCar: false }, pvLimitW: null };
}
