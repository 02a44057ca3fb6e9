/**
 * HTTP to the VTN: JSON in and out, Bearer token, timeouts, one retry with a
 * fresh token on 401, pagination for lists (at most 50 per page in the spec).
 * Errors carry whether retrying helps.
 */
import { HubError } from '../../common/errors.js';
import type { TokenSource } from './oauth-client.js';

const timeoutMs = 10_000;
const pageSize = 50;

export class VtnClient {
  constructor(
    private readonly baseUrl: string,
    private readonly tokens: TokenSource,
  ) {}

  url(path: string, query: Record<string, string | number> = {}): string {
    const u = new URL(this.baseUrl.replace(/\/$/, '') + path);
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, String(v));
    return u.toString();
  }

  async request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, options: { query?: Record<string, string | number>; body?: unknown } = {}): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.tokens.get();
      let res: Response;
      try {
        res = await fetch(this.url(path, options.query), {
          method,
          headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}) },
          ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        throw new HubError('device_unreachable', `VTN ${method} ${path} failed`, { retryable: true, cause: err });
      }
      if (res.status === 401 && attempt === 0) {
        this.tokens.invalidate();
        continue;
      }
      const text = await res.text();
      if (!res.ok) {
        throw new HubError(res.status === 401 || res.status === 403 ? 'unauthorized' : 'device_rejected', `VTN ${method} ${path}: HTTP ${res.status} ${text.slice(0, 200)}`, {
          retryable: res.status >= 500 || res.status === 429,
        });
      }
      if (text === '') return null;
      try {
        return JSON.parse(text) as unknown;
      } catch (err) {
        throw new HubError('device_protocol', `VTN ${method} ${path}: response is not JSON`, { cause: err });
      }
    }
  }

  /** Every item of a list endpoint, page by page. */
  async list(path: string, query: Record<string, string | number> = {}): Promise<unknown[]> {
    const all: unknown[] = [];
    for (let skip = 0; skip < 10_000; skip += pageSize) {
      const page = await this.request('GET', path, { query: { ...query, skip, limit: pageSize } });
      if (!Array.isArray(page)) throw new HubError('device_protocol', `VTN GET ${path}: expected a list`);
      all.push(...(page as unknown[]));
      if (page.length < pageSize) break;
    }
    return all;
  }
}
