/**
 * The two baselines without a plan. none: battery idle, the car charges at
 * full power from arrival to its own limit (the target). self-consumption:
 * the battery charges on surplus and discharges on deficit (grid towards
 * zero, as a stand-alone home battery does), the car as in none.
 */
import type { Command, SimState, Strategy, StrategyContext } from '../sim/strategy.js';

export function noneStrategy(ctx: StrategyContext): Strategy {
  const limitWh = (ctx.site.car.targetSocPct / 100) * ctx.site.car.capacityWh;
  const cmd: Command = { car: { kind: 'full-until', limitWh }, battery: { kind: 'idle' }, pvLimitW: null };
  return { name: 'none', decide: () => cmd };
}

export function selfConsumptionStrategy(ctx: StrategyContext): Strategy {
  const limitWh = (ctx.site.car.targetSocPct / 100) * ctx.site.car.capacityWh;
  const cmd: Command = { car: { kind: 'full-until', limitWh }, battery: { kind: 'grid', gridW: 0, coverCar: true }, pvLimitW: null };
  return { name: 'self-consumption', decide: (_s: SimState) => cmd };
}
