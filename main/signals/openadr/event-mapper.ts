/**
 * OpenADR 3 events to the hub's model: PRICE and EXPORT_PRICE intervals
 * become a utility price curve (per kWh in the site currency; MWH units
 * divided by 1000), GHG rides along for display, IMPORT_CAPACITY_LIMIT and
 * EXPORT_CAPACITY_LIMIT become grid limits (units KW, W or MW; KW when the
 * descriptor says nothing, as in the spec's examples). Intervals without an
 * own period follow each other from the event's start. Anything that cannot
 * be mapped faithfully (another currency, intervals off the 15-minute grid)
 * is left out with a problem line, never guessed.
 */
import type { GridLimitSignal } from '../../common/limits.js';
import type { Currency } from '../../common/tariff.js';
import type { UtilityPriceCurve, UtilityPriceSlot } from '../../common/tariff-inputs.js';
import type { OadrValidator } from './oadr-validator.js';
import { durationMs, startMs as parseStart } from './oadr-time.js';
import type { OadrEvent, OadrPayloadDescriptor, OadrProgram } from './oadr-types.js';

export interface MappedEvent {
  readonly eventId: string;
  readonly curve: UtilityPriceCurve | null;
  readonly limits: readonly GridLimitSignal[];
  readonly problems: readonly string[];
  /** One line for the signal log. */
  readonly summary: string;
  readonly startMs: number | null;
  readonly endMs: number | null;
}

export interface MapOptions {
  readonly issuer: string;
  readonly siteCurrency: Currency;
  readonly priceBasis: 'all-in' | 'energy';
  readonly nowMs: number;
  readonly validator: OadrValidator;
}

const slotMs = 15 * 60_000;
const priceUnits: Record<string, number> = { KWH: 1, MWH: 1 / 1000, WH: 1000 };
const powerUnits: Record<string, number> = { KW: 1000, W: 1, MW: 1_000_000 };

function descriptor(event: OadrEvent, program: OadrProgram | undefined, type: string): OadrPayloadDescriptor | undefined {
  return event.payloadDescriptors?.find((d) => d.payloadType === type) ?? program?.payloadDescriptors?.find((d) => d.payloadType === type && d.objectType !== 'REPORT_PAYLOAD_DESCRIPTOR');
}

export function mapEvent(event: OadrEvent, program: OadrProgram | undefined, o: MapOptions): MappedEvent {
  const eventId = event.id ?? `${event.programID}:${event.eventName ?? 'event'}`;
  const problems: string[] = [];
  const slots: UtilityPriceSlot[] = [];
  const limits: GridLimitSignal[] = [];
  const base = event.intervalPeriod;
  let cursor = base?.start !== undefined ? parseStart(base.start, o.nowMs) : null;
  const defaultDuration = base?.duration !== undefined ? durationMs(base.duration) : 0;
  let first: number | null = null;
  let last: number | null = null;

  const factor = (type: string, table: Record<string, number>, fallback: string): number | null => {
    const d = descriptor(event, program, type);
    const units = (d?.units ?? fallback).toUpperCase();
    const f = table[units];
    if (f === undefined) problems.push(`${type}: units ${units} not understood`);
    if (d?.currency != null && type.endsWith('PRICE') && d.currency.toUpperCase() !== o.siteCurrency) {
      problems.push(`${type} in ${d.currency}, the site bills in ${o.siteCurrency}`);
      return null;
    }
    return f ?? null;
  };

  for (const interval of event.intervals ?? []) {
    const p = interval.intervalPeriod;
    const start = p?.start !== undefined ? parseStart(p.start, o.nowMs) : cursor;
    const dur = p?.duration !== undefined ? durationMs(p.duration) : defaultDuration;
    if (start === null || dur === null) {
      problems.push(`interval ${interval.id}: no start or duration`);
      continue;
    }
    const end = dur === 0 || dur === Number.POSITIVE_INFINITY ? null : start + dur;
    cursor = end;
    first = first === null ? start : Math.min(first, start);
    last = end === null || last === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : Math.max(last ?? end, end);

    let importPrice: number | null = null;
    let exportPrice: number | null = null;
    let ghg: number | undefined;
    for (const payload of interval.payloads) {
      const problem = o.validator.checkEventPayload(payload.type, payload.values);
      if (problem !== null) {
        problems.push(`interval ${interval.id}: ${problem}`);
        continue;
      }
      const v = payload.values[0];
      if (typeof v !== 'number') continue;
      switch (payload.type) {
        case 'PRICE': {
          const f = factor('PRICE', priceUnits, 'KWH');
          if (f !== null) importPrice = v * f;
          break;
        }
        case 'EXPORT_PRICE': {
          const f = factor('EXPORT_PRICE', priceUnits, 'KWH');
          if (f !== null) exportPrice = v * f;
          break;
        }
        case 'GHG':
          ghg = v;
          break;
        case 'IMPORT_CAPACITY_LIMIT':
        case 'EXPORT_CAPACITY_LIMIT': {
          const f = factor(payload.type, powerUnits, 'KW');
          if (f === null) break;
          limits.push({
            id: `${o.issuer}/${eventId}/${interval.id}`,
            source: 'openadr',
            kind: payload.type === 'IMPORT_CAPACITY_LIMIT' ? 'import' : 'export',
            limitW: v * f,
            startMs: start,
            endMs: end,
            issuer: o.issuer,
          });
          break;
        }
        default:
          break;
      }
    }
    if (importPrice === null && exportPrice === null && ghg === undefined) continue;
    if (end === null || start % slotMs !== 0 || end % slotMs !== 0) {
      problems.push(`interval ${interval.id}: prices need intervals on the 15-minute grid`);
      continue;
    }
    for (let t = start; t < end; t += slotMs) slots.push({ startMs: t, endMs: t + slotMs, importPerKWh: importPrice, exportPerKWh: exportPrice, ...(ghg === undefined ? {} : { ghgGPerKWh: ghg }) });
  }

  const curve: UtilityPriceCurve | null =
    slots.length === 0 ? null : { id: `${o.issuer}/${eventId}`, issuer: o.issuer, source: 'openadr', basis: o.priceBasis, currency: o.siteCurrency, slots, receivedMs: o.nowMs };
  const parts: string[] = [];
  if (curve !== null) parts.push(`prices for ${slots.length} slots`);
  for (const l of limits) parts.push(`${l.kind} limit ${(l.limitW / 1000).toFixed(1)} kW`);
  return {
    eventId,
    curve,
    limits,
    problems,
    summary: `event ${event.eventName ?? eventId}: ${parts.length > 0 ? parts.join(', ') : 'nothing the hub acts on'}`,
    startMs: first,
    endMs: last === null || last === Number.POSITIVE_INFINITY ? null : last,
  };
}
