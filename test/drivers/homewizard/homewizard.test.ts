/** The HomeWizard P1 driver against the HTTP simulator on loopback, and the API's fields. */
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/common/log.js';
import { homewizardDataSchema, homewizardReading } from '../../../drivers/homewizard/homewizard-data.js';
import { homewizardP1Driver } from '../../../drivers/homewizard/homewizard-p1.js';
import type { HomewizardP1 } from '../../../drivers/homewizard/homewizard-p1.js';
import { startHomewizardSim } from '../../../drivers/sim/homewizard-server.js';
import type { ModbusPool } from '../../../drivers/transports/modbus-types.js';
import { waitFor } from '../p1/helpers.js';
import { ManualClock } from '../../support/manual-clock.js';
import { NOON, quietPhysics } from '../sim-rig.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('homewizard-p1', () => {
  it('polls the local API, survives garbage and errors, goes stale when the dongle is gone', async () => {
    const clock = new ManualClock(NOON);
    const physics = quietPhysics(clock, 900, 3000);
    physics.start();
    cleanups.push(() => physics.stop());
    clock.advance(1000);
    const sim = await startHomewizardSim({ physics });
    cleanups.push(() => sim.close());
    const config = homewizardP1Driver.configSchema.parse({ host: '127.0.0.1', port: sim.port });
    const m = homewizardP1Driver.create({ ...config, id: 'grid', role: 'grid', type: 'homewizard-p1' }, { clock, log: silentLogger, modbus: {} as ModbusPool }) as HomewizardP1;
    cleanups.push(() => m.stop());
    const count = (n: string): number => m.health().counters[n] ?? 0;
    await m.start();
    await waitFor(() => count('polls') === 1, 'a poll');
    expect(m.powerW()).toBe(-2100);
    expect(m.phases()?.map((p) => p.powerW)).toEqual([-700, -700, -700]);
    expect(m.tariffIndicator()).toBe('2');
    expect(m.latest()?.meterId).toBe('E0044007131650218');

    sim.nextAnswers('garbage', 1);
    clock.advance(1000);
    await waitFor(() => count('parseErrors') === 1, 'the parse error');
    expect(m.health().lastError).toBe('answer is not JSON: "{\\"active_power_w\\": 12"');
    sim.nextAnswers('forbidden', 1);
    clock.advance(1000);
    await waitFor(() => count('errors') === 2, 'the HTTP error');
    expect(m.health().lastError).toMatch(/HTTP 403: enable "Local API"/);
    clock.advance(1000);
    await waitFor(() => count('polls') === 2, 'recovery');

    await sim.close();
    clock.advance(6000);
    await waitFor(() => m.health().status === 'stale', 'stale');
    expect(m.powerW()).toBeNull();
  });

  it('maps the Belgian capacity fields and rejects a field of the wrong type', () => {
    const d = homewizardDataSchema.parse({ active_power_w: 500, active_power_average_w: 1234, montly_power_peak_w: 4321, montly_power_peak_timestamp: 230101080010, total_power_import_kwh: 13779.338 });
    const r = homewizardReading(d);
    expect(r.tariff).toMatchObject({ capacity15MinAverageW: 1234, monthPeakW: 4321, monthPeakTs: Date.UTC(2023, 0, 1, 7, 0, 10) });
    expect(r.energyImportWh).toBe(13_779_338);
    expect(homewizardDataSchema.safeParse({ active_power_w: '500' }).success).toBe(false);
  });
});
