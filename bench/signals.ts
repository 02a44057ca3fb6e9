/**
 * Signals benchmark: how fast a utility signal takes effect and how many
 * messages the signal path sustains.
 *  1. Latency: the real hub on the simulated home at real time (speed 1) with
 *     the embedded broker; import limits are published over MQTT and timed
 *     from publish to acknowledgement, and to the first control tick that
 *     enforces them (counted in ticks too). When a planner module publishes
 *     plans, a price curve is timed to the next plan.
 *  2. Throughput, in-process: SignalInbox.handle (validate + apply + log)
 *     for unsigned, HMAC-SHA256 and Ed25519-signed messages.
 *  3. Throughput over MQTT: QoS 1 messages published back to back to the
 *     hub, until the last acknowledgement (embedded broker; Mosquitto too
 *     when installed).
 * Usage: npx tsx bench/signals.ts [--rounds 20] [--messages 2000]
 */
import { cpus, totalmem } from 'node:os';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import type { MqttClient } from 'mqtt';
import { Holder } from '../main/common/holder.js';
import { silentLogger } from '../main/common/log.js';
import type { FlexRequest } from '../main/common/flex.js';
import type { SignalsView } from '../main/common/signals.js';
import { noTariffInputs } from '../main/common/tariff-inputs.js';
import type { TariffInputs } from '../main/common/tariff-inputs.js';
import { LimitsRegistry } from '../main/control/limits-registry.js';
import { simulatedHomeConfig } from '../main/hub/config.js';
import type { HubConfig } from '../main/hub/config.js';
import { startHub } from '../main/hub/hub.js';
import type { Hub } from '../main/hub/hub.js';
import { Dso14a } from '../main/signals/dso14a.js';
import { LimitBook } from '../main/signals/limit-book.js';
import { ReplayGuard } from '../main/signals/replay-guard.js';
import { SignalApplier } from '../main/signals/signal-applier.js';
import { SignalInbox } from '../main/signals/signal-inbox.js';
import { SignalLog } from '../main/signals/signal-log.js';
import { SignalValidator } from '../main/signals/signal-validator.js';
import { signalsConfigSchema } from '../main/signals/signals-config.js';
import { SignatureVerifier } from '../main/signals/signature.js';
import { edPublicPem, hmacSecret, message, signEd, signHmac } from '../test/main/signals/sample-messages.js';
import { startMosquitto } from '../test/main/signals/mosquitto.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!(v > 0)) throw new Error(`--${name}: expected a positive number`);
  return v;
};
const rounds = arg('rounds', 20);
const messages = arg('messages', 2000);

const allKinds = ['import-limit', 'export-limit', 'controllable-limit', 'price-curve', 'flex-request', 'tempo-colour', 'revoke', 'heartbeat'];
const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};
const fmt = (xs: readonly number[]): string => `p50 ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`;

function signalsConfig(url: string | null): HubConfig['signals'] {
  return signalsConfigSchema.parse({
    siteId: 'bench',
    mqtt: { enabled: true, url, telemetryIntervalS: 10, homeAssistant: { enabled: false } },
    broker: { port: 0 },
    accept: { issuers: [{ id: 'dso-test', kinds: allKinds }], maxAgeS: 86_400 },
  });
}

async function startBenchHub(url: string | null): Promise<Hub> {
  const base = simulatedHomeConfig();
  return startHub({
    config: { ...base, signals: signalsConfig(url), simulation: { ...base.simulation, startIso: new Date().toISOString() } },
    dataDir: mkdtempSync(join(tmpdir(), 'bench-signals-')),
    uiRoot: join(tmpdir(), 'no-ui'),
    log: silentLogger,
    speed: 1,
    port: 0,
  });
}

async function brokerUrl(hub: Hub): Promise<string> {
  const view = (await (await fetch(new URL('/api/signals', hub.url))).json()) as SignalsView;
  const url = /mqtt:\/\/[\d.]+:\d+/.exec(view.channels[0]?.detail ?? '')?.[0];
  if (url === undefined) throw new Error('no embedded broker URL');
  return url;
}

async function until<T>(probe: () => T | null | undefined | false, ms: number): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== null && v !== undefined && v !== false) return v;
    if (performance.now() > end) throw new Error('timeout');
    await new Promise((r) => setImmediate(r));
  }
}

