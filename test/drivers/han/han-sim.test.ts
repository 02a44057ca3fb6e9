/**
 * han-tcp against the HAN simulator over loopback: short and full lists
 * merged, FCS errors dropped and counted, encryption with and without the
 * authentication key, and a wrong key reported as such.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/common/log.js';
import { hanTcpDriver } from '../../../drivers/han/han-drivers.js';
import type { StreamMeter } from '../../../drivers/p1/stream-meter.js';
import { startHanSim } from '../../../drivers/sim/han-server.js';
import { HomePhysics } from '../../../drivers/sim/physics.js';
import type { ModbusPool } from '../../../drivers/transports/modbus-types.js';
import { waitFor } from '../p1/helpers.js';
import { ManualClock } from '../../support/manual-clock.js';

const NOON = Date.UTC(2024, 5, 21, 10, 0);
const KEY = '000102030405060708090A0B0C0D0E0F';
const AK = 'D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function rig(keys: { sim?: { encryptionKey: Buffer; authenticationKey: Buffer | null }; driver?: { key?: string; authKey?: string } }) {
  const clock = new ManualClock(NOON);
  const physics = new HomePhysics(clock, { seed: 3, startMs: clock.now() });
  physics.setBatteryCommandW(0);
  physics.setCarPluggedIn(false);
  physics.setLoadOverrideW(3000);
  physics.setPvOverrideW(0);
  physics.start();
  cleanups.push(() => physics.stop());
  const sim = await startHanSim({ physics, clock, ...(keys.sim === undefined ? {} : { keys: keys.sim }) });
  cleanups.push(() => sim.close());
  const config = hanTcpDriver.configSchema.parse({ host: '127.0.0.1', port: sim.port, ...keys.driver });
  const meter = hanTcpDriver.create({ ...config, id: 'grid', role: 'grid', type: 'han-tcp' }, { clock, log: silentLogger, modbus: {} as ModbusPool }) as StreamMeter;
  cleanups.push(() => meter.stop());
  await meter.start();
  await waitFor(() => sim.clientCount === 1, 'the driver to connect');
  const counter = (name: string): number => meter.health().counters[name] ?? 0;
  return { clock, physics, sim, meter, counter };
}

describe('han-tcp with the HAN simulator', () => {
  it('merges list 1 and list 2, and drops frames with a bad FCS', async () => {
    const { clock, sim, meter, counter } = await rig({});
    clock.advance(2000);
    await waitFor(() => counter('frames') === 1, 'list 1');
    expect(meter.powerW()).toBe(3000);
    expect(meter.phases()).toBeNull();
    clock.advance(8000);
    await waitFor(() => counter('frames') === 5, 'list 2');
    expect(meter.phases()?.map((p) => p.powerW)).toEqual([1000, 1000, 1000]);
    expect(meter.energyImportWh()).toBeGreaterThan(12_000_000);
    sim.corruptNext(1);
    clock.advance(2000);
    await waitFor(() => counter('crcErrors') === 1, 'the FCS error');
    expect(counter('frames')).toBe(5);
    clock.advance(2000);
    await waitFor(() => counter('frames') === 6, 'the next list 1');
    // List 1 carries power only; phases and energy are still those of the last full list.
    expect(meter.powerW()).toBe(3000);
    expect(meter.phases()).toHaveLength(3);
    expect(meter.health().status).toBe('ok');
  });

  it('decrypts AES-128-GCM frames and checks their tag with the authentication key', async () => {
    const { clock, meter, counter } = await rig({ sim: { encryptionKey: Buffer.from(KEY, 'hex'), authenticationKey: Buffer.from(AK, 'hex') }, driver: { key: KEY, authKey: AK } });
    clock.advance(10_000);
    await waitFor(() => counter('frames') === 5, 'five lists');
    expect(meter.powerW()).toBe(3000);
    expect(counter('decryptErrors')).toBe(0);
  });

  it('reports a wrong key as a decryption error, never as a reading', async () => {
    const wrong = KEY.replace('0F', '00');
    const { clock, meter, counter } = await rig({ sim: { encryptionKey: Buffer.from(KEY, 'hex'), authenticationKey: Buffer.from(AK, 'hex') }, driver: { key: wrong, authKey: AK } });
    clock.advance(4000);
    await waitFor(() => counter('decryptErrors') === 2, 'two decryption errors');
    expect(counter('frames')).toBe(0);
    expect(meter.health()).toMatchObject({ status: 'error', lastError: 'authentication tag mismatch: wrong key or damaged frame' });
    clock.advance(4000);
    expect(meter.health().lastError).toMatch(/^no frame received in 8 s since start|authentication tag mismatch/);
  });

  it('says a key is missing when the meter encrypts', async () => {
    const { clock, meter, counter } = await rig({ sim: { encryptionKey: Buffer.from(KEY, 'hex'), authenticationKey: null } });
    clock.advance(2000);
    await waitFor(() => counter('decryptErrors') === 1, 'the decryption error');
    expect(meter.health().lastError).toBe('encrypted frame (general-glo-ciphering) but no key configured');
  });

  it('validates keys by name', () => {
    const r = hanTcpDriver.configSchema.safeParse({ host: 'h', port: 1, key: 'abc' });
    expect(r.success).toBe(false);
    if (!r.success) expect(`${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}`).toBe('key: expected 32 hex digits (a 128-bit key)');
  });
});
