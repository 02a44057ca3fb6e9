/**
 * The credentials this browser holds, and the headers that carry them:
 * - the device token of a paired LAN tablet (localStorage: it outlives the
 *   tab; revoked from the wall screen's Settings);
 * - the installer session after a PIN (sessionStorage: it ends with the tab,
 *   and the hub ends it after 15 minutes without use anyway).
 * The wall screen (loopback) holds neither and needs neither.
 */
import { installerSessionHeader, wsProtocol, wsTokenProtocolPrefix } from '../../main/common/auth.js';

const tokenKey = 'scale-hub.deviceToken';
const sessionKey = 'scale-hub.installerSession';

function storage(kind: 'local' | 'session'): Storage | null {
  try {
    return kind === 'local' ? window.localStorage : window.sessionStorage;
  } catch {
    // Private mode or storage disabled: nothing persists, the tablet pairs again.
    return null;
  }
}

const listeners = new Set<() => void>();
let version = 0;

function changed(): void {
  version++;
  for (const l of listeners) l();
}

export function deviceToken(): string | null {
  return storage('local')?.getItem(tokenKey) ?? null;
}

export function setDeviceToken(token: string | null): void {
  const s = storage('local');
  if (token === null) s?.removeItem(tokenKey);
  else s?.setItem(tokenKey, token);
  changed();
}

export function installerSession(): string | null {
  return storage('session')?.getItem(sessionKey) ?? null;
}

export function setInstallerSession(session: string | null): void {
  const s = storage('session');
  if (session === null) s?.removeItem(sessionKey);
  else s?.setItem(sessionKey, session);
  changed();
}

/** Changes of either credential (React: useSyncExternalStore). */
export function subscribeCredentials(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function credentialsVersion(): number {
  return version;
}

/** Headers for every HTTP request to the hub. */
export function authHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const token = deviceToken();
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const session = installerSession();
  if (session !== null) headers[installerSessionHeader] = session;
  return headers;
}

/** Opens the live socket; a paired tablet offers its token as a second subprotocol (browsers cannot set headers on a WebSocket). */
export function openHubSocket(url: string): WebSocket {
  const token = deviceToken();
  return token === null ? new WebSocket(url) : new WebSocket(url, [wsProtocol, `${wsTokenProtocolPrefix}${token}`]);
}
