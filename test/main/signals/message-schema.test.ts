import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { signalMessageJsonSchema } from '../../../main/signals/message-schema.js';
import { message } from './sample-messages.js';

const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'README.md'), 'utf8');
const addFormats = ((addFormatsPlugin as unknown as { default?: unknown }).default ?? addFormatsPlugin) as (ajv: Ajv2020) => Ajv2020;

describe('signal message JSON Schema', () => {
  it('is the one printed in the README', () => {
    const block = /<!-- signal-message-schema -->\n```json\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(block, 'README.md has no signal-message-schema block').toBeDefined();
    expect(JSON.parse(block ?? '{}')).toEqual(signalMessageJsonSchema());
  });

  it('accepts the hub’s valid messages and refuses a bad body, as the hub does', () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(signalMessageJsonSchema());
    const now = Date.parse('2026-01-06T10:00:00Z');
    for (const type of ['price-curve', 'import-limit', 'flex-request', 'tempo-colour', 'revoke', 'heartbeat'] as const) expect(validate(message(now, { type }))).toBe(true);
    expect(validate(message(now, { type: 'import-limit', body: { limitW: -5 } }))).toBe(false);
    expect(validate({ ...message(now, { type: 'import-limit' }), extra: 1 })).toBe(false);
  });
});
