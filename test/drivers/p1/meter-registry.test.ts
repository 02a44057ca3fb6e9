/** Every meter driver is in the registry table, validates its keys by name and creates a device with the right capabilities. */
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/common/log.js';
import { createDevice, findDriver } from '../../../drivers/registry.js';
import type { ModbusPool } from '../../../drivers/transports/modbus-types.js';
import { ManualClock } from '../../support/manual-clock.js';

const ctx = { clock: new ManualClock(0), log: silentLogger, modbus: { unit: () => { throw new Error('not in this test'); }, close: () => Promise.resolve() } as unknown as ModbusPool };

const examples: Record<string, { config: Record<string, unknown>; capabilities: string[] }> = {
  'p1-tcp': { config: { host: 'p1.local', port: 8088 }, capabilities: ['energyMeter', 'meterTariffInfo', 'phaseMeter', 'powerMeter'] },
  'p1-serial': { config: { path: '/dev/ttyUSB0' }, capabilities: ['energyMeter', 'meterTariffInfo', 'phaseMeter', 'powerMeter'] },
  'homewizard-p1': { config: { host: '192.168.1.9' }, capabilities: ['energyMeter', 'meterTariffInfo', 'phaseMeter', 'powerMeter'] },
  'han-tcp': { config: { host: 'han.local', port: 3001, key: '00112233445566778899AABBCCDDEEFF' }, capabilities: ['energyMeter', 'phaseMeter', 'powerMeter'] },
  'han-serial': { config: { path: '/dev/ttyUSB0', parity: 'none' }, capabilities: ['energyMeter', 'phaseMeter', 'powerMeter'] },
  'tic-tcp': { config: { host: 'tic.local', port: 3002 }, capabilities: ['energyMeter', 'meterTariffInfo', 'phaseMeter', 'powerMeter'] },
  'tic-serial': { config: { path: '/dev/ttyAMA0', baudRate: 9600 }, capabilities: ['energyMeter', 'meterTariffInfo', 'phaseMeter', 'powerMeter'] },
  'sml-tcp': { config: { host: 'ir.local', port: 8888 }, capabilities: ['energyMeter', 'phaseMeter', 'powerMeter'] },
  'sml-serial': { config: { path: '/dev/ttyUSB1' }, capabilities: ['energyMeter', 'phaseMeter', 'powerMeter'] },
  'mqtt-meter': { config: { url: 'mqtt://broker:1883', values: { powerW: { topic: 'm/p' } } }, capabilities: ['energyMeter', 'phaseMeter', 'powerMeter'] },
  'modbus-meter': { config: { template: 'carlo-gavazzi-em24', host: 'em24.local', port: 502 }, capabilities: ['energyMeter', 'phaseMeter', 'powerMeter'] },
};

describe('meter drivers in the registry', () => {
  for (const [type, ex] of Object.entries(examples)) {
    it(`${type}: registered, creates a grid meter`, () => {
      expect(findDriver(type)?.roles).toContain('grid');
      const device = createDevice({ id: 'meter', role: 'grid', type, ...ex.config }, ctx, 'devices[0]');
      expect(device.type).toBe(type);
      expect([...device.capabilities].sort()).toEqual(ex.capabilities);
      expect(device.health().status).toBe('connecting');
    });
  }

  it('names the key and the expected form on a bad config', () => {
    expect(() => createDevice({ id: 'meter', role: 'grid', type: 'tic-serial', path: '/dev/ttyAMA0', dataBits: 9 }, ctx, 'devices[0]')).toThrow(/^devices\[0\]\.dataBits: /);
    expect(() => createDevice({ id: 'meter', role: 'grid', type: 'han-tcp', host: 'h', port: 1, key: 'nothex' }, ctx, 'devices[0]')).toThrow('devices[0].key: expected 32 hex digits (a 128-bit key)');
    expect(() => createDevice({ id: 'meter', role: 'grid', type: 'modbus-meter', template: 'eastron-sdm630' }, ctx, 'devices[0]')).toThrow('devices[0].host: expected either host (Modbus TCP) or serial (Modbus RTU)');
  });
});
