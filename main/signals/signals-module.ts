/**
 * The signals hub module: the MQTT link (embedded broker when no URL is
 * set) with validated utility messages in and acknowledgements, telemetry,
 * plan, flexibility envelope, limits and Home Assistant discovery out; §14a
 * with its failsafe; the OpenADR 3 VEN; GET /api/signals.
 */
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { has } from '../../drivers/api.js';
import { HubError } from '../common/errors.js';
import type { ChannelStatus, SignalsView } from '../common/signals.js';
import type { Currency } from '../common/tariff.js';
import { routes } from '../common/routes.js';
import type { ApiRoute } from '../api/route.js';
import type { HubContext, HubModule, HubModuleFactory } from '../hub/hub-context.js';
import { hubVersion } from '../hub/version.js';
import { createPreset } from '../tariffs/presets/registry.js';
import { Dso14a } from './dso14a.js';
import { startEmbeddedBroker } from './embedded-broker.js';
import type { EmbeddedBroker } from './embedded-broker.js';
import { flexEnvelope } from './flex-envelope.js';
import { discoveryMessages } from './ha-discovery.js';
import { LimitBook } from './limit-book.js';
import { MqttLink } from './mqtt-link.js';
import { Ven } from './openadr/ven.js';
import { ReplayGuard, replayStateSchema } from './replay-guard.js';
import { SignalApplier } from './signal-applier.js';
import { SignalInbox } from './signal-inbox.js';
import { SignalLog } from './signal-log.js';
import { SignalValidator } from './signal-validator.js';
import { SignatureVerifier } from './signature.js';
import { limitsMessage, telemetryOf } from './telemetry.js';
import { siteTopics } from './topics.js';

const replayKey = 'signals.replay';

/** The parts other code (tests, benchmark) may reach through the module. */
export interface SignalsModule extends HubModule {
  readonly inbox: SignalInbox;
  readonly log: SignalLog;
  readonly dso: Dso14a;
  brokerUrl(): string | null;
  view(): SignalsView;
  ven(): Ven | null;
}

export const signalsModule: HubModuleFactory = (ctx: HubContext): SignalsModule => createSignalsModule(ctx);

