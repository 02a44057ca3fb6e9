/**
 * The JSON Schema of the MQTT signal messages, generated from the zod
 * schemas the hub validates with, so the README's copy (checked by a test)
 * can never drift from what the hub accepts. Bodies are tied to `type` with
 * if/then.
 */
import { z } from 'zod';
import { envelopeSchema, flexRequestBody, heartbeatBody, limitBody, priceCurveBody, revokeBody, tempoColourBody } from './messages.js';

const bodies: readonly (readonly [string, z.ZodType])[] = [
  ['price-curve', priceCurveBody],
  ['import-limit', limitBody],
  ['export-limit', limitBody],
  ['controllable-limit', limitBody],
  ['flex-request', flexRequestBody],
  ['tempo-colour', tempoColourBody],
  ['revoke', revokeBody],
  ['heartbeat', heartbeatBody],
];

/** Drops zod's long date-time regexes where `format` already says it (readable in the README). */
function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  const o = node as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) {
    if (k === 'pattern' && (o.format === 'date-time' || o.format === 'date')) continue;
    out[k] = tidy(v);
  }
  return out;
}

function plain(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  return tidy(rest) as Record<string, unknown>;
}

/** Pretty JSON with leaf objects and arrays of plain values on one line each. */
export function compactJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\{\n\s+([^{}[\]]*?)\n\s*\}|\[\n\s+([^{}[\]]*?)\n\s*\]/g, (m: string, obj: string | undefined, arr: string | undefined) => {
    const inner = (obj ?? arr ?? '').replace(/,\n\s+/g, ', ');
    const line = obj !== undefined ? `{ ${inner} }` : `[${inner}]`;
    return line.length <= 100 ? line : m;
  });
}

export function signalMessageJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://scale-hub.example/schemas/signal-message-v1.json',
    title: 'SCALE Hub utility signal (MQTT), version 1',
    ...plain(envelopeSchema),
    allOf: bodies.map(([type, body]) => ({ if: { properties: { type: { const: type } } }, then: { properties: { body: plain(body) } } })),
  };
}
