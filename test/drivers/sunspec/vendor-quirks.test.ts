/** The vendor table: matching by model 1's manufacturer, the endpoints to probe, and the config override. */
import { afterEach, describe, expect, it } from 'vitest';
import { sunspecBatteryConfigSchema } from '../../../drivers/sunspec/battery-driver.js';
import { probeCandidates, quirkFor, vendorQuirks } from '../../../drivers/sunspec/vendor-quirks.js';
import { waitFor } from './helpers.js';
import { simSetup, startBattery, type Cleanups } from './sim-setup.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('SunSpec vendor quirks', () => {
  it('matches the manufacturer strings devices put in model 1', () => {
    expect(quirkFor('SMA Solar Technology AG')?.id).toBe('sma');
    expect(quirkFor('SMA')?.id).toBe('sma');
    expect(quirkFor('Fronius')?.id).toBe('fronius');
    expect(quirkFor('KOSTAL Solar Electric GmbH')?.id).toBe('kostal');
    expect(quirkFor('SolarEdge ')?.id).toBe('solaredge');
    expect(quirkFor('SMAX Energy')).toBeUndefined(); // a word, not a prefix
    expect(quirkFor('SCALE Hub')).toBeUndefined();
    expect(quirkFor(null)).toBeUndefined();
    // Every entry says where to look and why.
    for (const q of vendorQuirks) {
      expect(q.endpoints.length, q.id).toBeGreaterThan(0);
      expect(q.notes.length + (q.notSunSpec === undefined ? 0 : 1), q.id).toBeGreaterThan(0);
    }
  });

  it('lists each port and unit id once, with the vendors that use it', () => {
    const c = probeCandidates();
    expect(c).toContainEqual({ port: 1502, unitId: 71, vendors: ['KOSTAL'] });
    expect(c).toContainEqual({ port: 502, unitId: 126, vendors: ['SMA'] });
    expect(c.find((x) => x.port === 502 && x.unitId === 1)?.vendors).toEqual(['Fronius', 'SolarEdge', 'Huawei', 'Sungrow']);
    expect(new Set(c.map((x) => `${x.port}/${x.unitId}`)).size).toBe(c.length);
  });

  it('can be forced or switched off in the config', async () => {
    expect(() => sunspecBatteryConfigSchema.parse({ host: 'x', vendor: 'acme' })).toThrow(/vendor/);
    // A Fronius-style battery that does not say "Fronius" in model 1: the installer names the vendor.
    const s = await simSetup(cleanups, { batteryProfile: '124' });
    const forced = await startBattery(cleanups, s, { vendor: 'fronius' });
    s.physics.current.battery.powerW = 900;
    await waitFor('power from the Fronius modules', () => forced.powerW() === 900, 3000);
    // An SMA whose 802 reserve does work after a firmware update: switch the table off.
    const t = await simSetup(cleanups, { batteryProfile: '802', manufacturer: 'SMA' });
    const plain = await startBattery(cleanups, t, { vendor: 'none' });
    expect(plain.quirk()).toBeUndefined();
    expect(plain.controlPath()?.path).toBe('802');
  });
});
