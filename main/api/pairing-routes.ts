/**
 * Pairing routes. The wall screen opens an offer (QR code + short code); a
 * LAN device claims it and gets its long-lived token; the wall screen lists
 * and revokes paired devices.
 */
import QRCode from 'qrcode';
import { z } from 'zod';
import { pairFragmentKey } from '../common/auth.js';
import type { PairedDevice, PairingClaim, PairingOffer } from '../common/auth.js';
import { HubError } from '../common/errors.js';
import { authRoutes } from '../common/routes.js';
import type { AccessControl } from './auth/access-control.js';
import type { LanInfo } from './auth-routes.js';
import type { ApiRoute } from './route.js';

const claimBody = z
  .object({
    secret: z.string().min(1).max(100).optional(),
    code: z.string().min(1).max(20).optional(),
    name: z.string().max(60).optional(),
  })
  .strict()
  .refine((b) => b.secret !== undefined || b.code !== undefined, 'expected "secret" (from the QR code) or "code" (typed)');
const revokeBody = z.object({ id: z.string().min(1).max(40) }).strict();

/** A readable name from what the device said or its browser: "Firefox on Android". */
export function deviceName(given: string | undefined, userAgent: string | undefined): string {
  const clean = (given ?? '').replace(/[^\p{L}\p{N} .,'()_-]/gu, '').trim().slice(0, 40);
  if (clean !== '') return clean;
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : 'Browser';
  const os = /Android/.test(ua) ? 'Android' : /iPad|iPhone/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : 'a device';
  return `${browser} on ${os}`;
}

export function pairingRouteTable(access: AccessControl, lan: LanInfo): ApiRoute[] {
  return [
    {
      method: 'POST',
      path: authRoutes.pairingOffer,
      access: 'local',
      handle: async (): Promise<PairingOffer> => {
        const urls = lan.urls();
        const base = urls[0];
        if (base === undefined) {
          throw new HubError('not_available', 'LAN access is off: the hub listens on 127.0.0.1 only. Start it with --host 0.0.0.0 (or set api.host in the config) so tablets can reach it');
        }
        const offer = access.pairing.open();
        const url = `${base}#${pairFragmentKey}=${offer.secret}`;
        const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
        return { code: offer.code, url, urls, qrSvg, expiresInMs: offer.expiresInMs };
      },
    },
    {
      method: 'POST',
      path: authRoutes.pairingClaim,
      access: 'public',
      handle: async (ctx): Promise<PairingClaim> => {
        const body = await ctx.body(claimBody);
        access.pairing.claim(body);
        return access.tokens.issue(deviceName(body.name, ctx.req.headers['user-agent']));
      },
    },
    {
      method: 'GET',
      path: authRoutes.pairingDevices,
      access: 'local',
      handle: (): PairedDevice[] => access.tokens.list(),
    },
    {
      method: 'POST',
      path: authRoutes.pairingRevoke,
      access: 'local',
      handle: async (ctx) => {
        const { id } = await ctx.body(revokeBody);
        if (!access.revoke(id)) throw new HubError('not_found', `no paired device with id "${id}"`);
        return { ok: true };
      },
    },
  ];
}
