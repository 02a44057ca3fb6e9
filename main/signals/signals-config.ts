/**
 * The `signals` section of the hub config: the MQTT link (an external broker
 * with TLS, or the embedded one on loopback), who may send what and with
 * which key, §14a, and the OpenADR 3 VEN. Everything is off by default: a hub
 * never listens to utilities it was not told to trust.
 */
import { z } from 'zod';
import { signalKinds } from './messages.js';

const id = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits and _ . : -, at most 64 characters');

const issuer = z
  .object({
    id,
    /** What this issuer may send; default everything but controllable limits (§14a is the grid operator's). */
    kinds: z.array(z.enum(signalKinds)).default(['price-curve', 'import-limit', 'export-limit', 'flex-request', 'tempo-colour', 'revoke', 'heartbeat']),
  })
  .strict();

const key = z.discriminatedUnion('alg', [
  z.object({ alg: z.literal('hmac-sha256'), keyId: id, issuer: id, secret: z.string().min(16, 'at least 16 characters') }).strict(),
  z.object({ alg: z.literal('ed25519'), keyId: id, issuer: id, publicKeyPem: z.string().includes('PUBLIC KEY') }).strict(),
]);

const mqtt = z
  .object({
    enabled: z.boolean().default(false),
    /** mqtt://, mqtts://, ws:// or wss:// URL of the broker; null: the embedded broker on loopback. */
    url: z.string().regex(/^(mqtts?|wss?):\/\/.+/, 'expected an mqtt://, mqtts://, ws:// or wss:// URL').nullable().default(null),
    username: z.string().optional(),
    password: z.string().optional(),
    /** PEM files for TLS: the broker's CA, and a client certificate and key. */
    caFile: z.string().optional(),
    certFile: z.string().optional(),
    keyFile: z.string().optional(),
    clientId: z.string().min(1).max(64).optional(),
    topicPrefix: z.string().regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/).default('scale'),
    /** Telemetry period (site seconds). */
    telemetryIntervalS: z.number().min(1).max(3600).default(10),
    homeAssistant: z.object({ enabled: z.boolean().default(true), discoveryPrefix: z.string().default('homeassistant') }).strict().prefault({}),
  })
  .strict();

const broker = z
  .object({
    host: z.string().default('127.0.0.1'),
    /** 0: any free port (tests). */
    port: z.number().int().min(0).max(65535).default(1883),
    /** When set, clients must log in; utilities may publish only below the site's signals topic. */
    users: z.array(z.object({ username: z.string().min(1), password: z.string().min(8), role: z.enum(['utility', 'reader']) }).strict()).default([]),
  })
  .strict();

const accept = z
  .object({
    issuers: z.array(issuer).default([]),
    keys: z.array(key).default([]),
    /** When true, unsigned messages are rejected. */
    requireSignature: z.boolean().default(false),
    maxMessageBytes: z.number().int().min(256).max(1_048_576).default(65_536),
    /** A message created further than this in the future is not yet valid (clock skew allowance). */
    maxClockSkewS: z.number().min(0).max(3600).default(30),
    /** Messages older than this are treated as replays, whatever their id. */
    maxAgeS: z.number().min(60).max(7 * 86_400).default(86_400),
    /** How far ahead a signal's window may start. */
    maxLeadDays: z.number().min(1).max(31).default(7),
  })
  .strict();

const dso14a = z
  .object({
    enabled: z.boolean().default(false),
    /** The grid operator's issuer id (its controllable-limit and heartbeat messages keep the link alive). */
    issuer: id.default('dso'),
    /** Controllable devices the hub manages as one (car, battery, heat pump): scales the 4.2 kW minimum. */
    controllableDevices: z.number().int().min(1).max(20).default(1),
    /** Overrides the computed minimum (W), never below 4200. */
    minimumW: z.number().min(4200).max(100_000).nullable().default(null),
    /** Silence from the grid operator for this long (site seconds) triggers the failsafe limit. */
    silentAfterS: z.number().min(10).max(86_400).default(900),
    /** When silent: hold the minimum until the signal returns (true) or drop the limit (false). */
    failsafe: z.boolean().default(true),
  })
  .strict();

const openadr = z
  .object({
    enabled: z.boolean().default(false),
    /** Base URL of the VTN, e.g. https://vtn.example.com/openadr3/3.0.1 */
    vtnUrl: z.url().optional(),
    version: z.enum(['3.0.1', '3.1.0']).default('3.0.1'),
    clientId: z.string().min(1).optional(),
    clientSecret: z.string().min(1).optional(),
    /** Default: <vtnUrl>/auth/token (3.1.0: asked from <vtnUrl>/auth/server). */
    tokenUrl: z.url().optional(),
    scope: z.string().optional(),
    venName: z.string().min(1).max(128).default('scale-hub'),
    /** Only these programs (by programName); empty: every program the VEN can read. */
    programs: z.array(z.string().min(1)).default([]),
    pollIntervalS: z.number().min(5).max(3600).default(60),
    /** Meaning of PRICE payloads: the household's all-in price, or the energy component the tariff preset completes. */
    priceBasis: z.enum(['all-in', 'energy']).default('all-in'),
    /** Send USAGE reports for events that ask for them. */
    reports: z.boolean().default(true),
    /** Use the VTN's MQTT notifier (3.1.0) for pushes between polls, where it offers one. */
    notifiers: z.boolean().default(true),
    /** The hub's /api/openadr/notify as the VTN can reach it; set to subscribe to webhooks. */
    callbackUrl: z.url().nullable().default(null),
  })
  .strict()
  .refine((o) => !o.enabled || (o.vtnUrl !== undefined && o.clientId !== undefined && o.clientSecret !== undefined), 'an enabled VEN needs vtnUrl, clientId and clientSecret');

export const signalsConfigSchema = z
  .object({
    /** This site's name in topics and reports. */
    siteId: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lowercase letters, digits, - and _').default('site'),
    mqtt: mqtt.prefault({}),
    broker: broker.prefault({}),
    accept: accept.prefault({}),
    dso14a: dso14a.prefault({}),
    openadr: openadr.prefault({}),
  })
  .strict();
export type SignalsConfig = z.infer<typeof signalsConfigSchema>;
export type AcceptConfig = SignalsConfig['accept'];
