/**
 * Applies an accepted signal: limits to the channel's limit book (§14a
 * limits raised to the minimum), price curves and Tempo colours to the
 * tariff inputs, flexibility requests to the flex holder, revocations to
 * whatever the issuer sent before. Returns one line saying what it did.
 */
import type { FlexRequest } from '../common/flex.js';
import type { Holder } from '../common/holder.js';
import type { GridLimitSignal } from '../common/limits.js';
import type { TariffInputs, UtilityPriceCurve, UtilityPriceSlot } from '../common/tariff-inputs.js';
import type { Dso14a } from './dso14a.js';
import type { LimitBook } from './limit-book.js';
import type { AcceptedSignal, PriceCurveBody } from './messages.js';
import type { SignalLog } from './signal-log.js';
import { localParts } from '../tariffs/local-calendar.js';
import type { LocalParts } from '../tariffs/local-calendar.js';

export interface ApplierTargets {
  readonly book: LimitBook;
  readonly dso: Dso14a;
  readonly tariffInputs: Holder<TariffInputs>;
  readonly flex: Holder<readonly FlexRequest[]>;
  readonly log: SignalLog;
  readonly timeZone: string;
}

const kW = (w: number): string => `${(w / 1000).toFixed(1)} kW`;
const slotMs = 15 * 60_000;

/** The window in site time, e.g. "2026-01-06 17:00..18:00", for log lines and the API. */
function window(s: { validFromMs: number; validUntilMs: number | null }, timeZone: string): string {
  const f = (t: number): LocalParts => localParts(t, timeZone);
  const hhmm = (l: LocalParts): string => `${String(Math.floor(l.minuteOfDay / 60)).padStart(2, '0')}:${String(l.minuteOfDay % 60).padStart(2, '0')}`;
  const from = f(s.validFromMs);
  if (s.validUntilMs === null) return `from ${from.date} ${hhmm(from)} until revoked`;
  const to = f(s.validUntilMs);
  return `${from.date} ${hhmm(from)}..${to.date === from.date ? '' : `${to.date} `}${hhmm(to)}`;
}

/** Expands a curve body to 15-minute slots (hourly prices cover four). */
export function curveSlots(body: PriceCurveBody, validFromMs: number): UtilityPriceSlot[] {
  const stepMs = body.resolutionMin * 60_000;
  const slots: UtilityPriceSlot[] = [];
  body.importPerKWh.forEach((importPerKWh, i) => {
    const exportPerKWh = body.exportPerKWh?.[i] ?? null;
    const ghg = body.ghgGPerKWh?.[i];
    for (let t = validFromMs + i * stepMs; t < validFromMs + (i + 1) * stepMs; t += slotMs) {
      slots.push({ startMs: t, endMs: t + slotMs, importPerKWh, exportPerKWh, ...(ghg === undefined ? {} : { ghgGPerKWh: ghg }) });
    }
  });
  return slots;
}

/** Adds a curve, dropping the issuer's earlier curves it fully covers and every curve already past. */
export function withCurve(inputs: TariffInputs, curve: UtilityPriceCurve, nowMs: number): TariffInputs {
  const first = curve.slots[0]?.startMs ?? 0;
  const last = curve.slots.at(-1)?.endMs ?? 0;
  const keep = inputs.utilityCurves.filter((c) => {
    const end = c.slots.at(-1)?.endMs ?? 0;
    if (end <= nowMs) return false;
    const covered = c.issuer === curve.issuer && (c.slots[0]?.startMs ?? 0) >= first && end <= last;
    return !covered && c.id !== curve.id;
  });
  return { ...inputs, utilityCurves: [...keep, curve] };
}

export class SignalApplier {
  constructor(private readonly t: ApplierTargets) {}

  apply(s: AcceptedSignal, channel: 'mqtt' | 'openadr'): string {
    const m = s.envelope;
    const id = `${m.issuer}/${m.id}`;
    this.t.dso.heard(m.issuer, s.receivedMs);
    switch (s.kind) {
      case 'import-limit':
      case 'export-limit':
      case 'controllable-limit': {
        const kind = s.kind === 'import-limit' ? 'import' : s.kind === 'export-limit' ? 'export' : 'controllable';
        const clamped = kind === 'controllable' ? this.t.dso.clamp(s.body.limitW) : { limitW: s.body.limitW, raised: false };
        const limit: GridLimitSignal = {
          id,
          source: kind === 'controllable' ? 'dso-14a' : channel,
          kind,
          limitW: clamped.limitW,
          startMs: s.validFromMs,
          endMs: s.validUntilMs,
          issuer: m.issuer,
        };
        for (const old of this.t.book.add(limit, s.receivedMs)) this.t.log.mark(m.issuer, old.slice(m.issuer.length + 1), 'superseded');
        const raised = clamped.raised ? ` (raised from ${kW(s.body.limitW)} to the §14a minimum)` : '';
        return `${kind} limit ${kW(clamped.limitW)}${raised}, ${window(s, this.t.timeZone)}`;
      }
      case 'price-curve': {
        const curve: UtilityPriceCurve = {
          id,
          issuer: m.issuer,
          source: channel,
          basis: s.body.basis,
          currency: s.body.currency,
          slots: curveSlots(s.body, s.validFromMs),
          receivedMs: s.receivedMs,
        };
        this.t.tariffInputs.set(withCurve(this.t.tariffInputs.get(), curve, s.receivedMs));
        return `${s.body.basis} price curve, ${s.body.importPerKWh.length} × ${s.body.resolutionMin} min, ${window(s, this.t.timeZone)}`;
      }
      case 'flex-request': {
        const request: FlexRequest = {
          id,
          issuer: m.issuer,
          source: channel,
          direction: s.body.direction,
          powerW: s.body.powerW,
          startMs: s.validFromMs,
          endMs: s.validUntilMs ?? s.validFromMs,
          paymentPerKWh: s.body.paymentPerKWh,
          paymentTotal: s.body.paymentTotal,
          currency: s.body.currency,
          receivedMs: s.receivedMs,
        };
        this.t.flex.set([...this.t.flex.get().filter((f) => f.endMs > s.receivedMs), request]);
        return `flexibility request: ${s.body.direction === 'down' ? 'reduce import / discharge' : 'increase import / charge'} ${kW(s.body.powerW)}, ${window(s, this.t.timeZone)}`;
      }
      case 'tempo-colour': {
        const inputs = this.t.tariffInputs.get();
        this.t.tariffInputs.set({ ...inputs, tempoColours: { ...inputs.tempoColours, [s.body.date]: s.body.colour } });
        return `Tempo ${s.body.date}: ${s.body.colour}`;
      }
      case 'revoke': {
        const target = `${m.issuer}/${s.body.targetId}`;
        let found = this.t.book.remove(target);
        const inputs = this.t.tariffInputs.get();
        const curves = inputs.utilityCurves.filter((c) => c.id !== target);
        if (curves.length !== inputs.utilityCurves.length) {
          this.t.tariffInputs.set({ ...inputs, utilityCurves: curves });
          found = true;
        }
        const flex = this.t.flex.get().filter((f) => f.id !== target);
        if (flex.length !== this.t.flex.get().length) {
          this.t.flex.set(flex);
          found = true;
        }
        if (found) this.t.log.mark(m.issuer, s.body.targetId, 'revoked');
        return found ? `revoked ${s.body.targetId}` : `revoke ${s.body.targetId}: nothing in force by that id`;
      }
      case 'heartbeat':
        return 'heartbeat';
    }
  }
}
