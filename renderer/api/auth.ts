/**
 * LAN access, pairing and installer mode, as the UI uses them (contract:
 * main/common/auth.ts). A tablet that opens the QR code's link
 * (http://hub:8080/#pair=SECRET) is paired here as soon as this module loads:
 * the secret is exchanged for a device token and removed from the address bar.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { pairFragmentKey } from '../../main/common/auth.js';
import type { AuthStatus, InstallerLogin, PairedDevice, PairingClaim, PairingOffer } from '../../main/common/auth.js';
import { authRoutes } from '../../main/common/routes.js';
import { credentialsVersion, deviceToken, installerSession, setDeviceToken, setInstallerSession, subscribeCredentials } from './auth-store.js';
import { HubRequestError } from './errors.js';
import { request } from './http.js';

export { deviceToken, installerSession } from './auth-store.js';

function post(path: string, body: unknown): Promise<unknown> {
  return request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
}

export async function fetchAuthStatus(): Promise<AuthStatus> {
  return (await request(authRoutes.status)) as AuthStatus;
}

// ---- pairing ----

export async function openPairing(): Promise<PairingOffer> {
  return (await post(authRoutes.pairingOffer, {})) as PairingOffer;
}

export async function listPairedDevices(): Promise<readonly PairedDevice[]> {
  return (await request(authRoutes.pairingDevices)) as PairedDevice[];
}

export async function revokeDevice(id: string): Promise<void> {
  await post(authRoutes.pairingRevoke, { id });
}

/** Pairs this browser with a QR secret or a typed code; keeps the token. */
export async function claimPairing(given: { secret?: string; code?: string }, name?: string): Promise<PairingClaim> {
  // Without the old token: a revoked one must not stand in the way of pairing again.
  setDeviceToken(null);
  const claim = (await post(authRoutes.pairingClaim, { ...given, ...(name === undefined ? {} : { name }) })) as PairingClaim;
  setDeviceToken(claim.token);
  return claim;
}

/** This browser forgets its token (the wall screen can revoke it for good). */
export function forgetPairing(): void {
  setDeviceToken(null);
  setInstallerSession(null);
}

/** The secret in a pairing link's fragment, or null. */
export function pairingSecretIn(hash: string): string | null {
  const m = new RegExp(`^#${pairFragmentKey}=([A-Za-z0-9_-]{16,100})$`).exec(hash);
  return m?.[1] ?? null;
}

export type PairingFromLink = 'none' | 'pairing' | 'paired' | 'failed';
let linkState: PairingFromLink = 'none';
let linkError: string | null = null;
const linkListeners = new Set<() => void>();

function setLinkState(state: PairingFromLink, error: string | null = null): void {
  linkState = state;
  linkError = error;
  for (const l of linkListeners) l();
}

/** Completes a pairing link, once, when the page was opened from the QR code. */
function pairFromLocation(): void {
  if (typeof window === 'undefined') return;
  const secret = pairingSecretIn(window.location.hash);
  if (secret === null) return;
  // The secret leaves the address bar (and the history) at once.
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/settings`);
  setLinkState('pairing');
  claimPairing({ secret }).then(
    () => {
      setLinkState('paired');
      // Everything that failed without a token (live stream, polled data) starts over.
      window.location.reload();
    },
    (err: unknown) => setLinkState('failed', err instanceof HubRequestError ? err.message : String(err)),
  );
}
// After every module has loaded (http.ts imports this one for its side effect).
setTimeout(pairFromLocation, 0);

export function usePairingFromLink(): { state: PairingFromLink; error: string | null } {
  const state = useSyncExternalStore(
    (l) => {
      linkListeners.add(l);
      return () => linkListeners.delete(l);
    },
    () => linkState,
  );
  return { state, error: linkError };
}

// ---- installer mode ----

export async function setFirstPin(pin: string): Promise<InstallerLogin> {
  const login = (await post(authRoutes.installerPin, { pin })) as InstallerLogin;
  setInstallerSession(login.session);
  return login;
}

export async function installerLogin(pin: string): Promise<InstallerLogin> {
  const login = (await post(authRoutes.installerLogin, { pin })) as InstallerLogin;
  setInstallerSession(login.session);
  return login;
}

export async function installerLogout(): Promise<void> {
  try {
    await post(authRoutes.installerLogout, {});
  } finally {
    setInstallerSession(null);
  }
}

export async function changePin(pin: string, newPin: string): Promise<void> {
  await post(authRoutes.installerPinChange, { pin, newPin });
}

export function hasInstallerSession(): boolean {
  return installerSession() !== null;
}

export function hasDeviceToken(): boolean {
  return deviceToken() !== null;
}

/** Re-renders when this browser's token or installer session changes. */
export function useCredentials(): number {
  return useSyncExternalStore(subscribeCredentials, credentialsVersion);
}

/** The hub's view of this browser (principal, LAN, installer), refreshed on credential changes and every `everyMs`. */
export function useAuthStatus(everyMs = 5000): { status: AuthStatus | null; error: HubRequestError | null; refresh: () => void } {
  const creds = useCredentials();
  const [tick, setTick] = useState(0);
  const [status, setStatus] = useState<AuthStatus | null>(null);
  const [error, setError] = useState<HubRequestError | null>(null);
  useEffect(() => {
    let cancelled = false;
    fetchAuthStatus().then(
      (s) => {
        if (cancelled) return;
        setStatus(s);
        setError(null);
        // The hub no longer knows our session (expired, hub restarted): drop it.
        if (s.installer.session === null && installerSession() !== null) setInstallerSession(null);
      },
      (err: unknown) => {
        if (!cancelled) setError(err instanceof HubRequestError ? err : new HubRequestError('network', String(err), 0));
      },
    );
    const timer = setTimeout(() => setTick((n) => n + 1), everyMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [creds, tick, everyMs]);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  return { status, error, refresh };
}