export function createSignalsModule(ctx: HubContext): SignalsModule {
  const cfg = ctx.config.signals;
  const log = ctx.log.child('signals');
  const timeZone = ctx.config.site.timeZone;
  const topics = siteTopics(cfg.mqtt.topicPrefix, cfg.siteId);
  const signalLog = new SignalLog();
  const mqttBook = new LimitBook(ctx.limits, 'mqtt');
  const oadrBook = new LimitBook(ctx.limits, 'openadr');
  const dso = new Dso14a(cfg.dso14a, ctx.limits, ctx.clock.now());
  const applier = new SignalApplier({ book: mqttBook, dso, tariffInputs: ctx.tariffInputs, flex: ctx.flex, log: signalLog, timeZone });
  const replay = new ReplayGuard(cfg.accept.maxAgeS * 1000, ctx.settings.get(replayKey, replayStateSchema, { seen: [], newest: {}, seq: {} }));
  const validator = new SignalValidator(cfg.accept, new SignatureVerifier(cfg.accept.keys), replay);
  let replayDirty = false;
  const inbox = new SignalInbox(validator, applier, signalLog, log, () => {
    replayDirty = true;
  });
  const saveReplay = (): void => {
    if (!replayDirty) return;
    replayDirty = false;
    ctx.settings.set(replayKey, replay.state(), ctx.clock.now());
  };

  let broker: EmbeddedBroker | null = null;
  let link: MqttLink | null = null;
  let ven: Ven | null = null;
  let lastMqttMessageMs: number | null = null;
  const cleanups: (() => void)[] = [];

  const publishJson = (topic: string, value: unknown, retain = false): void => link?.publish(topic, JSON.stringify(value), { retain, qos: retain ? 1 : 0 });

  const publishEnvelope = (): void => {
    const snap = ctx.site.latest();
    if (snap === null || link === null) return;
    const battery = ctx.devices.battery;
    const control = battery !== null && has(battery, 'batteryControl') ? battery : null;
    publishJson(
      topics.flexEnvelope,
      flexEnvelope(ctx.plan.current(), snap, {
        batteryMaxChargeW: control?.maxChargePowerW() ?? 0,
        batteryMaxDischargeW: control?.maxDischargePowerW() ?? 0,
        batteryReserveSocPct: ctx.config.battery.reserveSocPct,
        carMaxChargeW: snap.wallbox.maxChargeW ?? ctx.config.car.maxChargeW,
        carMaxDischargeW: snap.wallbox.maxDischargeW ?? 0,
        fuseLimitW: snap.grid.fuseLimitW,
      }, ctx.clock.now()),
      true,
    );
  };

  const channels = (): ChannelStatus[] => {
    const out: ChannelStatus[] = [];
    const mqttState = link?.state();
    const where = broker !== null ? `embedded broker ${broker.url}` : cfg.mqtt.url;
    out.push({ channel: 'mqtt', enabled: cfg.mqtt.enabled, state: mqttState?.state ?? 'off', detail: mqttState?.detail ?? where, lastMessageMs: lastMqttMessageMs });
    out.push(ven?.status() ?? { channel: 'openadr', enabled: false, state: 'off', detail: null, lastMessageMs: null });
    out.push({ channel: 'dso-14a', enabled: cfg.dso14a.enabled, state: dso.state(), detail: cfg.dso14a.enabled ? `minimum ${(dso.minimumW / 1000).toFixed(2)} kW` : null, lastMessageMs: cfg.dso14a.enabled ? dso.lastHeard() : null });
    return out;
  };
  const view = (): SignalsView => ({ channels: channels(), signals: signalLog.list(ctx.clock.now()), counters: signalLog.counters() });

  const moduleRoutes: ApiRoute[] = [
    { method: 'GET', path: routes.signals, handle: () => view() },
    {
      method: 'POST',
      path: routes.openadrNotify,
      // The VTN is not a paired device: it proves itself with the subscription's own bearer token below.
      access: 'public',
      handle: async (rc) => {
        const v = ven;
        const given = Buffer.from(rc.req.headers.authorization ?? '');
        const expected = Buffer.from(`Bearer ${v?.webhookToken ?? ''}`);
        if (v === null || given.length !== expected.length || !timingSafeEqual(given, expected)) throw new HubError('unauthorized', 'not a subscribed VTN');
        return { ok: v.notify(await rc.body(z.unknown()), 'webhook') };
      },
    },
  ];

  return {
    name: 'signals',
    routes: moduleRoutes,
    inbox,
    log: signalLog,
    dso,
    brokerUrl: () => broker?.url ?? null,
    view,
    ven: () => ven,
    async start() {
      if (cfg.mqtt.enabled) {
        if (cfg.mqtt.url === null) broker = await startEmbeddedBroker(cfg.broker, topics, cfg.mqtt.homeAssistant.discoveryPrefix, log);
        const l = new MqttLink({
          config: cfg.mqtt,
          topics,
          embedded: broker === null ? null : { url: broker.url, ...broker.hubCredentials },
          log,
          onSignal: (topic, payload) => {
            const kind = topics.kindOf(topic);
            if (kind === null) return;
            lastMqttMessageMs = ctx.clock.now();
            const { ack } = inbox.handle(payload, kind, ctx.clock.now());
            if (ack !== null) publishJson(topics.ack, ack);
          },
          onConnect: () => {
            if (cfg.mqtt.homeAssistant.enabled) {
              for (const d of discoveryMessages(cfg.mqtt.homeAssistant.discoveryPrefix, cfg.siteId, topics, hubVersion)) l.publish(d.topic, d.payload, { retain: true, qos: 1 });
            }
            const plan = ctx.plan.current();
            if (plan !== null) publishJson(topics.plan, plan, true);
            publishEnvelope();
          },
        });
        link = l;
        l.start();
        cleanups.push(
          ctx.clock.every(cfg.mqtt.telemetryIntervalS * 1000, () => {
            const s = ctx.site.latest();
            if (s !== null) publishJson(topics.telemetry, telemetryOf(s, timeZone));
          }),
        );
        let lastLimits = '';
        cleanups.push(
          ctx.site.onSnapshot((s) => {
            const msg = limitsMessage(s.limits, timeZone);
            if (msg !== lastLimits) {
              lastLimits = msg;
              l.publish(topics.limits, msg, { retain: true, qos: 1 });
            }
          }),
        );
        cleanups.push(
          ctx.plan.onChange((plan) => {
            publishJson(topics.plan, plan, true);
            publishEnvelope();
          }),
        );
        cleanups.push(ctx.clock.every(15 * 60_000, publishEnvelope));
      }
      if (cfg.dso14a.enabled) cleanups.push(ctx.clock.every(1000, () => dso.check(ctx.clock.now())));
      if (cfg.openadr.enabled) {
        const currency: Currency = ctx.tariff.get()?.currency ?? createPreset(ctx.config.tariff, timeZone)?.info.currency ?? 'EUR';
        ven = new Ven({
          config: cfg.openadr,
          siteCurrency: currency,
          now: () => ctx.clock.now(),
          log: log.child('openadr'),
          signalLog,
          book: oadrBook,
          tariffInputs: ctx.tariffInputs,
          usageKWh: (from, to) => {
            const rows = ctx.history.read(from, to);
            if (rows.length === 0) return null;
            return rows.reduce((s, r) => s + r.gridImportWh - r.gridExportWh, 0) / 1000;
          },
          callbackUrl: cfg.openadr.callbackUrl,
        });
        ven.start();
      }
      const timer = setInterval(saveReplay, 1000);
      timer.unref();
      cleanups.push(() => clearInterval(timer));
    },
    async stop() {
      for (const c of cleanups.splice(0)) c();
      saveReplay();
      await ven?.stop();
      await link?.stop();
      await broker?.close();
    },
  };
}
