/** sml-tcp against the SML simulator over loopback. */
import { afterEach, describe, expect, it } from 'vitest';
import { smlTcpDriver } from '../../../drivers/sml/sml-drivers.js';
import { startSmlSim } from '../../../drivers/sim/sml-server.js';
import { waitFor } from '../p1/helpers.js';
import { ManualClock } from '../../support/manual-clock.js';
import { NOON, connectDriver, quietPhysics } from '../sim-rig.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('sml-tcp with the SML simulator', () => {
  it('reads power and phases, counts a CRC error, keeps the values', async () => {
    const clock = new ManualClock(NOON);
    const physics = quietPhysics(clock, 4200, 0);
    physics.start();
    cleanups.push(() => physics.stop());
    const sim = await startSmlSim({ physics, clock });
    cleanups.push(() => sim.close());
    const { meter, counter } = await connectDriver(smlTcpDriver, { host: '127.0.0.1', port: sim.port }, clock, sim);
    cleanups.push(() => meter.stop());

    clock.advance(1000);
    await waitFor(() => counter('frames') === 1, 'a file');
    expect(meter.powerW()).toBe(4200);
    expect(meter.phases()?.map((p) => p.powerW)).toEqual([1400, 1400, 1400]);
    expect(meter.capabilities).not.toContain('meterTariffInfo');
    sim.corruptNext(1);
    clock.advance(1000);
    await waitFor(() => counter('crcErrors') === 1, 'the CRC error');
    expect(meter.powerW()).toBe(4200);
    expect(meter.health().lastError).toMatch(/^SML CRC mismatch/);
  });
});
