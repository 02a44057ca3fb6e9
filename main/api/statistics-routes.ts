/** GET /api/statistics and its CSV export, over the statistics store. */
import { statisticsCsvQuery, statisticsQuery } from '../common/api.js';
import { HubError } from '../common/errors.js';
import { utcOffsetMs } from '../common/local-time.js';
import { routes } from '../common/routes.js';
import type { StatisticsView } from '../common/statistics.js';
import { parseLocalDate } from '../store/statistics-calendar.js';
import type { LocalDate } from '../store/statistics-calendar.js';
import type { StatisticsStore } from '../store/statistics-store.js';
import { slotBuckets, statisticsCsv, statisticsView } from '../store/statistics-view.js';
import { RawBody } from './route.js';
import type { ApiRoute } from './route.js';

export interface StatisticsRouteDeps {
  readonly store: StatisticsStore;
  readonly now: () => number;
  readonly timeZone: string;
}

function dateOf(text: string | undefined): LocalDate | null {
  if (text === undefined) return null;
  const date = parseLocalDate(text);
  if (date === null) throw new HubError('bad_request', `query.date: "${text}" is not a calendar date`);
  return date;
}

export function statisticsRoutes(deps: StatisticsRouteDeps): ApiRoute[] {
  return [
    {
      method: 'GET',
      path: routes.statistics,
      handle: (ctx): StatisticsView => {
        const q = ctx.query(statisticsQuery);
        return statisticsView(deps.store, q.range, dateOf(q.date), deps.now(), deps.timeZone);
      },
    },
    {
      method: 'GET',
      path: routes.statisticsCsv,
      handle: (ctx): RawBody => {
        const q = ctx.query(statisticsCsvQuery);
        const view = statisticsView(deps.store, q.range, dateOf(q.date), deps.now(), deps.timeZone);
        const rows = q.step === '15m' ? slotBuckets(deps.store, view.fromMs, view.toMs) : view.buckets;
        const csv = statisticsCsv(rows, (ts) => utcOffsetMs(ts, deps.timeZone));
        return new RawBody('text/csv; charset=utf-8', csv, `scale-hub-${view.range}-${view.date}${q.step === '15m' ? '-15min' : ''}.csv`);
      },
    },
  ];
}
