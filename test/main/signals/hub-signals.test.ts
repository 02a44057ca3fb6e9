/**
 * The real hub on the simulated home with the embedded broker: utility
 * messages over MQTT, every kind of bad one rejected with a logged reason
 * while the hub keeps running and loses nothing; a capacity limit caps grid
 * import within two ticks; §14a failsafe; telemetry, discovery, tariff; a
 * price curve reaching the optimiser's plan.
 */
import { connectAsync } from 'mqtt';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TariffView } from '../../../main/common/bill.js';
import type { Plan } from '../../../main/common/plan.js';
import type { SignalsView } from '../../../main/common/signals.js';
import type { SiteSnapshot } from '../../../main/common/snapshot.js';
import type { Hub } from '../../../main/hub/hub.js';
import type { Envelope } from '../../../main/signals/messages.js';
import { signalsConfigSchema } from '../../../main/signals/signals-config.js';
import { tariffConfigSchema } from '../../../main/tariffs/tariff-config.js';
import { collect, setCarMode, waitFor } from '../../integration/hub-harness.js';
import { limitEvent, priceProgram } from './openadr/oadr-objects.js';
import { TestVtn } from './openadr/test-vtn.js';
import { hmacSecret, message, signHmac } from './sample-messages.js';
import { freePort, getJson, startSignalsHub } from './signals-hub.js';
import type { LogLine } from './signals-hub.js';

const speed = 10;
const allKinds = ['import-limit', 'export-limit', 'controllable-limit', 'price-curve', 'flex-request', 'tempo-colour', 'revoke', 'heartbeat'];

