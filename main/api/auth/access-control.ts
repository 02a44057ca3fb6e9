/**
 * Who may call what. Every API call and the WebSocket go through here:
 *
 *   public     anyone (pairing claim, auth status, webhooks that check their own signature)
 *   user       the wall screen (loopback) or a paired device (device token)
 *   local      the wall screen, or anyone in installer mode (pairing, token list)
 *   installer  a PIN-unlocked installer session of the same device
 *
 * No token and not local: 401. Known but not allowed: 403. The messages say
 * what to do, because a homeowner reads them on a tablet.
 */
import type { IncomingMessage } from 'node:http';
import { installerSessionHeader, wsTokenProtocolPrefix } from '../../common/auth.js';
import type { AuthStatus, PairedDevice } from '../../common/auth.js';
import { HubError } from '../../common/errors.js';
import type { Db } from '../../store/database.js';
import { DeviceTokenStore } from './device-tokens.js';
import { InstallerPin } from './installer-pin.js';
import type { InstallerPinOptions } from './installer-pin.js';
import { PairingOffers } from './pairing.js';
import { isLocalRequest } from './request-origin.js';
import { InstallerSessions } from './sessions.js';
import type { SessionPolicy } from './sessions.js';

export type RouteAccess = 'public' | 'user' | 'local' | 'installer';

export type Principal = { readonly kind: 'local' } | { readonly kind: 'device'; readonly device: PairedDevice };

export const notPairedMessage =
  'this device is not paired with the hub: on the wall screen open Settings › Access from the home network, tap "Pair a device" and scan the QR code (or type its code)';
const badTokenMessage = 'the device token is not valid (revoked or unknown): pair this device again from the wall screen';

export function principalKey(p: Principal): string {
  return p.kind === 'local' ? 'local' : `device:${p.device.id}`;
}

/** What the API server asks. */
export interface AccessGate {
  /** The caller, null when anonymous; throws 401 for a token that is not (or no longer) valid. */
  authenticate(req: IncomingMessage): Principal | null;
  /** Throws 401/403 unless `principal` may use a route with this access. */
  authorise(access: RouteAccess, principal: Principal | null, req: IncomingMessage): void;
}

/** Without a database (tests of the bare server): the wall screen only, no installer mode. */
export const loopbackOnlyGate: AccessGate = {
  authenticate: (req) => (isLocalRequest(req) ? { kind: 'local' } : null),
  authorise: (access, principal) => {
    if (access === 'public') return;
    if (principal === null) throw new HubError('unauthorized', notPairedMessage);
    if (access === 'installer') throw new HubError('forbidden', 'installer mode is not available on this server');
  },
};

/** The bearer token of a request: Authorization header, or (WebSocket) the token subprotocol. */
export function requestToken(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (auth !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return m?.[1] ?? '';
  }
  const protocols = req.headers['sec-websocket-protocol'];
  if (typeof protocols === 'string') {
    for (const p of protocols.split(',')) {
      const t = p.trim();
      if (t.startsWith(wsTokenProtocolPrefix)) return t.slice(wsTokenProtocolPrefix.length);
    }
  }
  return null;
}

export function sessionOf(req: IncomingMessage): string | undefined {
  const v = req.headers[installerSessionHeader];
  return typeof v === 'string' ? v : undefined;
}

export interface AccessControlOptions {
  readonly db: Db;
  /** Real time (never the simulated site clock). */
  readonly now?: () => number;
  readonly pin?: Omit<InstallerPinOptions, 'now'>;
  readonly sessions?: SessionPolicy;
}

export class AccessControl implements AccessGate {
  readonly tokens: DeviceTokenStore;
  readonly pin: InstallerPin;
  readonly sessions: InstallerSessions;
  readonly pairing: PairingOffers;

  constructor(options: AccessControlOptions) {
    const now = options.now ?? Date.now;
    this.tokens = new DeviceTokenStore(options.db, now);
    this.pin = new InstallerPin(options.db, { ...options.pin, now });
    this.sessions = new InstallerSessions(now, options.sessions);
    this.pairing = new PairingOffers(now);
  }

  authenticate(req: IncomingMessage): Principal | null {
    // The wall screen first: it never holds a token, and a stale one must not lock it out.
    if (isLocalRequest(req)) return { kind: 'local' };
    const token = requestToken(req);
    if (token === null) return null;
    const device = this.tokens.verify(token);
    if (device === null) throw new HubError('unauthorized', badTokenMessage);
    return { kind: 'device', device };
  }

  authorise(access: RouteAccess, principal: Principal | null, req: IncomingMessage): void {
    if (access === 'public') return;
    if (principal === null) throw new HubError('unauthorized', notPairedMessage);
    if (access === 'user') return;
    const inSession = this.sessions.use(sessionOf(req), principalKey(principal)) !== null;
    if (access === 'local') {
      if (principal.kind === 'local' || inSession) return;
      throw new HubError('forbidden', 'only the wall screen (or installer mode) can manage pairing: use the hub\'s own screen');
    }
    if (!inSession) throw new HubError('forbidden', 'installer mode needed: enter the installer PIN (an installer session ends after 15 minutes without use)');
  }

  /** The installer part of GET /api/auth/status for this caller. */
  installerStatus(principal: Principal | null, req: IncomingMessage): AuthStatus['installer'] {
    const remaining = principal === null ? null : this.sessions.use(sessionOf(req), principalKey(principal), false);
    return { ...this.pin.status(), session: remaining === null ? null : { expiresInMs: remaining } };
  }

  revoke(id: string): boolean {
    const done = this.tokens.revoke(id);
    this.sessions.closeAllOf(`device:${id}`);
    return done;
  }
}
