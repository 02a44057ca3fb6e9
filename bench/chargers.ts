/**
 * Charger benchmark: setpoint round-trip time on loopback, from the driver's
 * setChargerPowerW() call to the device's acknowledgement, for the two ways
 * the hub reaches a bidirectional charger:
 * - Modbus TCP: the Quasar driver writing its power register (0x104) to the
 *   simulated Quasar (one write request and its response);
 * - OCPP 2.1: the OCPP driver sending a SetChargingProfile (CentralSetpoint)
 *   through the hub's CSMS to the simulated station, both sides validating
 *   the message against the official schemas, and the CALLRESULT coming back.
 * Setpoints alternate between two values beyond every deadband, so each call
 * costs exactly one exchange. Usage: npx tsx bench/chargers.ts [--n 1000]
 */
import { CsmsServer } from '../drivers/ocpp/csms-server.js';
import { OcppCharger } from '../drivers/ocpp/ocpp-charger.js';
import { ocppChargerSettings } from '../drivers/ocpp/ocpp-config.js';
import { ocppHubConfigSchema } from '../drivers/ocpp/ocpp-hub-config.js';
import { startOcppStationSim } from '../drivers/sim/ocpp-station-sim.js';
import { HomePhysics } from '../drivers/sim/physics.js';
import { startQuasarSim } from '../drivers/sim/quasar-server.js';
import { createModbusPool } from '../drivers/transports/modbus-pool.js';
import { QuasarCharger } from '../drivers/wallbox/quasar-charger.js';
import { quasarSettings } from '../drivers/wallbox/quasar-config.js';
import { ScaledClock } from '../main/common/clock.js';
import { silentLogger } from '../main/common/log.js';

const nArg = process.argv.indexOf('--n');
const n = nArg >= 0 ? Number(process.argv[nArg + 1]) : 1000;
if (!(n >= 10)) throw new Error('--n: expected at least 10');
const WARMUP = 50;

interface Figures {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

function figures(samples: number[]): Figures {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
  return { p50: at(50), p95: at(95), p99: at(99), max: s[s.length - 1] ?? Number.NaN, mean: s.reduce((a, b) => a + b, 0) / s.length };
}

async function measure(set: (w: number) => Promise<void>, values: readonly [number, number]): Promise<Figures> {
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + n; i++) {
    const t = performance.now();
    await set(values[i % 2] as number);
    if (i >= WARMUP) samples.push(performance.now() - t);
  }
  return figures(samples);
}

async function until(what: string, ok: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function modbus(clock: ScaledClock): Promise<Figures> {
  const physics = new HomePhysics(clock, { car: { initialSocPct: 60 } });
  physics.setCarPluggedIn(true);
  physics.start();
  const sim = await startQuasarSim({ physics, clock, startDelayMs: 0, changeDelayMs: 0 });
  const pool = createModbusPool(silentLogger);
  const settings = quasarSettings({ host: '127.0.0.1', port: sim.port });
  const charger = new QuasarCharger({ id: 'wallbox', role: 'charger', settings, unit: pool.unit('127.0.0.1', sim.port, settings.unitId, { timeoutMs: 1000 }), clock, log: silentLogger });
  try {
    await charger.start();
    await until('Quasar polled', () => charger.health().status === 'ok');
    return await measure((w) => charger.setChargerPowerW(w), [3000, 3500]);
  } finally {
    await charger.stop();
    await pool.close();
    await sim.close();
    physics.stop();
  }
}

async function ocpp(clock: ScaledClock): Promise<Figures> {
  const physics = new HomePhysics(clock, { car: { initialSocPct: 60 } });
  physics.setCarPluggedIn(true);
  physics.start();
  const server = new CsmsServer(ocppHubConfigSchema.parse({ port: 0 }), clock, silentLogger);
  const charger = new OcppCharger({ id: 'wallbox', role: 'charger', settings: ocppChargerSettings({ stationId: 'BENCH-1', password: 'bench-password' }), pool: server, clock, log: silentLogger });
  await charger.start();
  const sim = startOcppStationSim({ physics, clock, url: await server.listen(), stationId: 'BENCH-1', password: 'bench-password', version: '2.1' });
  try {
    await sim.ready();
    await until('V2X session', () => charger.maxDischargePowerW() > 0);
    return await measure((w) => charger.setChargerPowerW(w), [-3000, -3500]);
  } finally {
    await charger.stop();
    await sim.close();
    await server.close();
    physics.stop();
  }
}

async function main(): Promise<void> {
  const clock = new ScaledClock({ speed: 1 });
  const results = { 'Modbus TCP (Quasar, write 0x104)': await modbus(clock), 'OCPP 2.1 (SetChargingProfile CentralSetpoint)': await ocpp(clock) };
  console.log(`setpoint round trip on loopback, real ms, n = ${n} each (after ${WARMUP} warm-up)`);
  console.log('| path | p50 | p95 | p99 | max | mean |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, f] of Object.entries(results)) console.log(`| ${name} | ${f.p50.toFixed(2)} | ${f.p95.toFixed(2)} | ${f.p99.toFixed(2)} | ${f.max.toFixed(2)} | ${f.mean.toFixed(2)} |`);
}

await main();
