/**
 * Turns the body of a HAN data-notification into named values. Three layouts
 * occur in the SCALE countries:
 *  - OBIS structures (Aidon, also Landis+Gyr, Sagemcom): an array of
 *    {OBIS, value, {scaler, unit}} structures; scaler and unit are checked.
 *  - OBIS/value pairs in one flat structure (Kamstrup): the scalers are fixed
 *    by the vendor (cosem-objects.ts).
 *  - Positional (Kaifa): values without OBIS, in an order fixed by the list
 *    length (kaifa-lists.ts).
 */
import type { DlmsData } from './axdr.js';
import { CLOCK_OBJECT, DLMS_UNIT, METER_ID_OBJECTS, NUMERIC_OBJECTS, obisKey, obisText } from './cosem-objects.js';
import type { HanField } from './cosem-objects.js';
import { kaifaList } from './kaifa-lists.js';

export interface HanValues {
  /** Our field name -> value in W, Wh, A or V. */
  readonly numbers: Partial<Record<HanField, number>>;
  readonly meterId: string | null;
  /** The meter's clock (a COSEM date-time, 12 bytes), when the list has one. */
  readonly clock: Uint8Array | null;
  /** The list's own name (e.g. "AIDON_V0001", "Kamstrup_V0001", "KFM_001"). */
  readonly listId: string | null;
  /** OBIS codes we do not interpret (reactive power and energy, ...). */
  readonly unknown: readonly string[];
}

export type ListResult = { ok: true; value: HanValues } | { ok: false; error: string };

interface Builder {
  numbers: Partial<Record<HanField, number>>;
  meterId: string | null;
  clock: Uint8Array | null;
  listId: string | null;
  unknown: string[];
}

export function interpretList(body: DlmsData): ListResult {
  const b: Builder = { numbers: {}, meterId: null, clock: null, listId: null, unknown: [] };
  if (body.type !== 'array' && body.type !== 'structure') return { ok: false, error: `notification body is ${body.type}, expected a list` };
  const items = body.items;
  const isObisStruct = (d: DlmsData | undefined): boolean => d?.type === 'structure' && isObis(d.items[0]);
  if (items.length > 0 && items.every(isObisStruct)) return withErrors(b, () => obisStructures(b, items));
  if (items.some(isObis)) return withErrors(b, () => obisPairs(b, items));
  const kaifa = kaifaList(items);
  return kaifa.ok ? { ok: true, value: kaifa.value } : kaifa;
}

function withErrors(b: Builder, run: () => string | null): ListResult {
  const error = run();
  return error === null ? { ok: true, value: b } : { ok: false, error };
}

function isObis(d: DlmsData | undefined): d is { type: 'octets'; value: Uint8Array } {
  return d?.type === 'octets' && d.value.length === 6;
}

function obisStructures(b: Builder, items: readonly DlmsData[]): string | null {
  for (const item of items) {
    if (item.type !== 'structure') continue;
    const [code, value, scalerUnit] = item.items;
    if (!isObis(code) || value === undefined) return 'OBIS structure without a value';
    let scaler: number | null = null;
    let unit: number | null = null;
    if (scalerUnit?.type === 'structure') {
      const [s, u] = scalerUnit.items;
      if (s?.type !== 'int' || u?.type !== 'enum') return `${obisText(code.value)}: malformed {scaler, unit}`;
      scaler = s.value;
      unit = u.value;
    }
    const error = put(b, code.value, value, scaler, unit);
    if (error !== null) return error;
  }
  return null;
}

function obisPairs(b: Builder, items: readonly DlmsData[]): string | null {
  let i = 0;
  const first = items[0];
  if (first?.type === 'string') {
    b.listId = first.value;
    i = 1;
  }
  for (; i < items.length; i++) {
    const code = items[i];
    if (!isObis(code)) continue;
    const value = items[i + 1];
    if (value === undefined) return `${obisText(code.value)}: no value after the OBIS code`;
    const error = put(b, code.value, value, null, null);
    if (error !== null) return error;
    i++;
  }
  return null;
}

function put(b: Builder, code: Uint8Array, value: DlmsData, scaler: number | null, unit: number | null): string | null {
  const key = obisKey(code);
  const numeric = NUMERIC_OBJECTS[key];
  if (numeric !== undefined) {
    if (value.type !== 'int') return `${obisText(code)}: expected a number, got ${value.type}`;
    if (unit !== null && unit !== numeric.unit) return `${obisText(code)}: unit ${unit} where ${unitName(numeric.unit)} belongs`;
    b.numbers[numeric.field] = scale(value.value, scaler ?? numeric.defaultScaler);
    return null;
  }
  if (METER_ID_OBJECTS.has(key) && value.type === 'string') b.meterId = value.value;
  else if (key === CLOCK_OBJECT && value.type === 'octets' && value.value.length === 12) b.clock = value.value;
  else if (key === '1-0.2.129' && value.type === 'string') b.listId = value.value;
  else if (!key.startsWith('0-96.1.') && !key.startsWith('1-96.1.')) b.unknown.push(obisText(code));
  return null;
}

/** v × 10^scaler, dividing for negative scalers so 2276 × 10^-1 is 227.6 exactly. */
export function scale(v: number, scaler: number): number {
  return scaler < 0 ? v / 10 ** -scaler : v * 10 ** scaler;
}

function unitName(unit: number): string {
  return Object.entries(DLMS_UNIT).find(([, v]) => v === unit)?.[0] ?? String(unit);
}
