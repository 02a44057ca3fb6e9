import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Holder } from '../../../main/common/holder.js';
import { silentLogger } from '../../../main/common/log.js';
import type { TariffSchedule } from '../../../main/common/tariff.js';
import { noTariffInputs } from '../../../main/common/tariff-inputs.js';
import type { TariffInputs } from '../../../main/common/tariff-inputs.js';
import { dayAheadUrls, fetchDayAhead } from '../../../main/tariffs/day-ahead-fetch.js';
import { tariffConfigSchema } from '../../../main/tariffs/tariff-config.js';
import { TariffService } from '../../../main/tariffs/tariff-service.js';
import { fixture } from './fixtures.js';
import { ManualClock } from '../../support/manual-clock.js';

function service(config: object, startIso: string): { svc: TariffService; clock: ManualClock; out: Holder<TariffSchedule | null>; inputs: Holder<TariffInputs>; sets: number[] } {
  const clock = new ManualClock(Date.parse(startIso));
  const out = new Holder<TariffSchedule | null>(null);
  const inputs = new Holder<TariffInputs>(noTariffInputs);
  const sets: number[] = [];
  out.onChange(() => sets.push(clock.now()));
  const svc = new TariffService({ config: tariffConfigSchema.parse(config), timeZone: 'Europe/Amsterdam', clock, log: silentLogger, inputs, output: out });
  return { svc, clock, out, inputs, sets };
}

describe('tariff service', () => {
  it('publishes a schedule at start, again when prices arrive, and not when nothing changed', () => {
    const { svc, clock, out, sets } = service({ preset: 'nl-dynamic' }, '2025-09-30T22:03:00Z');
    svc.start();
    expect(out.get()?.slots[0]?.source).toBe('fallback');
    expect(sets).toHaveLength(1);
    expect(svc.loadText(fixture('entsoe/a44-nl-15min-a03.xml'), 'sample')).toBe(8);
    expect(out.get()?.slots[0]).toMatchObject({ startMs: Date.parse('2025-09-30T22:00:00Z'), source: 'dayahead' });
    expect(out.get()?.slots[0]?.importPerKWh).toBeCloseTo((0.0984 + 0.02 + 0.10154) * 1.21, 6);
    expect(sets).toHaveLength(2);
    svc.rebuild();
    expect(sets).toHaveLength(2);
    // A new quarter starts: the schedule moves on.
    clock.advance(15 * 60_000);
    expect(sets).toHaveLength(3);
    expect(out.get()?.slots[0]?.startMs).toBe(Date.parse('2025-09-30T22:15:00Z'));
    svc.stop();
  });

  it('converts prices in another currency with the configured rate, and refuses without one', () => {
    const without = service({ preset: 'no-elvia' }, '2026-02-02T23:00:00Z');
    expect(without.svc.loadText(fixture('entsoe/a44-nl-15min-a03.xml'), 'eur doc')).toBe(0);
    const withRate = service({ preset: 'no-elvia', dayAhead: { exchangeRates: { EUR: 11.5 } } }, '2025-09-30T22:00:00Z');
    withRate.svc.start();
    withRate.svc.loadText(fixture('entsoe/a44-nl-15min-a03.xml'), 'eur doc');
    expect(withRate.svc.series.at(Date.parse('2025-09-30T22:00:00Z'))?.perKWh).toBeCloseTo(0.0984 * 11.5, 9);
    withRate.svc.stop();
  });

  it('re-publishes when a utility pushes a curve', () => {
    const { svc, inputs, out } = service({ preset: 'custom', params: { importPerKWh: 0.3 } }, '2026-03-10T10:00:00Z');
    svc.start();
    const start = Date.parse('2026-03-10T10:00:00Z');
    inputs.set({ ...noTariffInputs, utilityCurves: [{ id: 'u/1', issuer: 'u', source: 'mqtt', basis: 'all-in', currency: 'EUR', slots: [{ startMs: start, endMs: start + 900_000, importPerKWh: 0.9, exportPerKWh: null }], receivedMs: start }] });
    expect(out.get()?.slots[0]).toMatchObject({ importPerKWh: 0.9, source: 'utility' });
    expect(out.get()?.slots[1]).toMatchObject({ importPerKWh: 0.3, source: 'fixed' });
    svc.stop();
  });
});

describe('day-ahead fetch', () => {
  let close: (() => void) | null = null;
  afterEach(() => close?.());

  it('asks ENTSO-E for document type A44 of the zone and reads the answer', async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/xml' }).end(fixture('entsoe/a44-nl-15min-a03.xml'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    close = () => server.close();
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
    const config = { provider: 'entsoe' as const, token: 'secret-token', area: '10YNL----------L', baseUrl };
    const docs = await fetchDayAhead(config, Date.parse('2025-09-30T00:00:00Z'), 2, silentLogger);
    expect(docs).toHaveLength(1);
    expect(docs[0]?.points).toHaveLength(8);
    const q = new URL(seen[0] ?? '', 'http://x').searchParams;
    expect(Object.fromEntries(q)).toMatchObject({ documentType: 'A44', in_Domain: '10YNL----------L', out_Domain: '10YNL----------L', periodStart: '202509300000', periodEnd: '202510020000', securityToken: 'secret-token' });
  });

  it('asks Nord Pool per delivery day, and lives with an unreachable server', async () => {
    const urls = dayAheadUrls({ provider: 'nordpool', area: 'NO1', currency: 'NOK', baseUrl: 'https://example.invalid/api/DayAheadPrices' }, Date.parse('2026-02-02T23:00:00Z'), 2);
    expect(urls.map((u) => new URL(u).searchParams.get('date'))).toEqual(['2026-02-03', '2026-02-04']);
    const docs = await fetchDayAhead({ provider: 'nordpool', area: 'NO1', currency: 'NOK', baseUrl: 'http://127.0.0.1:9/api' }, Date.now(), 1, silentLogger);
    expect(docs).toEqual([]);
  });
});
