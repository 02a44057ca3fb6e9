/**
 * The tariff hub module: builds the TariffService from `tariff` in the
 * config, loads day-ahead price files, optionally fetches prices, feeds the
 * meter's Tempo colours, holds the export cap of no-export areas, and serves
 * GET /api/tariff.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { has } from '../../drivers/api.js';
import { routes } from '../common/routes.js';
import { describeError } from '../common/errors.js';
import type { HubContext, HubModule, HubModuleFactory } from '../hub/hub-context.js';
import { fetchDayAhead } from './day-ahead-fetch.js';
import { dayMs } from './slots.js';
import { TariffService } from './tariff-service.js';

const peaksKey = 'tariff.monthPeaksW';
const peaksSchema = z.record(z.string(), z.number());

/** How often to look for tomorrow's prices when fetching is configured (real ms). */
const fetchEveryMs = 3_600_000;

export const tariffModule: HubModuleFactory = (ctx: HubContext): HubModule => {
  const log = ctx.log.child('tariff');
  const config = ctx.config.tariff;
  const grid = ctx.devices.grid;
  const service = new TariffService({
    config,
    timeZone: ctx.config.site.timeZone,
    clock: ctx.clock,
    log,
    inputs: ctx.tariffInputs,
    output: ctx.tariff,
    history: ctx.history,
    peaks: {
      load: () => ctx.settings.get(peaksKey, peaksSchema, {}),
      save: (p) => ctx.settings.set(peaksKey, p, ctx.clock.now()),
    },
    ...(has(grid, 'meterTariffInfo') ? { meterTempo: () => ({ today: grid.tempoColourToday(), tomorrow: grid.tempoColourTomorrow() }) } : {}),
  });
  let fetchTimer: NodeJS.Timeout | null = null;

  const fetchNow = async (): Promise<void> => {
    const f = config.dayAhead.fetch;
    if (f === null) return;
    const now = ctx.clock.now();
    // Today and tomorrow from UTC midnight: the exchanges publish per delivery day.
    const from = now - (now % dayMs);
    for (const doc of await fetchDayAhead(f, from, 2, log)) service.addDocument(doc, `${f.provider} ${doc.area ?? ''}`);
  };

  return {
    name: 'tariff',
    routes: [{ method: 'GET', path: routes.tariff, handle: () => service.view() }],
    async start() {
      for (const file of config.dayAhead.files) {
        try {
          service.loadText(await readFile(file, 'utf8'), file);
        } catch (err) {
          // A bad price file is reported and skipped: prices can still come from a utility or a forecast.
          log.error(`day-ahead price file ${file} not loaded`, { error: describeError(err) });
        }
      }
      const exportLimitW = service.preset?.exportLimitW ?? null;
      if (exportLimitW !== null) {
        ctx.limits.put('config:tariff', [{ id: 'tariff-no-export', source: 'config', kind: 'export', limitW: exportLimitW, startMs: 0, endMs: null, issuer: 'tariff' }]);
      }
      service.start();
      if (config.dayAhead.fetch !== null) {
        void fetchNow();
        fetchTimer = setInterval(() => void fetchNow(), fetchEveryMs);
        fetchTimer.unref();
      }
      log.info(`tariff: ${service.preset?.info.name ?? 'none (utility prices only)'}`);
    },
    stop() {
      if (fetchTimer !== null) clearInterval(fetchTimer);
      service.stop();
    },
  };
};
