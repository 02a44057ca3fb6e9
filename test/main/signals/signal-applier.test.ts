import { describe, expect, it } from 'vitest';
import type { FlexRequest } from '../../../main/common/flex.js';
import { Holder } from '../../../main/common/holder.js';
import { silentLogger } from '../../../main/common/log.js';
import { noTariffInputs } from '../../../main/common/tariff-inputs.js';
import type { TariffInputs } from '../../../main/common/tariff-inputs.js';
import { LimitsRegistry } from '../../../main/control/limits-registry.js';
import { Dso14a } from '../../../main/signals/dso14a.js';
import { LimitBook } from '../../../main/signals/limit-book.js';
import { ReplayGuard } from '../../../main/signals/replay-guard.js';
import { SignalApplier } from '../../../main/signals/signal-applier.js';
import { SignalInbox } from '../../../main/signals/signal-inbox.js';
import { SignalLog } from '../../../main/signals/signal-log.js';
import { SignalValidator } from '../../../main/signals/signal-validator.js';
import { signalsConfigSchema } from '../../../main/signals/signals-config.js';
import { SignatureVerifier } from '../../../main/signals/signature.js';
import { message } from './sample-messages.js';

const now = Date.parse('2026-01-06T10:20:00Z');

function setup(): { inbox: SignalInbox; registry: LimitsRegistry; inputs: Holder<TariffInputs>; flex: Holder<readonly FlexRequest[]>; log: SignalLog } {
  const cfg = signalsConfigSchema.parse({ accept: { issuers: [{ id: 'dso-test', kinds: ['import-limit', 'export-limit', 'controllable-limit', 'price-curve', 'flex-request', 'tempo-colour', 'revoke', 'heartbeat'] }] }, dso14a: { enabled: true, issuer: 'dso-test' } });
  const registry = new LimitsRegistry();
  const inputs = new Holder<TariffInputs>(noTariffInputs);
  const flex = new Holder<readonly FlexRequest[]>([]);
  const log = new SignalLog();
  const applier = new SignalApplier({ book: new LimitBook(registry, 'mqtt'), dso: new Dso14a(cfg.dso14a, registry, now), tariffInputs: inputs, flex, log, timeZone: 'Europe/Berlin' });
  const validator = new SignalValidator(cfg.accept, new SignatureVerifier([]), new ReplayGuard(86_400_000));
  return { inbox: new SignalInbox(validator, applier, log, silentLogger), registry, inputs, flex, log };
}

describe('applying accepted signals', () => {
  it('puts limits in force for their window; a newer one of the same issuer supersedes it', () => {
    const { inbox, registry, log } = setup();
    const first = message(now, { type: 'import-limit', body: { limitW: 5000 }, createdAt: new Date(now - 2000).toISOString() });
    expect(inbox.handle(JSON.stringify(first), 'import-limit', now).ack).toMatchObject({ status: 'accepted', ref: first.id });
    expect(registry.active(now).importLimitW).toBe(5000);
    const second = message(now, { type: 'import-limit', body: { limitW: 3000 } });
    inbox.handle(JSON.stringify(second), 'import-limit', now);
    expect(registry.active(now)).toMatchObject({ importLimitW: 3000, signals: [{ id: `dso-test/${second.id}` }] });
    expect(log.list(now).map((r) => r.state)).toEqual(['accepted', 'superseded']);
    // After the window the registry drops it, and the log reads it as expired.
    const later = now + 3 * 3_600_000;
    expect(registry.active(later).importLimitW).toBeNull();
    expect(log.list(later)[0]?.state).toBe('expired');
  });

  it('raises a §14a limit below the minimum and says so', () => {
    const { inbox, registry } = setup();
    const r = inbox.handle(JSON.stringify(message(now, { type: 'controllable-limit', body: { limitW: 1000 } })), null, now);
    expect(r.ack?.reason).toMatch(/raised from 1.0 kW to the §14a minimum/);
    expect(registry.active(now)).toMatchObject({ controllableLimitW: 4200, signals: [{ source: 'dso-14a', limitW: 4200 }] });
  });

  it('turns price curves into tariff inputs (hourly prices over four quarters) and revokes them', () => {
    const { inbox, inputs, log } = setup();
    const curve = message(now, { type: 'price-curve', body: { currency: 'EUR', resolutionMin: 60, importPerKWh: [0.3, 0.1], exportPerKWh: [0.05, 0.02], ghgGPerKWh: [300, 120] } });
    inbox.handle(JSON.stringify(curve), 'price-curve', now);
    const c = inputs.get().utilityCurves[0];
    expect(c?.slots).toHaveLength(8);
    expect(c?.slots[4]).toMatchObject({ importPerKWh: 0.1, exportPerKWh: 0.02, ghgGPerKWh: 120 });
    expect(c?.basis).toBe('all-in');
    inbox.handle(JSON.stringify(message(now, { type: 'revoke', body: { targetId: curve.id } })), 'revoke', now);
    expect(inputs.get().utilityCurves).toHaveLength(0);
    expect(log.list(now).find((r) => r.id === curve.id)?.state).toBe('revoked');
  });

  it('hands flexibility requests and Tempo colours on, and does not acknowledge heartbeats', () => {
    const { inbox, inputs, flex } = setup();
    inbox.handle(JSON.stringify(message(now, { type: 'flex-request' })), null, now);
    expect(flex.get()[0]).toMatchObject({ direction: 'down', powerW: 5000, paymentPerKWh: 0.5, currency: 'EUR', issuer: 'dso-test' });
    inbox.handle(JSON.stringify(message(now, { type: 'tempo-colour', body: { date: '2026-01-07', colour: 'white' } })), null, now);
    expect(inputs.get().tempoColours).toEqual({ '2026-01-07': 'white' });
    expect(inbox.handle(JSON.stringify(message(now, { type: 'heartbeat' })), null, now).ack).toBeNull();
  });

  it('acknowledges rejections with the code and changes nothing', () => {
    const { inbox, registry, inputs, flex, log } = setup();
    const r = inbox.handle('{"v":1}', 'import-limit', now);
    expect(r.ack).toMatchObject({ status: 'rejected', code: 'malformed', ref: null });
    expect(registry.active(now).signals).toHaveLength(0);
    expect(inputs.get()).toBe(noTariffInputs);
    expect(flex.get()).toHaveLength(0);
    expect(log.counters()).toEqual({ accepted: 0, rejected: 1 });
  });
});