async function latency(): Promise<void> {
  const hub = await startBenchHub(null);
  try {
    await until(() => hub.latest()?.devices.every((d) => d.status === 'ok'), 20_000);
    const client: MqttClient = await connectAsync(await brokerUrl(hub), { protocolVersion: 4 });
    const acks = new Map<string, number>();
    client.on('message', (_t, p) => acks.set((JSON.parse(p.toString('utf8')) as { ref: string }).ref, performance.now()));
    await client.subscribeAsync('scale/bench/ack', { qos: 1 });
    const toAck: number[] = [];
    const toTick: number[] = [];
    const ticks: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const limitW = i % 2 === 0 ? 6000 : 9000;
      const m = message(hub.clock.now(), { type: 'import-limit', issuer: 'dso-test', body: { limitW } });
      const seq0 = hub.latest()?.seq ?? 0;
      const t0 = performance.now();
      let tickAt = 0;
      let tickSeq = 0;
      const off = hub.control.onSnapshot((s) => {
        if (tickAt === 0 && s.limits.importLimitW === limitW) {
          tickAt = performance.now();
          tickSeq = s.seq;
        }
      });
      await client.publishAsync('scale/bench/signals/import-limit', JSON.stringify(m), { qos: 1 });
      await until(() => acks.has(m.id), 5000);
      await until(() => tickAt > 0, 5000);
      off();
      toAck.push((acks.get(m.id) ?? t0) - t0);
      toTick.push(tickAt - t0);
      ticks.push(tickSeq - seq0);
      // Spread the rounds over the tick phase.
      await new Promise((r) => setTimeout(r, 370));
    }
    console.log(`signal arrival -> accepted + acknowledged (MQTT round trip): ${fmt(toAck)}`);
    console.log(`signal arrival -> first control tick enforcing it (new setpoints): ${fmt(toTick)}; ticks after arrival: max ${Math.max(...ticks)}`);

    // A plan, when a planner module is registered.
    const plan0 = await until(() => hub.context.plan.current() ?? false, 10_000).catch(() => null);
    if (plan0 === null) {
      console.log('signal arrival -> new plan: n/a (no planner module registered in main/hub/modules.ts)');
    } else {
      const toPlan: number[] = [];
      for (let i = 0; i < Math.min(rounds, 5); i++) {
        const from = Math.floor(hub.clock.now() / 900_000) * 900_000;
        const prices = Array.from({ length: 8 }, (_, k) => ((k + i) % 3) * 0.2 + 0.05);
        const m = message(hub.clock.now(), { type: 'price-curve', issuer: 'dso-test', validFrom: new Date(from).toISOString(), validUntil: new Date(from + 8 * 3_600_000).toISOString(), body: { currency: 'EUR', resolutionMin: 60, importPerKWh: prices } });
        let planAt = 0;
        const off = hub.context.plan.onChange(() => (planAt ||= performance.now()));
        const t0 = performance.now();
        await client.publishAsync('scale/bench/signals/price-curve', JSON.stringify(m), { qos: 1 });
        await until(() => planAt > 0, 60_000);
        off();
        toPlan.push(planAt - t0);
      }
      console.log(`signal arrival -> new plan: ${fmt(toPlan)}`);
    }
    await client.endAsync();
  } finally {
    await hub.stop();
  }
}

function inProcess(): void {
  const cfg = signalsConfigSchema.parse({
    accept: {
      issuers: [{ id: 'dso-test', kinds: allKinds }, { id: 'signed-dso', kinds: allKinds }, { id: 'ed-dso', kinds: allKinds }],
      keys: [
        { alg: 'hmac-sha256', keyId: 'k1', issuer: 'signed-dso', secret: hmacSecret },
        { alg: 'ed25519', keyId: 'e1', issuer: 'ed-dso', publicKeyPem: edPublicPem },
      ],
    },
  });
  const registry = new LimitsRegistry();
  const log = new SignalLog();
  const applier = new SignalApplier({
    book: new LimitBook(registry, 'mqtt'),
    dso: new Dso14a(cfg.dso14a, registry, Date.now()),
    tariffInputs: new Holder<TariffInputs>(noTariffInputs),
    flex: new Holder<readonly FlexRequest[]>([]),
    log,
    timeZone: 'Europe/Amsterdam',
  });
  const inbox = new SignalInbox(new SignalValidator(cfg.accept, new SignatureVerifier(cfg.accept.keys), new ReplayGuard(86_400_000)), applier, log, silentLogger);
  const now = Date.now();
  const kinds: [string, (i: number) => string][] = [
    ['unsigned', () => JSON.stringify(message(now, { type: 'import-limit', issuer: 'dso-test' }))],
    ['HMAC-SHA256', () => JSON.stringify(signHmac(message(now, { type: 'import-limit', issuer: 'signed-dso' })))],
    ['Ed25519', () => JSON.stringify(signEd(message(now, { type: 'import-limit', issuer: 'ed-dso' })))],
    ['rejected (unknown issuer)', () => JSON.stringify(message(now, { type: 'import-limit', issuer: 'stranger' }))],
  ];
  for (const [name, make] of kinds) {
    const payloads = Array.from({ length: messages }, (_, i) => make(i));
    const t0 = performance.now();
    for (const p of payloads) inbox.handle(p, 'import-limit', now);
    const s = (performance.now() - t0) / 1000;
    console.log(`in-process signal path, ${name}: ${Math.round(messages / s)} msg/s`);
  }
}

async function overMqtt(name: string, hub: Hub, url: string): Promise<void> {
  const client = await connectAsync(url, { protocolVersion: 4 });
  let acked = 0;
  client.on('message', () => acked++);
  await client.subscribeAsync('scale/bench/ack', { qos: 1 });
  const now = hub.clock.now();
  const payloads = Array.from({ length: messages }, () => JSON.stringify(message(now, { type: 'export-limit', issuer: 'dso-test', body: { limitW: 5000 } })));
  const t0 = performance.now();
  await Promise.all(payloads.map((p) => client.publishAsync('scale/bench/signals/export-limit', p, { qos: 1 })));
  await until(() => acked >= messages, 120_000);
  const s = (performance.now() - t0) / 1000;
  console.log(`over MQTT (${name}), QoS 1, publish to last acknowledgement: ${Math.round(messages / s)} msg/s (${messages} messages, ${s.toFixed(2)} s)`);
  await client.endAsync();
}

async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  await latency();
  inProcess();
  const embedded = await startBenchHub(null);
  try {
    await overMqtt('embedded Aedes', embedded, await brokerUrl(embedded));
  } finally {
    await embedded.stop();
  }
  let mosquitto;
  try {
    mosquitto = await startMosquitto();
  } catch (err) {
    console.log(`over MQTT (Mosquitto): skipped, ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  const hub = await startBenchHub(mosquitto.url);
  try {
    await new Promise((r) => setTimeout(r, 1000));
    await overMqtt('Mosquitto 2', hub, mosquitto.url);
  } finally {
    await hub.stop();
    await mosquitto.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
