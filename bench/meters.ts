/**
 * Meter benchmarks: frames decoded per second per family (P1, HAN, TIC, SML)
 * through the whole driver path (framing, checksum, parsing, plausibility,
 * caching), and the latency from the last byte of a P1 telegram written to a
 * real loopback socket to the site snapshot that carries it (P1 driver +
 * control loop, as in the hub).
 *
 * Usage: npx tsx bench/meters.ts [--seconds 3] [--telegrams 400]
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { ScaledClock } from '../main/common/clock.js';
import { defaultCarSettings } from '../main/common/car.js';
import { noLimits } from '../main/common/limits.js';
import { silentLogger } from '../main/common/log.js';
import { ControlLoop } from '../main/control/control-loop.js';
import { HanDecoder } from '../drivers/han/han-decoder.js';
import type { FrameDecoder } from '../drivers/p1/frame-decoder.js';
import { P1Decoder } from '../drivers/p1/p1-decoder.js';
import { P1TcpMeter } from '../drivers/p1/p1-tcp.js';
import { StreamMeter } from '../drivers/p1/stream-meter.js';
import { SmlDecoder } from '../drivers/sml/sml-decoder.js';
import { TicDecoder } from '../drivers/tic/tic-decoder.js';
import { hdlcFrames } from '../drivers/sim/han-frames.js';
import { smlFile } from '../drivers/sim/sml-frames.js';
import { crc16Arc, formatCrc } from '../drivers/p1/crc16.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!(v > 0)) throw new Error(`--${name}: expected a positive number`);
  return v;
};
const seconds = arg('seconds', 3);
const telegrams = arg('telegrams', 400);
const fixture = (path: string): Buffer => readFileSync(new URL(`../test/fixtures/${path}`, import.meta.url));

/** One frame of each family, as on the line. */
const frames: Record<string, { bytes: Buffer; decoder: () => FrameDecoder }> = {
  'P1 (DSMR 5, 890 B)': { bytes: fixture('p1/nl-iskra-v5.txt'), decoder: () => new P1Decoder() },
  'P1 (e-MUCS, 1059 B)': { bytes: fixture('p1/be-fluvius-v171.txt'), decoder: () => new P1Decoder() },
  'HAN (Kamstrup list, 228 B)': { bytes: Buffer.from(fixture('han/kamstrup-3p-list1.hdlc.hex').toString('latin1').trim(), 'hex'), decoder: () => new HanDecoder() },
  'HAN (Aidon list 3 in HDLC, 376 B)': { bytes: hdlcFrames(Buffer.from(fixture('han/aidon-no-list3.llc.hex').toString('latin1').trim(), 'hex'))[0] ?? Buffer.alloc(0), decoder: () => new HanDecoder() },
  'TIC (standard, 865 B)': { bytes: fixture('tic/linky-standard-base-mono.bin'), decoder: () => new TicDecoder() },
  'TIC (historique, 128 B)': { bytes: fixture('tic/linky-historique-base-mono.bin'), decoder: () => new TicDecoder() },
  'SML (3-phase eHZ file)': {
    bytes: smlFile(Buffer.from('0A01454D480000B8D6C3', 'hex'), [
      { obis: '1.0.1.8.0.255', unit: 30, scaler: -1, value: 224_624_136 },
      { obis: '1.0.2.8.0.255', unit: 30, scaler: -1, value: 12_345 },
      { obis: '1.0.16.7.0.255', unit: 27, scaler: 0, value: -1520, signed: true, bytes: 4 },
      ...[36, 56, 76].map((c) => ({ obis: `1.0.${c}.7.0.255`, unit: 27, scaler: 0, value: -500, signed: true, bytes: 4 })),
      ...[32, 52, 72].map((c) => ({ obis: `1.0.${c}.7.0.255`, unit: 35, scaler: -1, value: 2312, bytes: 2 })),
      ...[31, 51, 71].map((c) => ({ obis: `1.0.${c}.7.0.255`, unit: 33, scaler: -2, value: 217, bytes: 2 })),
    ]),
    decoder: () => new SmlDecoder(),
  },
};

