/**
 * The OpenADR 3 VEN: logs in with OAuth2 client credentials, polls the VTN's
 * programs and events, validates every object against the spec, maps events
 * to price curves and grid limits, and reports usage back. Between polls it
 * listens for pushes where the VTN offers them: the 3.1.0 MQTT notifier, or a
 * webhook subscription when the hub has a callback URL the VTN can reach. A
 * push only triggers an early poll: the poll is the one path that applies
 * anything, so a forged or garbled push cannot change the site.
 */
import { randomBytes } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import { describeError } from '../../common/errors.js';
import type { Holder } from '../../common/holder.js';
import type { Logger } from '../../common/log.js';
import type { ChannelStatus, SignalKind } from '../../common/signals.js';
import type { Currency } from '../../common/tariff.js';
import type { TariffInputs } from '../../common/tariff-inputs.js';
import type { LimitBook } from '../limit-book.js';
import type { SignalLog } from '../signal-log.js';
import type { SignalsConfig } from '../signals-config.js';
import { mapEvent } from './event-mapper.js';
import { connectMqttNotifier } from './mqtt-notifier.js';
import type { MappedEvent } from './event-mapper.js';
import { TokenSource } from './oauth-client.js';
import { OadrValidator } from './oadr-validator.js';
import type { OadrEvent, OadrProgram } from './oadr-types.js';
import { buildUsageReport, wantsUsageReport } from './usage-report.js';
import { VtnClient } from './vtn-client.js';

export interface VenOptions {
  readonly config: SignalsConfig['openadr'];
  readonly siteCurrency: Currency;
  readonly now: () => number;
  readonly log: Logger;
  readonly signalLog: SignalLog;
  readonly book: LimitBook;
  readonly tariffInputs: Holder<TariffInputs>;
  /** Net grid energy (kWh) over a window, from the history. */
  usageKWh(fromMs: number, toMs: number): number | null;
  /** The hub's webhook URL as the VTN reaches it; null: no webhook subscription. */
  readonly callbackUrl: string | null;
}

export class Ven {
  readonly issuer: string;
  readonly validator: OadrValidator;
  private readonly client: VtnClient;
  private readonly tokens: TokenSource;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private polling: Promise<void> | null = null;
  private repoll = false;
  private state = 'starting';
  private detail: string | null = null;
  private lastPollMs: number | null = null;
  private readonly seen = new Map<string, string>();
  private readonly reported = new Set<string>();
  private notifier: MqttClient | null = null;
  private subscribed = false;
  /** Bearer token the VTN must present on webhook calls. */
  readonly webhookToken = randomBytes(24).toString('base64url');
  /** Fires after each completed poll (tests, benchmark). */
  onPoll: (() => void) | null = null;

