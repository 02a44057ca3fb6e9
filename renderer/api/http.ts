/**
 * Request/response calls to the hub. Together with live.ts this is the only
 * code in the renderer that talks to the hub; both are typed by
 * main/common/api.ts.
 */
import { routes } from './routes.js';
import type { CarModeBody, CarSettingsBody, HistoryRow, HubInfo } from '../../main/common/api.js';
import type { CarMode, SiteSnapshot } from '../../main/common/snapshot.js';
import { HubRequestError, isApiErrorBody } from './errors.js';
import { authHeaders } from './auth-store.js';
// Completes a pairing link (#pair=...) as soon as the UI talks to the hub.
import './auth.js';

const requestTimeoutMs = 10_000;

/** One JSON request to the hub; throws HubRequestError (code `network` when it cannot be reached). */
export async function request(path: string, init: RequestInit = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, signal: AbortSignal.timeout(requestTimeoutMs), headers: { accept: 'application/json', ...authHeaders(), ...init.headers } });
  } catch (err) {
    throw new HubRequestError('network', 'The hub cannot be reached.', 0, { cause: err });
  }
  const text = await response.text();
  let body: unknown = undefined;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch (err) {
      throw new HubRequestError('bad_response', `The hub answered ${response.status} with something that is not JSON.`, response.status, { cause: err });
    }
  }
  if (!response.ok) {
    if (isApiErrorBody(body)) throw new HubRequestError(body.error.code, body.error.message, response.status);
    throw new HubRequestError('http_error', `The hub answered ${response.status} ${response.statusText}.`.trim(), response.status);
  }
  return body;
}

function postJson(path: string, body: unknown): Promise<unknown> {
  return request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
}

// The hub is trusted to honour the contract; the casts below are the one place
// where its JSON becomes typed data.
export async function fetchState(): Promise<SiteSnapshot> {
  return (await request(routes.state)) as SiteSnapshot;
}

export async function fetchInfo(): Promise<HubInfo> {
  return (await request(routes.info)) as HubInfo;
}

/** One-minute rows between two site times (epoch ms). */
export async function fetchHistory(fromMs: number, toMs: number): Promise<readonly HistoryRow[]> {
  const query = new URLSearchParams({ fromMs: String(Math.max(0, Math.floor(fromMs))), toMs: String(Math.max(0, Math.floor(toMs))) });
  const rows = await request(`${routes.history}?${query.toString()}`);
  return Array.isArray(rows) ? (rows as HistoryRow[]) : [];
}

export async function setCarMode(mode: CarMode): Promise<void> {
  const body: CarModeBody = { mode };
  await postJson(routes.carMode, body);
}

export async function setCarSettings(settings: CarSettingsBody): Promise<void> {
  await postJson(routes.carSettings, settings);
}
