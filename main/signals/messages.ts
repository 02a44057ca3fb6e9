/**
 * The MQTT signal messages utilities send to the hub (documented in the
 * README): one envelope with issuer, id, creation time, validity window and
 * an optional signature, and one body per kind. Envelope and bodies are
 * strict: an unknown key is a malformed message, not something to ignore.
 */
import { z } from 'zod';
import type { SignalKind } from '../common/signals.js';

export const signalKinds = ['price-curve', 'import-limit', 'export-limit', 'controllable-limit', 'flex-request', 'tempo-colour', 'revoke', 'heartbeat'] as const satisfies readonly SignalKind[];

const isoTime = z.iso.datetime({ offset: true });
const messageId = z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'letters, digits and _ . : -, at most 128 characters');

export const envelopeSchema = z
  .object({
    v: z.literal(1),
    id: messageId,
    issuer: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/),
    type: z.enum(signalKinds),
    createdAt: isoTime,
    validFrom: isoTime,
    /** null: until revoked (limits only). */
    validUntil: isoTime.nullable(),
    /** Optional per-issuer sequence number; when sent it must increase. */
    seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    body: z.record(z.string(), z.unknown()),
    sig: z
      .object({
        alg: z.enum(['hmac-sha256', 'ed25519']),
        keyId: z.string().min(1).max(64),
        /** base64 of the signature over the canonical JSON of the message without `sig`. */
        value: z.string().min(1).max(512),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Envelope = z.infer<typeof envelopeSchema>;

const price = z.number().min(-100).max(100_000);
const maxSlots = 7 * 96;

export const priceCurveBody = z
  .object({
    currency: z.enum(['EUR', 'NOK', 'SEK', 'HUF']),
    basis: z.enum(['all-in', 'energy']).default('all-in'),
    /** Length of each price interval; the curve covers validFrom..validUntil exactly. */
    resolutionMin: z.union([z.literal(15), z.literal(60)]),
    importPerKWh: z.array(price).min(1).max(maxSlots),
    exportPerKWh: z.array(price).min(1).max(maxSlots).optional(),
    ghgGPerKWh: z.array(z.number().min(0).max(5000)).min(1).max(maxSlots).optional(),
  })
  .strict();

export const limitBody = z.object({ limitW: z.number().min(0).max(1_000_000) }).strict();

export const flexRequestBody = z
  .object({
    direction: z.enum(['up', 'down']),
    powerW: z.number().positive().max(1_000_000),
    currency: z.enum(['EUR', 'NOK', 'SEK', 'HUF']),
    paymentPerKWh: z.number().min(0).max(100_000).nullable().default(null),
    paymentTotal: z.number().min(0).max(10_000_000).nullable().default(null),
  })
  .strict();

export const tempoColourBody = z
  .object({
    date: z.iso.date(),
    colour: z.enum(['blue', 'white', 'red']),
  })
  .strict();

export const revokeBody = z.object({ targetId: messageId }).strict();

export const heartbeatBody = z.object({}).strict();

export type PriceCurveBody = z.infer<typeof priceCurveBody>;
export type LimitBody = z.infer<typeof limitBody>;
export type FlexRequestBody = z.infer<typeof flexRequestBody>;
export type TempoColourBody = z.infer<typeof tempoColourBody>;
export type RevokeBody = z.infer<typeof revokeBody>;

/** A message that passed every check, with times parsed. */
export type AcceptedSignal = {
  readonly envelope: Envelope;
  readonly createdMs: number;
  readonly validFromMs: number;
  readonly validUntilMs: number | null;
  readonly receivedMs: number;
} & (
  | { readonly kind: 'price-curve'; readonly body: PriceCurveBody }
  | { readonly kind: 'import-limit' | 'export-limit' | 'controllable-limit'; readonly body: LimitBody }
  | { readonly kind: 'flex-request'; readonly body: FlexRequestBody }
  | { readonly kind: 'tempo-colour'; readonly body: TempoColourBody }
  | { readonly kind: 'revoke'; readonly body: RevokeBody }
  | { readonly kind: 'heartbeat'; readonly body: Record<string, never> }
);
