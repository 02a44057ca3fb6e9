/**
 * Hub data that screens poll rather than receive live: tariff, signals,
 * plan, statistics. One PolledResource per URL, shared by every component
 * that shows it; it polls only while someone is subscribed and keeps the last
 * good value through errors (the screen greys it out, it does not go blank).
 *
 * "unavailable" means the hub has no such data (yet): the route is missing
 * (404: that feature is not in this hub), the hub says not available (503),
 * or it answered null (no plan before the first optimisation).
 */
import type { StatisticsView, StatisticsRange } from '../../main/common/statistics.js';
import type { TariffView } from '../../main/common/bill.js';
import type { Plan } from '../../main/common/plan.js';
import type { SignalsView } from '../../main/common/signals.js';
import { authHeaders } from './auth-store.js';
import { HubRequestError } from './errors.js';
import { request } from './http.js';
import { routes } from './routes.js';

export type ResourceStatus = 'loading' | 'ok' | 'unavailable' | 'error';

export interface ResourceState<T> {
  readonly data: T | null;
  readonly status: ResourceStatus;
  /** Why the last attempt failed (hub message), null when it did not. */
  readonly message: string | null;
  /** Real time (Date.now()) of the last good answer. */
  readonly updatedAt: number | null;
}

export class PolledResource<T> {
  private state: ResourceState<T> = { data: null, status: 'loading', message: null, updatedAt: null };
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = false;

  constructor(
    private readonly load: () => Promise<T | null>,
    private readonly everyMs: number,
  ) {}

  readonly getState = (): ResourceState<T> => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) void this.poll();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        clearTimeout(this.timer);
        this.timer = undefined;
      }
    };
  };

  get subscribers(): number {
    return this.listeners.size;
  }

  /** Fetches now (after a change the user made), then keeps the usual rhythm. */
  refresh(): Promise<void> {
    return this.poll();
  }

  private async poll(): Promise<void> {
    clearTimeout(this.timer);
    if (this.inFlight) return;
    this.inFlight = true;
    try {
      const data = await this.load();
      this.set(data === null ? { data: null, status: 'unavailable', message: null, updatedAt: Date.now() } : { data, status: 'ok', message: null, updatedAt: Date.now() });
    } catch (err) {
      const unavailable = err instanceof HubRequestError && (err.status === 404 || err.status === 503);
      const message = err instanceof Error ? err.message : String(err);
      this.set({ ...this.state, status: unavailable ? 'unavailable' : 'error', message, ...(unavailable ? { data: null } : {}) });
    } finally {
      this.inFlight = false;
    }
    // One chain of timers: a subscriber that came while this request was out is served by it and the next ones.
    clearTimeout(this.timer);
    if (this.listeners.size > 0) this.timer = setTimeout(() => void this.poll(), this.everyMs);
  }

  private set(state: ResourceState<T>): void {
    this.state = state;
    for (const l of this.listeners) l();
  }
}

const cache = new Map<string, PolledResource<unknown>>();
/** Statistics of past periods pile up as the user browses; drop idle ones beyond this many. */
const maxCached = 24;

function shared<T>(key: string, load: () => Promise<T | null>, everyMs: number): PolledResource<T> {
  let r = cache.get(key) as PolledResource<T> | undefined;
  if (r === undefined) {
    if (cache.size >= maxCached) {
      for (const [k, v] of cache) if (v.subscribers === 0 && cache.size >= maxCached) cache.delete(k);
    }
    r = new PolledResource(load, everyMs);
    cache.set(key, r);
  }
  return r;
}

// The hub is trusted to honour the contract; these casts are where its JSON becomes typed data.
export function tariffResource(): PolledResource<TariffView> {
  return shared('tariff', async () => (await request(routes.tariff)) as TariffView, 60_000);
}

export function signalsResource(): PolledResource<SignalsView> {
  return shared('signals', async () => (await request(routes.signals)) as SignalsView, 10_000);
}

export function planResource(): PolledResource<Plan> {
  return shared('plan', async () => (await request(routes.plan)) as Plan | null, 30_000);
}

function statisticsQuery(range: StatisticsRange, date: string | null): string {
  const q = new URLSearchParams({ range });
  if (date !== null) q.set('date', date);
  return q.toString();
}

/** Statistics of the period of `range` containing the local `date` ("YYYY-MM-DD"; null: today). */
export function statisticsResource(range: StatisticsRange, date: string | null): PolledResource<StatisticsView> {
  const query = statisticsQuery(range, date);
  // The current period changes every minute; a past one only if the hub fills a gap.
  return shared(`statistics?${query}`, async () => (await request(`${routes.statistics}?${query}`)) as StatisticsView, date === null ? 15_000 : 300_000);
}

/** Where the period's CSV is served. */
export function statisticsCsvUrl(range: StatisticsRange, date: string, step: 'bucket' | '15m' = 'bucket'): string {
  return `${routes.statisticsCsv}?${statisticsQuery(range, date)}&step=${step}`;
}

/**
 * Fetches the period's CSV with this browser's credentials (a paired tablet
 * sends its token in a header, which a plain link cannot) and hands it to the
 * browser as a download.
 */
export async function downloadStatisticsCsv(range: StatisticsRange, date: string, step: 'bucket' | '15m' = 'bucket'): Promise<void> {
  let response: Response;
  try {
    response = await fetch(statisticsCsvUrl(range, date, step), { headers: { accept: 'text/csv', ...authHeaders() }, signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    throw new HubRequestError('network', 'The hub cannot be reached.', 0, { cause: err });
  }
  if (!response.ok) throw new HubRequestError('http_error', `The hub answered ${response.status} ${response.statusText}.`.trim(), response.status);
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `scale-hub-${range}-${date}.csv`;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file by the next task; the object URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
