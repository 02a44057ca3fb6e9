/**
 * The official schemas: all compile, the OCPP 1.6 (draft-04) files use no
 * keyword whose meaning changed after draft-04, the 2.1 copies are the shared
 * fixtures byte for byte, and violations map to the OCPP-J error codes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OcppSchemas } from '../../../drivers/ocpp/schema-validator.js';

const schemaDir = join(import.meta.dirname, '../../../drivers/ocpp/schemas');
const sharedV21 = join(import.meta.dirname, '../../../../shared/fixtures/ocpp/v21/schemas');
const schemas = new OcppSchemas();

function walk(node: unknown, visit: (key: string, value: unknown) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node)) {
      visit(k, v);
      walk(v, visit);
    }
  }
}

describe('OCPP JSON schemas', () => {
  it('compile for every action of every version', () => {
    expect(() => schemas.compileAll()).not.toThrow();
    expect(schemas.actions('1.6', 'station')).toEqual(expect.arrayContaining(['BootNotification', 'StartTransaction', 'StopTransaction', 'MeterValues', 'Authorize']));
    expect(schemas.actions('2.1', 'csms')).toEqual(expect.arrayContaining(['SetChargingProfile', 'NotifyAllowedEnergyTransfer', 'RequestStartTransaction']));
    expect(schemas.entry('2.1', 'SetChargingProfile')?.source).toBe('official');
    expect(schemas.entry('2.1', 'Heartbeat')?.source).toBe('fallback-2.0.1');
  }, 30_000);

  it('OCPP 1.6 (draft-04) files use no keyword whose meaning changed after draft-04', () => {
    for (const file of readdirSync(join(schemaDir, 'v16'))) {
      const schema = JSON.parse(readFileSync(join(schemaDir, 'v16', file), 'utf8')) as unknown;
      walk(schema, (key, value) => {
        expect(key === 'id' && typeof value === 'string', `${file}: draft-04 "id"`).toBe(false);
        expect((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean', `${file}: boolean ${key}`).toBe(false);
      });
    }
  });

  it.skipIf(!existsSync(sharedV21))('the OCPP 2.1 schemas are the shared fixtures, byte for byte', () => {
    for (const file of readdirSync(join(schemaDir, 'v21'))) {
      const ours = execFileSync('git', ['hash-object', join(schemaDir, 'v21', file)], { encoding: 'utf8' });
      const theirs = execFileSync('git', ['hash-object', join(sharedV21, file)], { encoding: 'utf8' });
      expect(ours, file).toBe(theirs);
    }
  });

  it('map violations to OCPP-J error codes', () => {
    const ts = '2026-01-14T19:00:00Z';
    expect(schemas.validate('2.1', 'StatusNotification', 'request', { timestamp: ts, connectorStatus: 'Available', evseId: 1, connectorId: 1 })).toBeNull();
    expect(schemas.validate('2.1', 'StatusNotification', 'request', { timestamp: ts, connectorStatus: 'Available', evseId: 1, connectorId: 1, x: 1 })?.code).toBe('FormatViolation');
    expect(schemas.validate('2.1', 'StatusNotification', 'request', { timestamp: ts, connectorStatus: 'Open', evseId: 1, connectorId: 1 })?.code).toBe('PropertyConstraintViolation');
    expect(schemas.validate('2.1', 'StatusNotification', 'request', { timestamp: 'yesterday', connectorStatus: 'Available', evseId: 1, connectorId: 1 })?.code).toBe('PropertyConstraintViolation');
    expect(schemas.validate('2.1', 'StatusNotification', 'request', { connectorStatus: 'Available', evseId: 1, connectorId: 1 })?.code).toBe('OccurrenceConstraintViolation');
    expect(schemas.validate('2.1', 'StatusNotification', 'request', { timestamp: ts, connectorStatus: 'Available', evseId: '1', connectorId: 1 })?.code).toBe('TypeConstraintViolation');
    expect(schemas.validate('1.6', 'BootNotification', 'request', { chargePointVendor: 'V'.repeat(21), chargePointModel: 'M' })).toMatchObject({
      code: 'PropertyConstraintViolation',
      description: expect.stringContaining('/chargePointVendor') as unknown,
    });
  });

  it('accept 1.6 decimal limits (multipleOf 0.1) without floating-point false alarms', () => {
    const profile = (limit: number): object => ({
      connectorId: 1,
      csChargingProfiles: { chargingProfileId: 1, stackLevel: 0, chargingProfilePurpose: 'TxProfile', chargingProfileKind: 'Relative', chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit }] } },
    });
    expect(schemas.validate('1.6', 'SetChargingProfile', 'request', profile(3.3))).toBeNull();
    expect(schemas.validate('1.6', 'SetChargingProfile', 'request', profile(7400))).toBeNull();
    expect(schemas.validate('1.6', 'SetChargingProfile', 'request', profile(3.33))?.code).toBe('PropertyConstraintViolation');
  });

  it('validate the 2.1 V2X setpoint profile the hub sends', () => {
    const payload = {
      evseId: 1,
      chargingProfile: {
        id: 7101,
        stackLevel: 1,
        chargingProfilePurpose: 'TxProfile',
        chargingProfileKind: 'Relative',
        transactionId: 'tx-1',
        maxOfflineDuration: 60,
        invalidAfterOfflineDuration: true,
        chargingSchedule: [{ id: 1, chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, operationMode: 'CentralSetpoint', setpoint: -3000, limit: 0, dischargeLimit: -3000 }] }],
      },
    };
    expect(schemas.validate('2.1', 'SetChargingProfile', 'request', payload)).toBeNull();
    // dischargeLimit must not be positive (schema: maximum 0).
    const bad = { ...payload, chargingProfile: { ...payload.chargingProfile, chargingSchedule: [{ id: 1, chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, operationMode: 'CentralSetpoint', setpoint: 1000, dischargeLimit: 500 }] }] } };
    expect(schemas.validate('2.1', 'SetChargingProfile', 'request', bad)?.code).toBe('PropertyConstraintViolation');
    // 2.0.1 has no setpoints.
    expect(schemas.validate('2.0.1', 'SetChargingProfile', 'request', payload)?.code).toBe('FormatViolation');
  });
});
