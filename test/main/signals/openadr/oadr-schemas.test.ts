import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OadrValidator } from '../../../../main/signals/openadr/oadr-validator.js';
import { generateOadrSchemas, outFile } from './generate-oadr-schemas.js';

describe('OpenADR schemas', () => {
  it('match the spec YAML in ../shared/fixtures/openadr3 (regenerate with generate-oadr-schemas.ts)', () => {
    expect(JSON.parse(readFileSync(outFile, 'utf8'))).toEqual(generateOadrSchemas());
  });

  it('validate objects per spec version', () => {
    const v301 = new OadrValidator('3.0.1');
    const v310 = new OadrValidator('3.1.0');
    const event = { programID: 'p1', intervals: [{ id: 0, payloads: [{ type: 'PRICE', values: [0.2] }] }] };
    expect(v301.check('event', event)).toBeNull();
    // 3.1.0 events carry the VTN's metadata.
    expect(v310.check('event', event)).toMatch(/required property 'id'/);
    expect(v310.check('event', { ...event, id: 'e1', createdDateTime: '2026-01-01T00:00:00Z', modificationDateTime: '2026-01-01T00:00:00Z', objectType: 'EVENT' })).toBeNull();
    expect(v301.check('event', { ...event, programID: 'no spaces allowed' })).toMatch(/pattern/);
    expect(v301.check('intervalPeriod', { start: '2026-01-01T00:00:00Z', duration: 'one hour' })).toMatch(/duration/);
    expect(v310.checkEventPayload('IMPORT_CAPACITY_LIMIT', [-5])).toMatch(/>= 0/);
    expect(v310.checkEventPayload('PRICE', [0.1, 0.2])).toMatch(/more than 1/);
    expect(v310.checkEventPayload('PRIVATE_THING', ['anything'])).toBeNull();
  });
});
