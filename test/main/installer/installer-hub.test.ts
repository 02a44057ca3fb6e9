/**
 * The commissioning wizard through the hub's HTTP API on the simulated home:
 * installer routes need a session; the steps answer with error codes naming
 * the key; saving writes a valid, versioned config atomically; the report is
 * served as HTML and PDF; reconfiguring starts from what was saved.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installerSessionHeader } from '../../../main/common/auth.js';
import type { InstallerLogin } from '../../../main/common/auth.js';
import type { FlowView, InstallerCatalog, RevisionInfo, StepSubmission } from '../../../main/common/installer.js';
import { loadConfigFile } from '../../../main/hub/config.js';
import type { Hub } from '../../../main/hub/hub.js';
import { startTestHub } from '../../integration/hub-harness.js';

let hub: Hub;
let session = '';

async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(new URL(path, hub.url), {
    method,
    headers: { 'content-type': 'application/json', [installerSessionHeader]: session },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, body: (type.startsWith('application/json') ? await res.json() : await res.text()) as T };
}

async function submit(flow: FlowView, sub: StepSubmission): Promise<FlowView> {
  const r = await api<FlowView>('POST', '/api/installer/flow', { flowId: flow.flowId, ...sub });
  expect(r.status).toBe(200);
  return r.body;
}

beforeAll(async () => {
  hub = await startTestHub({ speed: 10, simStartIso: '2025-06-21T12:00:00+02:00' });
});

afterAll(async () => {
  await hub.stop();
});

describe('commissioning through the API', () => {
  it('keeps every wizard route behind an installer session', async () => {
    expect((await api('GET', '/api/installer/catalog')).status).toBe(403);
    expect((await api('POST', '/api/installer/flow/start', { reconfigure: false })).status).toBe(403);
    expect((await api('POST', '/api/installer/scan', { targets: ['127.0.0.1'] })).status).toBe(403);
    const login = await api<InstallerLogin>('POST', '/api/installer/pin', { pin: '482913' });
    expect(login.status).toBe(200);
    session = login.body.session;
    const catalog = await api<InstallerCatalog>('GET', '/api/installer/catalog');
    expect(catalog.status).toBe(200);
    // Every driver type of the registry, with fields from its schema.
    const p1 = catalog.body.drivers.find((d) => d.type === 'p1-tcp');
    expect(p1?.roles).toEqual(['grid']);
    expect(p1?.fields.filter((f) => f.required).map((f) => f.key)).toEqual(['host', 'port']);
    expect(catalog.body.drivers.find((d) => d.type === 'quasar')?.probe).toBe('status');
    expect(catalog.body.tariffPresets?.map((p) => p.id)).toContain('nl-dynamic');
    expect(catalog.body.scan.suggestedTargets[0]).toBe('127.0.0.1');
  });

  it('walks the steps with typed errors, saves a valid config and serves the report', async () => {
    let flow = (await api<FlowView>('POST', '/api/installer/flow/start', { reconfigure: false })).body;
    expect(flow.step).toBe('devices');
    // Skipping ahead is refused.
    flow = await submit(flow, { step: 'site', input: { phases: 3, fuseA: 25, voltageV: 230, exportLimitW: null, timeZone: 'Europe/Amsterdam' } });
    expect(flow.errors.base?.code).toBe('step_order');

    flow = await submit(flow, { step: 'devices', input: { grid: '', pv: 'p1-tcp', battery: 'sunspec-battery', charger: 'nope' } });
    expect(flow.errors).toMatchObject({ grid: { code: 'grid_required' }, pv: { code: 'wrong_role' }, charger: { code: 'unknown_type' } });
    flow = await submit(flow, { step: 'devices', input: { grid: 'p1-tcp', pv: 'sunspec-inverter', battery: 'sunspec-battery', charger: 'quasar' } });
    expect(flow.step).toBe('scan');
    flow = await submit(flow, { step: 'scan', input: {} });
    expect(flow.step).toBe('connection');

    const sim = flow.data.connection?.devices ?? {};
    // A bad port names the key; the inverter's address given to the battery is one device in two roles.
    flow = await submit(flow, { step: 'connection', input: { devices: { ...sim, grid: { host: '127.0.0.1', port: 70000 }, battery: sim.pv ?? {} } } });
    expect(flow.errors['grid.port']?.code).toBe('invalid');
    expect(flow.errors['grid.port']?.detail).toMatch(/^grid\.port: /);
    expect(flow.errors.battery?.code).toBe('already_configured');
    flow = await submit(flow, { step: 'connection', input: { devices: { ...sim, grid: { ...sim.grid, bogus: 1 } } } });
    expect(Object.keys(flow.errors)).toContain('grid');
    flow = await submit(flow, { step: 'connection', input: { devices: sim } });
    expect(flow.step).toBe('probe');

    for (let i = 0; i < 100 && (flow.probe.length === 0 || flow.probe.some((p) => p.state === 'running')); i++) {
      await new Promise((r) => setTimeout(r, 100));
      flow = (await api<FlowView>('GET', '/api/installer/flow')).body;
    }
    // The devices the hub runs are read from it (no second connection), with identity.
    expect(flow.probe.map((p) => [p.role, p.state, p.source])).toEqual([
      ['grid', 'ok', 'live'],
      ['pv', 'ok', 'live'],
      ['battery', 'ok', 'live'],
      ['charger', 'ok', 'live'],
    ]);
    expect(flow.probe[1]?.identity?.serial).toBe('SIM-INV-0001');
    flow = await submit(flow, { step: 'probe', input: {} });
    expect(flow.step).toBe('sign_check');
    flow = await submit(flow, { step: 'sign_check', input: {} });
    expect(flow.errors.base?.code).toBe('check_required');
    flow = await submit(flow, { step: 'sign_check', input: { skip: true } });
    expect(flow.step).toBe('site');

    flow = await submit(flow, { step: 'site', input: { phases: 3, fuseA: 2, voltageV: 230, exportLimitW: null, timeZone: 'Mars/Olympus' } });
    expect(flow.errors['site.fuseA']).toMatchObject({ code: 'invalid', detail: 'site.fuseA: Too small: expected number to be >=6' });
    expect(flow.errors['site.timeZone']?.detail).toMatch(/IANA time zone/);
    flow = await submit(flow, { step: 'site', input: { phases: 1, fuseA: 40, voltageV: 230, exportLimitW: 0, timeZone: 'Europe/Oslo' } });
    expect(flow.step).toBe('battery_car');
    const bc = flow.data.batteryCar;
    if (bc === undefined) throw new Error('battery and car defaults expected');
    flow = await submit(flow, { step: 'battery_car', input: { ...bc, car: { ...bc.car, minSocPct: 50, targetSocPct: 40 } } });
    expect(flow.errors['car.targetSocPct']?.code).toBe('invalid');
    flow = await submit(flow, { step: 'battery_car', input: { ...bc, reserveSocPct: 20, car: { ...bc.car, v2g: true } } });
    flow = await submit(flow, { step: 'tariff', input: { preset: 'xx-none' } });
    expect(flow.errors.preset?.code).toBe('unknown_preset');
    flow = await submit(flow, { step: 'tariff', input: { preset: 'no-elvia' } });
    expect(flow.step).toBe('summary');
    flow = await submit(flow, { step: 'summary', input: {} });
    expect(flow.step).toBe('done');
    expect(flow.saved).toMatchObject({ revision: 1, restartRequired: true, simulatedDevices: ['meter', 'inverter', 'battery', 'wallbox'] });

    // No --config: the data folder's hub.json, which the hub loads next time.
    const file = join(hub.context.dataDir, 'hub.json');
    expect(flow.saved?.configFile).toBe(file);
    const saved = loadConfigFile(file);
    expect(saved).toMatchObject({ version: 1, site: { phases: 1, fuseA: 40, exportLimitW: 0, timeZone: 'Europe/Oslo' }, battery: { reserveSocPct: 20 }, car: { v2g: true }, tariff: { preset: 'no-elvia' } });
    // The simulated home adds its own devices at start; writing them would give each role twice.
    expect(saved.devices).toEqual([]);
    expect(saved.simulation.enabled).toBe(true);
    expect((await readFile(file, 'utf8')).endsWith('}\n')).toBe(true);

    const revisions = await api<RevisionInfo[]>('GET', '/api/installer/revisions');
    expect(revisions.body.map((r) => r.revision)).toEqual([1]);
    const html = await api<string>('GET', '/api/installer/report?revision=1&format=html&lang=nb');
    expect(html.status).toBe(200);
    expect(html.body).toContain('Idriftsettingsrapport');
    expect(html.body).toContain('40 A');
    const pdf = await fetch(new URL('/api/installer/report?revision=1&format=pdf', hub.url));
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe('attachment; filename="scale-hub-commissioning-1.pdf"');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect((await api('GET', '/api/installer/report?revision=9')).status).toBe(404);
  });

  it('reconfigures from the saved config, and saves a new revision', async () => {
    let flow = (await api<FlowView>('POST', '/api/installer/flow/start', { reconfigure: true })).body;
    expect(flow.reconfigure).toBe(true);
    expect(flow.data.site).toMatchObject({ phases: 1, fuseA: 40, timeZone: 'Europe/Oslo' });
    expect(flow.data.tariff?.preset).toBe('no-elvia');
    expect(flow.data.devices).toEqual({ grid: 'p1-tcp', pv: 'sunspec-inverter', battery: 'sunspec-battery', charger: 'quasar' });
    // A submission for an older flow is refused.
    const stale = await api('POST', '/api/installer/flow', { flowId: 'old', step: 'devices', input: { grid: 'p1-tcp', pv: null, battery: null, charger: null } });
    expect(stale.status).toBe(400);
    for (const step of ['devices', 'scan', 'connection'] as const) {
      const input = step === 'devices' ? flow.data.devices : step === 'connection' ? flow.data.connection : {};
      flow = await submit(flow, { step, input } as StepSubmission);
    }
    flow = await submit(flow, { step: 'probe', input: {} });
    for (let i = 0; i < 100 && flow.step === 'probe'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      flow = await submit(flow, { step: 'probe', input: {} });
    }
    flow = await submit(flow, { step: 'sign_check', input: { skip: true } });
    const { site, batteryCar } = flow.data;
    if (site === undefined || batteryCar === undefined) throw new Error('prefilled data expected');
    flow = await submit(flow, { step: 'site', input: { ...site, fuseA: 50 } });
    flow = await submit(flow, { step: 'battery_car', input: batteryCar });
    flow = await submit(flow, { step: 'tariff', input: { preset: 'no-elvia' } });
    flow = await submit(flow, { step: 'summary', input: {} });
    expect(flow.saved?.revision).toBe(2);
    expect(loadConfigFile(join(hub.context.dataDir, 'hub.json')).site.fuseA).toBe(50);
    // The previous file is kept beside it.
    expect(loadConfigFile(join(hub.context.dataDir, 'hub.json.bak')).site.fuseA).toBe(40);
  });

  it('scans loopback through the hub, reading the running Modbus devices over its own connection', async () => {
    const started = await api<{ state: string }>('POST', '/api/installer/scan', { targets: ['127.0.0.1'] });
    expect(started.body.state).toBe('running');
    const bad = await api<{ error: { message: string } }>('POST', '/api/installer/scan', { targets: ['10.0.0.0/8'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/at most a \/24/);
    let view = started.body as { state: string; hits?: { kind: string; inUseBy: string | null }[] };
    for (let i = 0; i < 150 && view.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      view = (await api<typeof view>('GET', '/api/installer/scan')).body;
    }
    expect(view.state).toBe('done');
    const kinds = (view.hits ?? []).map((h) => `${h.kind}:${h.inUseBy ?? ''}`).sort();
    expect(kinds).toEqual(['p1:meter', 'quasar:wallbox', 'sunspec:battery', 'sunspec:inverter']);
  });
});