describe('signals on the real hub (embedded broker)', () => {
  let hub: Hub;
  let client: MqttClient;
  const lines: LogLine[] = [];
  const acks: { ref: string | null; status: string; code?: string; reason: string }[] = [];
  const received = new Map<string, string>();
  let heartbeat: NodeJS.Timeout | null = null;
  let vtn: TestVtn;
  let programID = '';

  const now = (): number => hub.clock.now();
  const publish = async (kind: string, payload: string | object): Promise<void> => {
    await client.publishAsync(`scale/it/signals/${kind}`, typeof payload === 'string' ? payload : JSON.stringify(payload), { qos: 1 });
  };
  const ackFor = (id: string | null, n = 1): Promise<(typeof acks)[number]> => waitFor(`ack for ${id ?? 'unreadable message'}`, () => acks.filter((a) => a.ref === id)[n - 1], 10_000);

  beforeAll(async () => {
    vtn = await TestVtn.start({ version: '3.0.1', clients: [{ id: 'bl', secret: 'bl-secret', role: 'bl' }, { id: 'hub-ven', secret: 'ven-secret', role: 'ven' }] });
    programID = String((await vtn.bl('POST', '/programs', priceProgram())).body.id);
    const port = await freePort();
    hub = await startSignalsHub({
      speed,
      port,
      simStartIso: '2026-01-06T17:00:00+01:00',
      lines,
      config: (c) => ({
        ...c,
        tariff: tariffConfigSchema.parse({ preset: 'custom', params: { importPerKWh: 0.3, exportPerKWh: 0.05 } }),
        signals: signalsConfigSchema.parse({
          siteId: 'it',
          mqtt: { enabled: true, telemetryIntervalS: 2 },
          broker: { port: 0 },
          accept: {
            issuers: [
              { id: 'dso', kinds: allKinds },
              { id: 'grid-op', kinds: ['controllable-limit', 'heartbeat'] },
              { id: 'signed-dso', kinds: ['import-limit'] },
            ],
            keys: [{ alg: 'hmac-sha256', keyId: 'k1', issuer: 'signed-dso', secret: hmacSecret }],
            maxMessageBytes: 4096,
          },
          dso14a: { enabled: true, issuer: 'grid-op', silentAfterS: 20 },
          // Polls once at start; after that only the webhook push makes it look again.
          openadr: { enabled: true, vtnUrl: vtn.url, clientId: 'hub-ven', clientSecret: 'ven-secret', pollIntervalS: 3600, callbackUrl: `http://127.0.0.1:${port}/api/openadr/notify` },
        }),
      }),
    });
    await waitFor('all devices ok', () => hub.latest()?.devices.every((d) => d.status === 'ok'), 15_000);
    const view = await getJson<SignalsView>(hub, '/api/signals');
    const url = /mqtt:\/\/[\d.]+:\d+/.exec(view.channels[0]?.detail ?? '')?.[0];
    expect(url).toBeDefined();
    await waitFor('hub connected to the broker', () => hub.latest() !== null && view.channels[0]?.enabled, 5000);
    client = await connectAsync(url ?? '', { protocolVersion: 4 });
    client.on('message', (topic, payload) => {
      received.set(topic, payload.toString('utf8'));
      if (topic === 'scale/it/ack') acks.push(JSON.parse(payload.toString('utf8')) as (typeof acks)[number]);
    });
    await client.subscribeAsync(['scale/it/#', 'homeassistant/#'], { qos: 1 });
  });

  afterAll(async () => {
    if (heartbeat !== null) clearInterval(heartbeat);
    await client?.endAsync();
    await hub?.stop();
    await vtn?.close();
  });

  it('holds the §14a minimum when the grid operator goes silent, and lets go when it speaks', async () => {
    const failsafe = await waitFor(
      '§14a failsafe',
      () => {
        const s = hub.latest();
        return s?.limits.controllableLimitW === 4200 ? s : null;
      },
      10_000,
    );
    expect(failsafe.limits.signals).toMatchObject([{ source: 'failsafe', kind: 'controllable', endMs: null }]);
    await waitFor('banner in telemetry', () => (received.get('scale/it/telemetry') ?? '').includes('failsafe: signal lost'), 5000);
    await publish('heartbeat', message(now(), { type: 'heartbeat', issuer: 'grid-op' }));
    await waitFor('failsafe released', () => hub.latest()?.limits.controllableLimitW === null, 5000);
    // From here on the operator keeps talking, as a real one would.
    heartbeat = setInterval(() => void publish('heartbeat', message(now(), { type: 'heartbeat', issuer: 'grid-op' })).catch(() => undefined), 500);
    const view = await getJson<SignalsView>(hub, '/api/signals');
    expect(view.channels.find((c) => c.channel === 'dso-14a')).toMatchObject({ state: 'listening' });
  });

  it('rejects every kind of bad message with a logged reason, applies none, loses none, and keeps running', async () => {
    const before = await getJson<SignalsView>(hub, '/api/signals');
    const seqBefore = hub.latest()?.seq ?? 0;
    const good = message(now(), { type: 'export-limit', issuer: 'dso', body: { limitW: 10_000 }, createdAt: new Date(now() - 500).toISOString() });
    const t = now();
    const bad: [string, string, string | object, string | null][] = [
      ['oversized', 'import-limit', JSON.stringify({ ...message(t), pad: 'x'.repeat(5000) }), null],
      ['malformed', 'import-limit', '{"v":1,"id":', null],
      ['malformed', 'import-limit', { ...message(t, { type: 'import-limit', issuer: 'dso' }), id: 'bad-body', body: { limitW: 'high' } }, 'bad-body'],
      ['malformed', 'price-curve', { ...message(t, { type: 'import-limit', issuer: 'dso' }), id: 'wrong-topic' }, 'wrong-topic'],
      ['unauthorised', 'import-limit', { ...message(t, { type: 'import-limit', issuer: 'intruder' }), id: 'from-intruder' }, 'from-intruder'],
      ['unauthorised', 'import-limit', { ...message(t, { type: 'import-limit', issuer: 'grid-op' }), id: 'not-its-kind', body: { limitW: 5000 } }, 'not-its-kind'],
      ['bad-signature', 'import-limit', { ...signHmac(message(t, { type: 'import-limit', issuer: 'signed-dso' })), id: 'tampered' }, 'tampered'],
      ['expired', 'import-limit', { ...message(t, { type: 'import-limit', issuer: 'dso', validFrom: new Date(t - 7_200_000).toISOString(), validUntil: new Date(t - 60_000).toISOString() }), id: 'too-late' }, 'too-late'],
      ['not-yet-valid', 'import-limit', { ...message(t, { type: 'import-limit', issuer: 'dso', createdAt: new Date(t + 600_000).toISOString() }), id: 'from-the-future' }, 'from-the-future'],
    ];
    await publish('export-limit', good);
    expect(await ackFor(good.id)).toMatchObject({ status: 'accepted' });
    for (const [, kind, payload] of bad) await publish(kind, payload);
    // Duplicate of the accepted one, and an older one out of order.
    await publish('export-limit', good);
    const older: Omit<Envelope, 'sig'> = { ...message(t, { type: 'export-limit', issuer: 'dso', body: { limitW: 1 } }), id: 'older', createdAt: new Date(t - 30_000).toISOString() };
    await publish('export-limit', older);

    for (const [code, , , id] of bad) expect((await ackFor(id, id === null ? bad.filter((b) => b[3] === null).findIndex((b) => b[0] === code) + 1 : 1)).code).toBe(code);
    expect((await ackFor(good.id, 2)).code).toBe('duplicate');
    expect((await ackFor('older')).code).toBe('out-of-order');

    // Nothing lost: one acknowledgement per message; the API counts them all.
    const after = await getJson<SignalsView>(hub, '/api/signals');
    expect(after.counters.rejected - before.counters.rejected).toBe(bad.length + 2);
    expect(after.counters.accepted - before.counters.accepted).toBe(1);
    // Each rejection left a log line with its reason.
    const rejections = lines.filter((l) => l.level === 'warn' && l.msg.startsWith('signal rejected ('));
    expect(rejections.length).toBeGreaterThanOrEqual(bad.length + 2);
    expect(rejections.map((l) => l.msg).join('\n')).toMatch(/\(oversized\).*\n[\s\S]*\(unauthorised\): issuer intruder is not allowed/);
    // Only the good one is in force, and the hub still ticks.
    const limits = hub.latest()?.limits;
    expect(limits?.exportLimitW).toBe(10_000);
    expect(limits?.importLimitW).toBeNull();
    await waitFor('more ticks', () => (hub.latest()?.seq ?? 0) > seqBefore + 3, 5000);
    expect(hub.latest()?.control.failsafe).toBe(false);
  });

  it('caps grid import within two ticks of a capacity limit arriving', async () => {
    const physics = hub.sim!.physics;
    physics.setPvOverrideW(0);
    physics.setLoadOverrideW(3000);
    physics.setBatterySocPct(60);
    physics.setCarPluggedIn(true);
    physics.setCarSocPct(30);
    await setCarMode(hub, 'fast');
    await waitFor('car charging fast', () => (hub.latest()?.wallbox.powerW ?? 0) > 5000, 20_000);
    await collect(hub, 10_000);
    expect(hub.latest()?.grid.powerW ?? 0).toBeGreaterThan(6000);

    const before = hub.latest();
    const snaps: SiteSnapshot[] = [];
    const off = hub.control.onSnapshot((s) => snaps.push(s));
    const limit = message(now(), { type: 'import-limit', issuer: 'dso', body: { limitW: 5000 } });
    await publish('import-limit', limit);
    await ackFor(limit.id);
    await collect(hub, 40_000);
    off();
    const view = await getJson<SignalsView>(hub, '/api/signals');
    const arrivedMs = view.signals.find((r) => r.id === limit.id)?.receivedMs ?? 0;
    const afterArrival = snaps.filter((s) => s.ts >= arrivedMs);
    const capped = afterArrival.findIndex((s) => s.limits.importLimitW === 5000 && s.control.limiting.some((l) => l.startsWith('grid import limit')));
    expect(capped).toBeGreaterThanOrEqual(0);
    expect(capped).toBeLessThanOrEqual(1); // the first or second tick after arrival
    const decided = afterArrival[capped];
    expect(decided?.wallbox.setpointW ?? 99_999).toBeLessThan(before?.wallbox.setpointW ?? 0);
    // The devices follow (the Quasar takes seconds per change; the battery covers meanwhile): import stays capped.
    const settled = afterArrival.filter((s) => s.ts >= arrivedMs + 20_000);
    expect(settled.length).toBeGreaterThan(5);
    expect(Math.max(...settled.map((s) => s.grid.powerW ?? 0))).toBeLessThanOrEqual(5200);
    await setCarMode(hub, 'off');
  });

  it('publishes telemetry, limits, status and Home Assistant discovery, and shows the tariff', async () => {
    await waitFor('telemetry', () => received.has('scale/it/telemetry'), 5000);
    const telemetry = JSON.parse(received.get('scale/it/telemetry') ?? '{}') as Record<string, unknown>;
    expect(telemetry).toMatchObject({ failsafe: false });
    expect(typeof telemetry.gridW).toBe('number');
    expect(received.get('scale/it/status')).toBe('online');
    expect(JSON.parse(received.get('scale/it/limits') ?? '{}')).toMatchObject({ importLimitW: 5000 });
    const discovery = JSON.parse(received.get('homeassistant/sensor/scale_hub_it/gridW/config') ?? '{}') as Record<string, unknown>;
    expect(discovery).toMatchObject({ state_topic: 'scale/it/telemetry', unit_of_measurement: 'W' });
    await waitFor('flexibility envelope', () => received.has('scale/it/flex-envelope'), 5000);
    const tariff = await getJson<TariffView>(hub, '/api/tariff');
    expect(tariff.preset?.id).toBe('custom');
    expect(tariff.schedule?.slots[0]).toMatchObject({ importPerKWh: 0.3, source: 'fixed' });
  });

  it('turns a pushed price curve into the tariff schedule', async () => {
    const from = Math.floor(now() / 900_000) * 900_000;
    const curve = message(now(), {
      type: 'price-curve',
      issuer: 'dso',
      validFrom: new Date(from).toISOString(),
      validUntil: new Date(from + 4 * 3_600_000).toISOString(),
      body: { currency: 'EUR', resolutionMin: 60, importPerKWh: [0.9, 0.9, 0.05, 0.05], exportPerKWh: [0.4, 0.4, 0, 0] },
    });
    await publish('price-curve', curve);
    expect(await ackFor(curve.id)).toMatchObject({ status: 'accepted' });
    const tariff = await waitFor('utility prices in the schedule', () => (hub.context.tariff.get()?.slots[0]?.source === 'utility' ? hub.context.tariff.get() : null), 5000);
    expect(tariff.slots[0]).toMatchObject({ importPerKWh: 0.9, exportPerKWh: 0.4 });
  });

  it('changes the plan within one re-plan when a price curve arrives', async () => {
    await waitFor('a first plan', () => hub.context.plan.current() ?? false, 30_000);
    const from = Math.floor(now() / 900_000) * 900_000 + 900_000;
    const prices = Array.from({ length: 8 }, (_, i) => (i < 4 ? 2.5 : -0.2));
    const plans: Plan[] = [];
    const off = hub.context.plan.onChange((p) => plans.push(p));
    const curve = message(now(), { type: 'price-curve', issuer: 'dso', validFrom: new Date(from).toISOString(), validUntil: new Date(from + 8 * 3_600_000).toISOString(), body: { currency: 'EUR', resolutionMin: 60, importPerKWh: prices } });
    await publish('price-curve', curve);
    await ackFor(curve.id);
    const first = await waitFor('the next plan', () => plans[0], 30_000);
    off();
    // The first plan after the change already prices its slots with the new curve.
    const slot = first.slots.find((s) => s.startMs === from);
    expect(slot?.importPerKWh).toBe(2.5);
  });

  it('applies an OpenADR capacity limit pushed by the VTN through its webhook subscription', async () => {
    await waitFor('webhook subscription', () => vtn.requests.some((r) => r.method === 'POST' && r.path.endsWith('/subscriptions') && r.status === 201), 10_000);
    const polls = vtn.requests.filter((r) => r.path.endsWith('/events')).length;
    await vtn.bl('POST', '/events', limitEvent(programID, now() - 60_000, 'PT1H', 4, null));
    await waitFor('OpenADR import limit in force', () => hub.latest()?.limits.signals.some((s) => s.source === 'openadr' && s.limitW === 4000), 5000);
    expect(hub.latest()?.limits.importLimitW).toBe(4000);
    expect(vtn.requests.filter((r) => r.path.endsWith('/events')).length).toBeGreaterThan(polls);
    const view = await getJson<SignalsView>(hub, '/api/signals');
    expect(view.signals.find((r) => r.channel === 'openadr')).toMatchObject({ state: 'accepted', kind: 'import-limit' });
    expect(view.channels.find((c) => c.channel === 'openadr')?.state).toMatch(/polling/);
  });

  it('refuses OpenADR webhook calls that do not carry the VTN subscription token', async () => {
    const res = await fetch(new URL('/api/openadr/notify', hub.url), { method: 'POST', body: '{}', headers: { authorization: 'Bearer guess' } });
    expect(res.status).toBe(401);
  });
});
