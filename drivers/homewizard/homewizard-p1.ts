/**
 * HomeWizard Wi-Fi P1 meter (HWE-P1), very common in NL: its local HTTP API
 * v1 (enable "Local API" in the HomeWizard app), polled every pollMs of site
 * time. HTTP timeouts are real time. The dongle has checked the telegram's
 * CRC already; we check the JSON's shape and plausibility.
 */
import { z } from 'zod';
import { describeError } from '../../main/common/errors.js';
import type { DeviceRole } from '../../main/common/snapshot.js';
import type { Capability, Device } from '../api.js';
import type { DriverContext, DriverDefinition } from '../driver.js';
import { MeterState } from '../p1/meter-state.js';
import { homewizardDataSchema, homewizardReading } from './homewizard-data.js';

export interface HomewizardConfig {
  readonly host: string;
  readonly port: number;
  /** Poll period, site ms. */
  readonly pollMs: number;
  /** HTTP timeout, real ms. */
  readonly timeoutMs: number;
  readonly staleAfterMs?: number;
}

export const homewizardConfigSchema: z.ZodType<HomewizardConfig> = z.strictObject({
  host: z.string().min(1, 'expected the P1 meter\'s host name or IP address'),
  port: z.number().int().min(1).max(65535).default(80),
  pollMs: z.number().int().min(500).max(600_000).default(1000),
  timeoutMs: z.number().int().min(100).max(30_000).default(3000),
  staleAfterMs: z.number().int().min(1000).max(600_000).optional(),
});

export class HomewizardP1 extends MeterState implements Device {
  readonly capabilities: readonly Capability[] = ['powerMeter', 'energyMeter', 'phaseMeter', 'meterTariffInfo'];
  private readonly url: string;
  private cancelPoll: (() => void) | null = null;
  private inflight: Promise<void> | null = null;

  constructor(
    id: string,
    role: DeviceRole,
    private readonly config: HomewizardConfig,
    ctx: DriverContext,
  ) {
    super({ id, type: 'homewizard-p1', role, clock: ctx.clock, log: ctx.log.child(id), staleAfterMs: config.staleAfterMs, noun: 'answer', validCounter: 'polls' });
    this.url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}/api/v1/data`;
    this.counters.errors = 0;
  }

  start(): Promise<void> {
    if (this.cancelPoll === null) {
      this.markStarted();
      this.cancelPoll = this.clock.every(this.config.pollMs, () => this.poll());
      this.poll();
    }
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.cancelPoll?.();
    this.cancelPoll = null;
    await this.inflight;
  }

  private poll(): void {
    if (this.inflight !== null) return;
    this.inflight = this.fetchOnce().finally(() => {
      this.inflight = null;
    });
  }

  private async fetchOnce(): Promise<void> {
    let body: unknown;
    try {
      const res = await fetch(this.url, { signal: AbortSignal.timeout(this.config.timeoutMs) });
      if (res.status === 403) throw new Error('HTTP 403: enable "Local API" for the P1 meter in the HomeWizard app');
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const text = await res.text();
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        this.count('errors');
        this.reject('format', `answer is not JSON: ${JSON.stringify(text.slice(0, 40))}`);
        return;
      }
    } catch (err) {
      this.count('errors');
      this.reject('link', `${this.url}: ${describeError(err)}`);
      return;
    }
    const parsed = homewizardDataSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.reject('format', `answer field ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
      return;
    }
    this.accept(homewizardReading(parsed.data));
  }
}

export const homewizardP1Driver: DriverDefinition<HomewizardConfig> = {
  type: 'homewizard-p1',
  description: 'HomeWizard Wi-Fi P1 meter via its local HTTP API v1',
  roles: ['grid'],
  configSchema: homewizardConfigSchema,
  create: (config, ctx) => new HomewizardP1(config.id, config.role, config, ctx),
};
