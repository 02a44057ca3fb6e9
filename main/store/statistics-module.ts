/**
 * The statistics hub module: records the tariff's price for every minute of
 * history, folds complete 15-minute slots into history_15m and prunes old
 * minutes (at start and every 15 site minutes), and serves the statistics
 * routes.
 */
import { describeError } from '../common/errors.js';
import type { SiteSnapshot } from '../common/snapshot.js';
import { statisticsRoutes } from '../api/statistics-routes.js';
import type { HubContext, HubModule, HubModuleFactory } from '../hub/hub-context.js';
import { StatisticsStore } from './statistics-store.js';

const maintainEveryMs = 15 * 60_000;

export interface StatisticsModule extends HubModule {
  readonly store: StatisticsStore;
}

export const statisticsModule: HubModuleFactory = (ctx: HubContext): StatisticsModule => {
  const log = ctx.log.child('statistics');
  const store = new StatisticsStore(ctx.db);
  const cleanups: (() => void)[] = [];
  let lastMinute = -1;

  const recordPrice = (s: SiteSnapshot): void => {
    const minute = Math.floor(s.ts / 60_000) * 60_000;
    if (minute === lastMinute) return;
    lastMinute = minute;
    const schedule = ctx.tariff.get();
    const slot = schedule?.slots.find((p) => p.startMs <= s.ts && s.ts < p.endMs);
    if (schedule === null || slot === undefined) return;
    try {
      store.recordPrice(minute, slot.importPerKWh, slot.exportPerKWh, schedule.currency);
    } catch (err) {
      log.warn('price not recorded', { error: describeError(err) });
    }
  };

  const maintain = (): void => {
    try {
      const { slots, prunedMinutes } = store.maintain(ctx.clock.now());
      if (prunedMinutes > 0) log.info(`statistics: ${slots} slots aggregated, ${prunedMinutes} old minutes pruned`);
    } catch (err) {
      log.error('statistics maintenance failed', { error: describeError(err) });
    }
  };

  return {
    name: 'statistics',
    store,
    routes: statisticsRoutes({ store, now: () => ctx.clock.now(), timeZone: ctx.config.site.timeZone }),
    start() {
      maintain();
      cleanups.push(ctx.site.onSnapshot(recordPrice));
      cleanups.push(ctx.clock.every(maintainEveryMs, maintain));
    },
    stop() {
      for (const c of cleanups.splice(0)) c();
    },
  };
};
