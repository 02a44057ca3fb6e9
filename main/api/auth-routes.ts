/** Auth status and installer-mode routes (PIN, login, logout). */
import { z } from 'zod';
import { pinMaxDigits } from '../common/auth.js';
import type { AuthStatus, InstallerLogin } from '../common/auth.js';
import { HubError } from '../common/errors.js';
import { authRoutes } from '../common/routes.js';
import { principalKey, sessionOf } from './auth/access-control.js';
import type { AccessControl, Principal } from './auth/access-control.js';
import type { ApiRoute, RouteContext } from './route.js';

const pinDigits = z.string().regex(new RegExp(`^[0-9]{1,${pinMaxDigits}}$`), `expected 1 to ${pinMaxDigits} digits`);
const pinBody = z.object({ pin: pinDigits }).strict();
const changePinBody = z.object({ pin: pinDigits, newPin: pinDigits }).strict();

export interface LanInfo {
  /** URLs tablets can open; empty when the hub listens on loopback only. */
  urls(): readonly string[];
}

function caller(ctx: RouteContext): Principal {
  if (ctx.principal === null) throw new HubError('unauthorized', 'not signed in');
  return ctx.principal;
}

export function authRouteTable(access: AccessControl, lan: LanInfo): ApiRoute[] {
  const login = (p: Principal): InstallerLogin => {
    const s = access.sessions.open(principalKey(p));
    return { session: s.id, idleTimeoutMs: access.sessions.policy.idleMs, expiresInMs: s.expiresInMs };
  };
  return [
    {
      method: 'GET',
      path: authRoutes.status,
      access: 'public',
      handle: (ctx): AuthStatus => {
        const urls = lan.urls();
        return {
          principal: ctx.principal?.kind ?? 'none',
          device: ctx.principal?.kind === 'device' ? { id: ctx.principal.device.id, name: ctx.principal.device.name } : null,
          lan: { enabled: urls.length > 0, urls },
          // An unpaired caller learns nothing about the PIN's state.
          installer:
            ctx.principal === null
              ? { pinSet: false, failures: 0, lockedForMs: 0, attemptsBeforeLockout: 0, session: null }
              : access.installerStatus(ctx.principal, ctx.req),
        };
      },
    },
    {
      // The first PIN, at the first commissioning; answers with a session so the wizard can go on.
      method: 'POST',
      path: authRoutes.installerPin,
      access: 'user',
      handle: async (ctx): Promise<InstallerLogin> => {
        const body = await ctx.body(pinBody);
        await access.pin.setFirst(body.pin);
        return login(caller(ctx));
      },
    },
    {
      method: 'POST',
      path: authRoutes.installerPinChange,
      access: 'installer',
      handle: async (ctx) => {
        const body = await ctx.body(changePinBody);
        await access.pin.change(body.pin, body.newPin);
        return { ok: true };
      },
    },
    {
      method: 'POST',
      path: authRoutes.installerLogin,
      access: 'user',
      handle: async (ctx): Promise<InstallerLogin> => {
        const body = await ctx.body(pinBody);
        await access.pin.check(body.pin);
        return login(caller(ctx));
      },
    },
    {
      method: 'POST',
      path: authRoutes.installerLogout,
      access: 'user',
      handle: (ctx) => {
        access.sessions.close(sessionOf(ctx.req));
        return { ok: true };
      },
    },
  ];
}
