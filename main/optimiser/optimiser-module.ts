/**
 * The optimiser as a hub module: plans in a worker thread from the hub's
 * prices, limits, forecasts and the user's car settings, publishes the plan
 * the controller follows, and serves it at GET /api/plan.
 */
import { HubError } from '../common/errors.js';
import { routes } from '../common/routes.js';
import type { HubContext, HubModule, HubModuleFactory } from '../hub/hub-context.js';
import { DeviationWatch } from './planner/deviation-watch.js';
import { ExternalForecast, priceForecastSchema, pvForecastSchema } from './planner/external-forecast.js';
import type { PriceEntry, PvEntry } from './planner/external-forecast.js';
import { FlexBaselines } from './planner/flex-baselines.js';
import { HistoryCache } from './planner/history-cache.js';
import { Planner } from './planner/planner.js';
import { PriceBook } from './planner/price-book.js';
import { defaultSolveLimits } from './solver/solve-problem.js';
import { SolverClient } from './solver/solver-client.js';

/** History kept for the forecasts (8 days) and the month's peaks (up to 31 days). */
const historyKeepMs = 32 * 86_400_000;

export const optimiserModule: HubModuleFactory = (ctx: HubContext): HubModule => {
  const config = ctx.config.optimiser;
  const log = ctx.log.child('optimiser');
  const planRoute = {
    method: 'GET' as const,
    path: routes.plan,
    handle: () => {
      const plan = ctx.plan.current();
      if (plan === null) throw new HubError('not_available', config.enabled ? 'no plan yet: the optimiser is starting' : 'the optimiser is off (optimiser.enabled in the config)', { retryable: config.enabled });
      return plan;
    },
  };
  if (!config.enabled) return { name: 'optimiser', routes: [planRoute] };

  const solver = new SolverClient();
  const history = new HistoryCache(ctx.history, historyKeepMs);
  const prices = new PriceBook();
  const flexBaselines = new FlexBaselines();
  const watch = new DeviationWatch();
  const unsubscribe: (() => void)[] = [];
  let planner: Planner | null = null;
  const ask = (reason: string): void => planner?.request(reason, true);
  const externalPv =
    config.forecasts.pv === null ? null : new ExternalForecast<PvEntry>('PV', config.forecasts.pv.url, config.forecasts.pv.refreshMin * 60_000, pvForecastSchema, log, () => ask('new PV forecast'));
  const externalPrices =
    config.forecasts.prices === null
      ? null
      : new ExternalForecast<PriceEntry>('price', config.forecasts.prices.url, config.forecasts.prices.refreshMin * 60_000, priceForecastSchema, log, () => ask('new price forecast'));

  planner = new Planner({
    clock: ctx.clock,
    log,
    latest: () => ctx.site.latest(),
    sources: () => ({
      hub: ctx.config,
      config,
      devices: ctx.devices,
      carSettings: ctx.car.get(),
      limits: (t) => ctx.limits.active(t),
      tariff: ctx.tariff.get(),
      flex: ctx.flex.get(),
      history,
      prices,
      flexBaselines,
      externalPv,
      externalPrices,
    }),
    solve: (problem, limits) => solver.solve(problem, limits),
    publish: (plan) => ctx.plan.set(plan),
    current: () => ctx.plan.current(),
    timeZone: ctx.config.site.timeZone,
    limits: { ...defaultSolveLimits, timeLimitMs: config.solveTimeLimitMs },
    replanEveryMs: config.replanEveryMin * 60_000,
  });

  return {
    name: 'optimiser',
    routes: [planRoute],
    start() {
      let last: { plugged: boolean; socKnown: boolean; batteryKnown: boolean } | null = null;
      unsubscribe.push(
        ctx.tariff.onChange(() => ask('new prices')),
        ctx.limits.onChange(() => ask('grid limits changed')),
        ctx.car.onChange(() => ask('car settings changed')),
        ctx.flex.onChange(() => ask('flexibility request')),
        ctx.site.onSnapshot((s) => {
          // The first plan waits for the devices to report (no failsafe); until then the controller's rules run.
          if (last === null && s.control.failsafe) return;
          const now = { plugged: s.car.pluggedIn, socKnown: s.car.socPct !== null, batteryKnown: s.battery.socPct !== null };
          if (last === null) planner?.request('devices reporting');
          else if (now.plugged !== last.plugged) ask(now.plugged ? 'car plugged in' : 'car unplugged');
          else if (now.plugged && now.socKnown && !last.socKnown) ask('car state of charge known');
          else if (now.batteryKnown && !last.batteryKnown) ask('battery state of charge known');
          last = now;
          if (watch.update(s, ctx.plan.slotAt(s.ts))) ask('large forecast deviation');
        }),
      );
      externalPv?.start();
      externalPrices?.start();
      planner?.start();
    },
    async stop() {
      for (const u of unsubscribe.splice(0)) u();
      externalPv?.stop();
      externalPrices?.stop();
      await planner?.stop();
      await solver.close();
    },
  };
};
