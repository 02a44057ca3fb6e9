/**
 * OCPP-J framing: [2, id, action, payload] CALL, [3, id, payload] CALLRESULT,
 * [4, id, code, description, details] CALLERROR. Parsing never throws: a bad
 * frame becomes a description of the CALLERROR to answer with, so one
 * malformed message cannot cost the station its connection.
 */
import type { RpcErrorCode } from './rpc-error.js';

export const CALL = 2;
export const CALLRESULT = 3;
export const CALLERROR = 4;

export type RpcFrame =
  | { readonly kind: 'call'; readonly id: string; readonly action: string; readonly payload: Record<string, unknown> }
  | { readonly kind: 'result'; readonly id: string; readonly payload: Record<string, unknown> }
  | { readonly kind: 'error'; readonly id: string; readonly code: string; readonly description: string; readonly details: unknown };

export type ParsedFrame =
  | { readonly ok: true; readonly frame: RpcFrame }
  /** `id` is null when not even the message id could be read (answer with "-1", as OCPP 2.0.1 prescribes). */
  | { readonly ok: false; readonly id: string | null; readonly messageType: number | null; readonly code: RpcErrorCode; readonly description: string };

/** OCPP 2.x limits message ids to 36 characters (a UUID). */
const MAX_ID_LENGTH = 36;

export function parseFrame(text: string): ParsedFrame {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, id: null, messageType: null, code: 'RpcFrameworkError', description: 'message is not valid JSON' };
  }
  if (!Array.isArray(raw) || typeof raw[0] !== 'number') {
    return { ok: false, id: null, messageType: null, code: 'RpcFrameworkError', description: 'message is not an array starting with a message type number' };
  }
  const items = raw as unknown[];
  const type = items[0] as number;
  const id = items[1];
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH) {
    return { ok: false, id: null, messageType: type, code: 'RpcFrameworkError', description: `message id must be a string of 1-${MAX_ID_LENGTH} characters` };
  }
  const bad = (description: string, code: RpcErrorCode = 'FormatViolation'): ParsedFrame => ({ ok: false, id, messageType: type, code, description });
  switch (type) {
    case CALL: {
      const [, , action, payload] = items;
      if (items.length !== 4) return bad(`a CALL has 4 elements, got ${items.length}`);
      if (typeof action !== 'string' || action.length === 0) return bad('the action of a CALL must be a non-empty string');
      if (!isObject(payload)) return bad(`the payload of ${action} must be a JSON object`);
      return { ok: true, frame: { kind: 'call', id, action, payload } };
    }
    case CALLRESULT: {
      const payload = items[2];
      if (items.length !== 3) return bad(`a CALLRESULT has 3 elements, got ${items.length}`);
      if (!isObject(payload)) return bad('the payload of a CALLRESULT must be a JSON object');
      return { ok: true, frame: { kind: 'result', id, payload } };
    }
    case CALLERROR: {
      const [, , code, description, details] = items;
      if (items.length !== 5 || typeof code !== 'string' || typeof description !== 'string') return bad('a CALLERROR is [4, id, code, description, details]');
      return { ok: true, frame: { kind: 'error', id, code, description, details } };
    }
    default:
      return bad(`message type ${type} is not supported`, 'MessageTypeNotSupported');
  }
}

export function callFrame(id: string, action: string, payload: object): string {
  return JSON.stringify([CALL, id, action, payload]);
}

export function resultFrame(id: string, payload: object): string {
  return JSON.stringify([CALLRESULT, id, payload]);
}

/** OCPP-J limits the description to 255 characters. */
export function errorFrame(id: string, wireCode: string, description: string, details: object = {}): string {
  return JSON.stringify([CALLERROR, id, wireCode, description.slice(0, 255), details]);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