  constructor(private readonly o: VenOptions) {
    const c = o.config;
    const base = (c.vtnUrl ?? '').replace(/\/$/, '');
    this.issuer = `openadr:${new URL(base).host}`;
    this.validator = new OadrValidator(c.version);
    this.tokens = new TokenSource({
      tokenUrl: () => this.tokenUrl(base),
      clientId: c.clientId ?? '',
      clientSecret: c.clientSecret ?? '',
      ...(c.scope !== undefined ? { scope: c.scope } : {}),
      validator: this.validator,
    });
    this.client = new VtnClient(base, this.tokens);
  }

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    await this.polling?.catch(() => undefined);
    const n = this.notifier;
    this.notifier = null;
    if (n !== null) await n.endAsync(true);
  }

  status(): ChannelStatus {
    return { channel: 'openadr', enabled: true, state: this.state, detail: this.detail, lastMessageMs: this.lastPollMs };
  }

  /** A push (MQTT notifier or webhook): validated, then an early poll. */
  notify(body: unknown, source: string): boolean {
    const problem = this.validator.check('notification', body);
    if (problem !== null) {
      this.o.log.warn(`openadr: ${source} notification ignored: ${problem}`);
      return false;
    }
    this.schedule(50);
    return true;
  }

  /** One poll now (tests); resolves when done. */
  async pollNow(): Promise<void> {
    if (this.polling !== null) {
      this.repoll = true;
      return this.polling;
    }
    this.polling = this.poll().finally(() => {
      this.polling = null;
    });
    await this.polling;
    if (this.repoll) {
      this.repoll = false;
      await this.pollNow();
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.pollNow().finally(() => this.schedule(this.o.config.pollIntervalS * 1000));
    }, delayMs);
    this.timer.unref();
  }

  private async tokenUrl(base: string): Promise<string> {
    if (this.o.config.tokenUrl !== undefined) return this.o.config.tokenUrl;
    if (this.o.config.version === '3.1.0') {
      try {
        const res = await fetch(`${base}/auth/server`, { signal: AbortSignal.timeout(10_000) });
        const info: unknown = await res.json();
        if (res.ok && this.validator.check('authServerInfo', info) === null) return (info as { tokenURL: string }).tokenURL;
      } catch {
        // Fall back to the conventional endpoint below.
      }
    }
    return `${base}/auth/token`;
  }

  private async poll(): Promise<void> {
    try {
      const programs = await this.programs();
      const events: { event: OadrEvent & { id: string }; program: OadrProgram | undefined }[] = [];
      for (const program of programs) {
        for (const raw of await this.client.list('/events', program.id !== undefined ? { programID: program.id } : {})) {
          const problem = this.validator.check('event', raw);
          const ev = raw as OadrEvent;
          const id = ev.id ?? '(no id)';
          if (problem !== null || ev.id === undefined) {
            this.logOnce(id, `invalid:${problem ?? 'no id'}`, () =>
              this.o.signalLog.addRejected({ channel: 'openadr', id, issuer: this.issuer, kind: null, receivedMs: this.o.now(), code: 'malformed', reason: problem ?? 'event without id' }),
            );
            continue;
          }
          events.push({ event: { ...ev, id: ev.id }, program });
        }
      }
      this.apply(events);
      await this.report(events.map((e) => e.event));
      await this.ensurePush(programs);
      this.state = this.notifier?.connected === true ? 'polling + notifier' : 'polling';
      this.detail = null;
      this.lastPollMs = this.o.now();
    } catch (err) {
      this.state = 'error';
      this.detail = describeError(err);
      this.o.log.warn('openadr: poll failed; keeping the signals in force', { error: this.detail });
    } finally {
      this.onPoll?.();
    }
  }

  private async programs(): Promise<OadrProgram[]> {
    const out: OadrProgram[] = [];
    for (const raw of await this.client.list('/programs')) {
      const problem = this.validator.check('program', raw);
      if (problem !== null) {
        this.o.log.warn(`openadr: program ignored: ${problem}`);
        continue;
      }
      const p = raw as OadrProgram;
      if (this.o.config.programs.length === 0 || this.o.config.programs.includes(p.programName)) out.push(p);
    }
    return out;
  }

  private apply(events: readonly { event: OadrEvent & { id: string }; program: OadrProgram | undefined }[]): void {
    const nowMs = this.o.now();
    const mapped: (MappedEvent & { priority: number })[] = events.map(({ event, program }) => ({
      ...mapEvent(event, program, { issuer: this.issuer, siteCurrency: this.o.siteCurrency, priceBasis: this.o.config.priceBasis, nowMs, validator: this.validator }),
      priority: event.priority ?? Number.MAX_SAFE_INTEGER,
    }));
    // The VTN's current events are the whole truth: what it no longer lists is no longer in force.
    this.o.book.replaceIssuer(
      this.issuer,
      mapped.flatMap((m) => m.limits),
    );
    const inputs = this.o.tariffInputs.get();
    const curves = mapped
      .filter((m) => m.curve !== null && (m.curve.slots.at(-1)?.endMs ?? 0) > nowMs)
      // Lower priority number = higher priority: applied last, so it wins where curves overlap.
      .sort((a, b) => b.priority - a.priority)
      .map((m) => m.curve)
      .filter((c) => c !== null);
    const others = inputs.utilityCurves.filter((c) => c.issuer !== this.issuer);
    const before = JSON.stringify(inputs.utilityCurves.filter((c) => c.issuer === this.issuer).map((c) => c.slots));
    if (JSON.stringify(curves.map((c) => c.slots)) !== before) this.o.tariffInputs.set({ ...inputs, utilityCurves: [...others, ...curves] });

    for (const [i, m] of mapped.entries()) {
      const ev = events[i]?.event;
      const version = `${ev?.modificationDateTime ?? ''}|${JSON.stringify(ev?.intervals ?? [])}`;
      const kind: SignalKind | null = m.limits[0] !== undefined ? (m.limits[0].kind === 'import' ? 'import-limit' : 'export-limit') : m.curve !== null ? 'price-curve' : null;
      this.logOnce(m.eventId, version, () => {
        const reason = m.problems.length > 0 ? `${m.summary} (left out: ${m.problems.join('; ')})` : m.summary;
        this.o.signalLog.addAccepted({ channel: 'openadr', id: m.eventId, issuer: this.issuer, kind: kind ?? 'price-curve', receivedMs: nowMs, reason, validFromMs: m.startMs, validUntilMs: m.endMs });
        this.o.log.info(`openadr: ${reason}`);
      });
    }
  }

  /** Runs `f` when this event's version was not logged before (a poll repeats the same events). */
  private logOnce(id: string, version: string, f: () => void): void {
    if (this.seen.get(id) === version) return;
    this.seen.set(id, version);
    f();
  }

  private async report(events: readonly (OadrEvent & { id: string })[]): Promise<void> {
    if (!this.o.config.reports) return;
    for (const event of events) {
      if (this.reported.has(event.id) || !wantsUsageReport(event)) continue;
      const report = buildUsageReport(
        { event, venName: this.o.config.venName, version: this.o.config.version, nowMs: this.o.now(), usageKWh: (a, b) => this.o.usageKWh(a, b) },
        this.validator,
      );
      if (report === null) continue;
      const all = (event.intervals ?? []).length;
      const complete = ((report as { resources: { intervals: unknown[] }[] }).resources[0]?.intervals.length ?? 0) >= all;
      if (!complete) continue; // one report per event, once all its intervals have ended
      const existing = await this.client.list('/reports', { eventID: event.id, clientName: this.o.config.venName });
      if (existing.length === 0) await this.client.request('POST', '/reports', { body: report });
      this.reported.add(event.id);
      this.o.log.info(`openadr: usage report sent for event ${event.id}`);
    }
  }

  private async ensurePush(programs: readonly OadrProgram[]): Promise<void> {
    if (this.notifier === null && this.o.config.notifiers && this.o.config.version === '3.1.0') await this.connectNotifier();
    if (!this.subscribed && this.o.callbackUrl !== null) {
      for (const p of programs) {
        if (p.id === undefined) continue;
        await this.client.request('POST', '/subscriptions', {
          body: {
            clientName: this.o.config.venName,
            programID: p.id,
            objectOperations: [{ objects: ['EVENT', 'PROGRAM'], operations: ['CREATE', 'UPDATE', 'DELETE'], callbackUrl: this.o.callbackUrl, bearerToken: this.webhookToken }],
          },
        });
      }
      this.subscribed = true;
    }
  }

  private async connectNotifier(): Promise<void> {
    this.notifier = await connectMqttNotifier({
      client: this.client,
      validator: this.validator,
      token: () => this.tokens.get(),
      clientId: this.o.config.clientId ?? '',
      log: this.o.log,
      onNotification: (body) => this.notify(body, 'MQTT'),
    });
  }
}