/** Frames per second through StreamMeter.onData, fed in 64-byte chunks as a serial line or socket delivers them. */
function throughput(name: string, bytes: Buffer, decoder: () => FrameDecoder): { family: string; framesPerSecond: number; mbPerSecond: number } {
  const copies = Math.max(1, Math.floor(256 * 1024 / bytes.length));
  const stream = Buffer.concat(Array.from({ length: copies }, () => bytes));
  const clock = new ScaledClock();
  const source = { endpoint: 'bench', start: () => undefined, stop: () => Promise.resolve() };
  let frames = 0;
  let bytesFed = 0;
  // Warm up (JIT) before timing.
  const warm = new StreamMeter({ id: 'w', type: 'bench', role: 'grid', clock, log: silentLogger, source, decoder: decoder() });
  for (let at = 0; at < stream.length; at += 64) warm.onData(stream.subarray(at, at + 64));
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  while (performance.now() < deadline) {
    const meter = new StreamMeter({ id: 'm', type: 'bench', role: 'grid', clock, log: silentLogger, source, decoder: decoder() });
    for (let at = 0; at < stream.length; at += 64) meter.onData(stream.subarray(at, at + 64));
    const counted = (meter.health().counters.frames ?? 0) + (meter.health().counters.parseErrors ?? 0);
    if ((meter.health().counters.frames ?? 0) !== copies) throw new Error(`${name}: ${meter.health().counters.frames} of ${copies} frames valid (${counted} seen): ${meter.health().lastError}`);
    frames += copies;
    bytesFed += stream.length;
  }
  const elapsed = (performance.now() - started) / 1000;
  return { family: name, framesPerSecond: Math.round(frames / elapsed), mbPerSecond: Math.round((bytesFed / elapsed / 1e6) * 10) / 10 };
}

/** Telegram i carries i W of import, so the snapshot that shows i W is the one that carries it. */
function telegram(i: number): Buffer {
  const kW = (i / 1000).toFixed(3).padStart(6, '0');
  const body = fixture('p1/nl-iskra-v5.txt').toString('latin1').replace('1-0:1.7.0(00.244*kW)', `1-0:1.7.0(${kW}*kW)`);
  const bang = body.indexOf('!');
  const signed = body.slice(0, bang + 1);
  return Buffer.from(`${signed}${formatCrc(crc16Arc(signed))}\r\n`, 'latin1');
}

async function latency(): Promise<{ samples: number; p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number }> {
  let socket: Socket | null = null;
  const server = createServer((s) => {
    socket = s;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const clock = new ScaledClock();
  const meter = new P1TcpMeter({ id: 'grid', role: 'grid', config: { host: '127.0.0.1', port: (server.address() as AddressInfo).port }, clock, log: silentLogger });
  const control = new ControlLoop({
    clock,
    log: silentLogger,
    devices: { all: [meter], grid: meter, pv: null, battery: null, charger: null },
    limits: { fuseA: 25, phases: 3, voltageV: 230, exportLimitW: null, fuseMarginA: 1 },
    carSettings: () => defaultCarSettings,
    gridLimits: () => noLimits,
    planSlot: () => null,
    timeZone: 'Europe/Amsterdam',
    carCapacityWh: 60_000,
    batteryReserveSocPct: 10,
    carMinChargeW: 1400,
    carMaxChargeW: 11_000,
    staleAfterMs: 5000,
  });
  await meter.start();
  control.start();
  while (socket === null) await new Promise((r) => setTimeout(r, 5));
  const conn: Socket = socket;
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  control.onSnapshot((s) => {
    const w = s.grid.powerW;
    const t0 = w === null ? undefined : sentAt.get(w);
    if (w !== null && t0 !== undefined) {
      latencies.push(performance.now() - t0);
      sentAt.delete(w);
    }
  });
  for (let i = 1; i <= telegrams; i++) {
    const t = telegram(1000 + i);
    // The line delivers a telegram in pieces; what counts is the piece with its last byte.
    conn.write(t.subarray(0, t.length - 8));
    await new Promise((r) => setTimeout(r, 2));
    sentAt.set(1000 + i, performance.now());
    conn.write(t.subarray(t.length - 8));
    await new Promise((r) => setTimeout(r, 20));
  }
  await control.stop();
  await meter.stop();
  conn.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  latencies.sort((a, b) => a - b);
  const q = (p: number): number => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN) * 1000) / 1000;
  return { samples: latencies.length, p50Ms: q(0.5), p90Ms: q(0.9), p99Ms: q(0.99), maxMs: q(1) };
}

async function main(): Promise<void> {
  const results = Object.entries(frames).map(([name, f]) => throughput(name, f.bytes, f.decoder));
  const p1Latency = await latency();
  process.stdout.write(`${JSON.stringify({ node: process.version, seconds, throughput: results, p1LastByteToSnapshot: p1Latency }, null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
