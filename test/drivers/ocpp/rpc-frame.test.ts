import { describe, expect, it } from 'vitest';
import { canonicalErrorCode, wireErrorCode } from '../../../drivers/ocpp/rpc-error.js';
import { errorFrame, parseFrame } from '../../../drivers/ocpp/rpc-frame.js';

describe('OCPP-J framing', () => {
  it('parses CALL, CALLRESULT and CALLERROR', () => {
    expect(parseFrame('[2,"19223201","BootNotification",{"chargePointVendor":"VendorX","chargePointModel":"SingleSocketCharger"}]')).toEqual({
      ok: true,
      frame: { kind: 'call', id: '19223201', action: 'BootNotification', payload: { chargePointVendor: 'VendorX', chargePointModel: 'SingleSocketCharger' } },
    });
    expect(parseFrame('[3,"19223201",{"status":"Accepted"}]')).toMatchObject({ ok: true, frame: { kind: 'result', payload: { status: 'Accepted' } } });
    expect(parseFrame('[4,"162376037","NotSupported","SetDisplayMessageRequest not implemented",{}]')).toMatchObject({ ok: true, frame: { kind: 'error', code: 'NotSupported' } });
  });

  it('describes what is wrong instead of throwing', () => {
    expect(parseFrame('not json')).toMatchObject({ ok: false, id: null, code: 'RpcFrameworkError' });
    expect(parseFrame('{"a":1}')).toMatchObject({ ok: false, id: null, code: 'RpcFrameworkError' });
    expect(parseFrame('[2,17,"Heartbeat",{}]')).toMatchObject({ ok: false, id: null, code: 'RpcFrameworkError' });
    expect(parseFrame(`[2,"${'x'.repeat(37)}","Heartbeat",{}]`)).toMatchObject({ ok: false, id: null });
    expect(parseFrame('[2,"a","Heartbeat",[]]')).toMatchObject({ ok: false, id: 'a', code: 'FormatViolation' });
    expect(parseFrame('[2,"a","Heartbeat"]')).toMatchObject({ ok: false, id: 'a', code: 'FormatViolation' });
    expect(parseFrame('[7,"a",{}]')).toMatchObject({ ok: false, id: 'a', code: 'MessageTypeNotSupported' });
  });

  it('spells error codes as each version does on the wire', () => {
    expect(wireErrorCode('1.6', 'FormatViolation')).toBe('FormationViolation');
    expect(wireErrorCode('1.6', 'OccurrenceConstraintViolation')).toBe('OccurenceConstraintViolation');
    expect(wireErrorCode('2.0.1', 'FormatViolation')).toBe('FormatViolation');
    expect(wireErrorCode('2.1', 'RpcFrameworkError')).toBe('RpcFrameworkError');
    expect(canonicalErrorCode('FormationViolation')).toBe('FormatViolation');
    expect(canonicalErrorCode('OccurenceConstraintViolation')).toBe('OccurrenceConstraintViolation');
    expect(canonicalErrorCode('SomethingElse')).toBe('GenericError');
  });

  it('limits a CALLERROR description to 255 characters', () => {
    const frame = JSON.parse(errorFrame('1', 'GenericError', 'x'.repeat(400))) as unknown[];
    expect((frame[3] as string).length).toBe(255);
  });
});
