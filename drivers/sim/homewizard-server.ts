/**
 * Device side of a HomeWizard P1 meter: its local HTTP API v1 on loopback,
 * answering from the simulated home (a Dutch DSMR 5 meter behind it).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SimPhysics } from './physics-types.js';

export interface HomewizardSimOptions {
  readonly physics: SimPhysics;
  readonly host?: string;
  readonly port?: number;
}

export interface HomewizardSimServer {
  readonly port: number;
  /** The next answers: 'json' (normal), 'garbage' (not JSON), 'error' (HTTP 503), 'forbidden' (local API off). */
  nextAnswers(kind: 'garbage' | 'error' | 'forbidden', n: number): void;
  readonly requests: number;
  close(): Promise<void>;
}

export async function startHomewizardSim(opts: HomewizardSimOptions): Promise<HomewizardSimServer> {
  let pending: { kind: 'garbage' | 'error' | 'forbidden'; n: number } | null = null;
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    if (pending !== null && pending.n > 0) {
      pending.n--;
      const kind = pending.kind;
      if (kind === 'garbage') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"active_power_w": 12');
      return void res.writeHead(kind === 'error' ? 503 : 403).end();
    }
    if (req.url === '/api') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ product_type: 'HWE-P1', product_name: 'P1 meter', serial: '3c39e7aabbcc', firmware_version: '4.19', api_version: 'v1' }));
    if (req.url !== '/api/v1/data') return void res.writeHead(404).end();
    const s = opts.physics.state();
    const p = (i: number) => s.phases[i] ?? { powerW: 0, voltageV: 0, currentA: 0 };
    const body = {
      wifi_ssid: 'sim',
      wifi_strength: 100,
      smr_version: 50,
      meter_model: 'ISKRA 2M550T-101',
      unique_id: '4530303434303037313331363530323138',
      active_tariff: 2,
      total_power_import_kwh: Math.floor(s.gridImportWh + 6_500_000) / 1000,
      total_power_export_kwh: Math.floor(s.gridExportWh + 2_466_000) / 1000,
      active_power_w: Math.round(s.gridW),
      active_power_l1_w: Math.round(p(0).powerW),
      active_power_l2_w: Math.round(p(1).powerW),
      active_power_l3_w: Math.round(p(2).powerW),
      active_voltage_l1_v: Math.round(p(0).voltageV * 10) / 10,
      active_voltage_l2_v: Math.round(p(1).voltageV * 10) / 10,
      active_voltage_l3_v: Math.round(p(2).voltageV * 10) / 10,
      active_current_l1_a: Math.round(p(0).currentA),
      active_current_l2_a: Math.round(p(1).currentA),
      active_current_l3_a: Math.round(p(2).currentA),
      any_power_fail_count: 4,
      long_power_fail_count: 1,
      total_gas_m3: 1122.333,
      gas_timestamp: 240621120000,
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get requests() {
      return requests;
    },
    nextAnswers(kind, n) {
      pending = { kind, n };
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
