/** tic-tcp against the TIC simulator (standard mode, three-phase producer, Tempo) over loopback. */
import { afterEach, describe, expect, it } from 'vitest';
import { ticTcpDriver } from '../../../drivers/tic/tic-drivers.js';
import { startTicSim } from '../../../drivers/sim/tic-server.js';
import { waitFor } from '../p1/helpers.js';
import { ManualClock } from '../../support/manual-clock.js';
import { NOON, connectDriver, quietPhysics } from '../sim-rig.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('tic-tcp with the TIC simulator', () => {
  it('reads export, phases and Tempo colours; drops a frame with a bad checksum; goes stale', async () => {
    const clock = new ManualClock(NOON);
    const physics = quietPhysics(clock, 600, 3600);
    physics.start();
    cleanups.push(() => physics.stop());
    const sim = await startTicSim({ physics, clock });
    cleanups.push(() => sim.close());
    const { meter, counter } = await connectDriver(ticTcpDriver, { host: '127.0.0.1', port: sim.port }, clock, sim);
    cleanups.push(() => meter.stop());

    clock.advance(2000);
    await waitFor(() => counter('frames') === 1, 'a frame');
    expect(meter.powerW()).toBe(-3000);
    expect(meter.phases()?.map((p) => p.powerW)).toEqual([null, null, null]);
    expect(meter.phases()?.map((p) => p.voltageV)).toHaveLength(3);
    expect([meter.tempoColourToday(), meter.tempoColourTomorrow(), meter.tariffIndicator()]).toEqual(['blue', 'white', 'HP  BLEU']);
    expect(meter.capabilities).toContain('meterTariffInfo');

    sim.corruptNext(1);
    clock.advance(2000);
    await waitFor(() => counter('crcErrors') === 1, 'the checksum error');
    expect(counter('frames')).toBe(1);

    await sim.close();
    clock.advance(6000);
    expect(meter.health().status).toBe('stale');
    expect(meter.health().lastError).toMatch(/^no valid frame for 8 s: last error /);
    expect(meter.powerW()).toBeNull();
    expect(meter.tempoColourToday()).toBeNull();
  });
});
