/**
 * Device side of the P1 port: a DSMR 5.0.2 smart meter on TCP, like a network
 * P1 dongle in front of a Dutch meter. Every second of site time it writes a
 * telegram built from the simulated home to every connected client, with the
 * fixed-width fields, units, time stamp, tariff registers and gas channel a
 * real meter sends, and a valid CRC. Tests can ask for damaged telegrams.
 *
 * It keeps its own tariff registers (1.8.1/1.8.2, 2.8.1/2.8.2): the physics
 * only knows total import/export, the meter splits them by tariff period.
 */
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import type { Clock } from '../../main/common/clock.js';
import { crc16Arc, formatCrc } from '../p1/crc16.js';
import { formatDsmrTimestamp } from '../p1/timestamp.js';
import type { SimPhysics, SimState } from './physics-types.js';
import { hm, localTime } from '../../main/common/local-time.js';

export interface P1SimOptions {
  readonly physics: SimPhysics;
  readonly clock: Clock;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** 0 (default): the OS picks a free port. */
  readonly port?: number;
  /** Meter register readings at start, Wh. */
  readonly registersWh?: Partial<Registers>;
  readonly gasM3?: number;
  readonly timeZone?: string;
}

export interface P1SimServer {
  readonly port: number;
  /** Stops sending and destroys open client sockets, so that close is prompt. */
  close(): Promise<void>;
  /** The next n telegrams go out with a wrong CRC (counted only when a client received them). */
  corruptNext(n: number): void;
  readonly clientCount: number;
}

interface Registers {
  readonly importT1: number;
  readonly importT2: number;
  readonly exportT1: number;
  readonly exportT2: number;
}

/** Everything one telegram says, already in meter terms. */
export interface P1TelegramFields {
  readonly ts: number;
  readonly registersWh: Registers;
  readonly tariff: 1 | 2;
  readonly gridW: number;
  readonly phases: readonly { readonly voltageV: number; readonly currentA: number; readonly powerW: number }[];
  readonly gas: { readonly ts: number; readonly volumeM3: number };
}

const HEADER = 'SIM5\\2SCALE-HUB-P1';
/** What a meter would hex-encode in 0-0:96.1.1 and 0-1:96.1.0. */
const METER_ID = 'E0000000000000000';
const GAS_ID = 'G0000000000000000';
const GAS_PERIOD_MS = 5 * 60_000;
const MAX_CLIENT_BACKLOG = 64 * 1024;

export async function startP1Sim(opts: P1SimOptions): Promise<P1SimServer> {
  const { physics, clock } = opts;
  const timeZone = opts.timeZone ?? 'Europe/Amsterdam';
  let corruptPending = 0;

  const given = opts.registersWh ?? {};
  const registers = { importT1: given.importT1 ?? 3_512_345, importT2: given.importT2 ?? 2_987_654, exportT1: given.exportT1 ?? 812_345, exportT2: given.exportT2 ?? 1_654_321 };
  let last: SimState = physics.state();
  let gasM3 = opts.gasM3 ?? 4321.123;
  let gasReported = { ts: Math.floor(last.ts / GAS_PERIOD_MS) * GAS_PERIOD_MS, volumeM3: gasM3 };

  const tick = (): void => {
    const state = physics.state();
    const tariff = nlTariff(state.ts, timeZone);
    // Energy since the last telegram goes into the register of the tariff in force now.
    const importWh = Math.max(0, state.gridImportWh - last.gridImportWh);
    const exportWh = Math.max(0, state.gridExportWh - last.gridExportWh);
    if (tariff === 1) {
      registers.importT1 += importWh;
      registers.exportT1 += exportWh;
    } else {
      registers.importT2 += importWh;
      registers.exportT2 += exportWh;
    }
    gasM3 += gasRateM3PerHour(state.ts) * (Math.max(0, state.ts - last.ts) / 3_600_000);
    // DSMR 5 gas meters report every 5 minutes, stamped with the period boundary.
    const period = Math.floor(state.ts / GAS_PERIOD_MS) * GAS_PERIOD_MS;
    if (period > gasReported.ts) gasReported = { ts: period, volumeM3: gasM3 };
    last = state;

    if (push.clientCount === 0) return;
    const corrupt = corruptPending > 0;
    if (corrupt) corruptPending--;
    const telegram = formatP1Telegram({ ts: state.ts, registersWh: { ...registers }, tariff, gridW: state.gridW, phases: state.phases, gas: gasReported }, { corruptCrc: corrupt });
    send(telegram);
  };

  const push = await servePush({ host: opts.host, port: opts.port });
  const cancelTimer = clock.every(1000, tick);

  return {
    port: push.port,
    get clientCount() {
      return push.clientCount;
    },
    corruptNext(n: number) {
      corruptPending += Math.max(0, Math.floor(n));
    },
    close() {
      cancelTimer();
      return push.close();
    },
  };

  function send(telegram: string): void {
    push.broadcast(Buffer.from(telegram, 'latin1'));
  }
}

/** A TCP server that only talks: what every push meter (P1, HAN, TIC, SML dongle) looks like on the network. */
export interface PushServer {
  readonly port: number;
  readonly clientCount: number;
  broadcast(bytes: Uint8Array): void;
  /** Stops listening and destroys open client sockets, so that close is prompt. */
  close(): Promise<void>;
}

export async function servePush(opts: { host?: string | undefined; port?: number | undefined }): Promise<PushServer> {
  const clients = new Set<Socket>();
  const server = createServer((socket) => {
    clients.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => clients.delete(socket));
    // A meter port only talks; whatever a client sends is ignored.
    socket.on('data', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    get clientCount() {
      return clients.size;
    },
    broadcast(bytes: Uint8Array) {
      for (const socket of clients) {
        // A client that does not read must not make us buffer without end.
        if (socket.writableLength > MAX_CLIENT_BACKLOG) socket.destroy();
        else socket.write(bytes);
      }
    },
    close() {
      for (const socket of clients) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** DSMR 5.0.2 telegram text, CR LF line ends, CRC over '/' to '!'. */
export function formatP1Telegram(f: P1TelegramFields, options: { corruptCrc?: boolean } = {}): string {
  const kW = (w: number): string => fixed(Math.max(0, w) / 1000, 2, 3);
  const phase = (i: number): P1TelegramFields['phases'][number] => f.phases[i] ?? { voltageV: 0, currentA: 0, powerW: 0 };
  const lines = [
    `/${HEADER}`,
    '',
    '1-3:0.2.8(50)',
    `0-0:1.0.0(${formatDsmrTimestamp(f.ts)})`,
    `0-0:96.1.1(${hexText(METER_ID)})`,
    `1-0:1.8.1(${kWh(f.registersWh.importT1)}*kWh)`,
    `1-0:1.8.2(${kWh(f.registersWh.importT2)}*kWh)`,
    `1-0:2.8.1(${kWh(f.registersWh.exportT1)}*kWh)`,
    `1-0:2.8.2(${kWh(f.registersWh.exportT2)}*kWh)`,
    `0-0:96.14.0(${String(f.tariff).padStart(4, '0')})`,
    `1-0:1.7.0(${kW(f.gridW)}*kW)`,
    `1-0:2.7.0(${kW(-f.gridW)}*kW)`,
    '0-0:96.7.21(00003)',
    '0-0:96.7.9(00001)',
    '1-0:99.97.0(0)(0-0:96.7.19)',
    '1-0:32.32.0(00000)',
    '1-0:52.32.0(00000)',
    '1-0:72.32.0(00000)',
    '1-0:32.36.0(00000)',
    '1-0:52.36.0(00000)',
    '1-0:72.36.0(00000)',
    '0-0:96.13.0()',
    ...[0, 1, 2].map((i) => `1-0:${32 + 20 * i}.7.0(${fixed(phase(i).voltageV, 3, 1)}*V)`),
    // DSMR 5 sends whole amperes.
    ...[0, 1, 2].map((i) => `1-0:${31 + 20 * i}.7.0(${String(Math.min(999, Math.round(phase(i).currentA))).padStart(3, '0')}*A)`),
    ...[0, 1, 2].map((i) => `1-0:${21 + 20 * i}.7.0(${kW(phase(i).powerW)}*kW)`),
    ...[0, 1, 2].map((i) => `1-0:${22 + 20 * i}.7.0(${kW(-phase(i).powerW)}*kW)`),
    '0-1:24.1.0(003)',
    `0-1:96.1.0(${hexText(GAS_ID)})`,
    `0-1:24.2.1(${formatDsmrTimestamp(f.gas.ts)})(${fixed(f.gas.volumeM3, 5, 3, true)}*m3)`,
    '!',
  ];
  const body = lines.join('\r\n');
  const crc = crc16Arc(body);
  return `${body}${formatCrc(options.corruptCrc === true ? crc ^ 0x5a5a : crc)}\r\n`;
}

/** Register text F9(3): whole Wh, truncated as a meter's counter is. */
function kWh(wh: number): string {
  const whole = Math.floor(Math.max(0, wh));
  return `${String(Math.floor(whole / 1000) % 1_000_000).padStart(6, '0')}.${String(whole % 1000).padStart(3, '0')}`;
}

/** Zero-padded fixed point with `intDigits` before and `decimals` after the point, clamped to what fits. */
function fixed(value: number, intDigits: number, decimals: number, truncate = false): string {
  const scale = 10 ** decimals;
  const max = 10 ** (intDigits + decimals) - 1;
  const units = Math.min(max, Math.max(0, truncate ? Math.floor(value * scale) : Math.round(value * scale)));
  const text = String(units).padStart(intDigits + decimals, '0');
  return `${text.slice(0, intDigits)}.${text.slice(intDigits)}`;
}

function hexText(s: string): string {
  return Buffer.from(s, 'latin1').toString('hex').toUpperCase();
}

/** NL: tariff 1 (low) on weekday nights 23:00-07:00 and all weekend, 2 (normal) otherwise. */
function nlTariff(ts: number, timeZone: string): 1 | 2 {
  const local = localTime(ts, timeZone);
  if (local.weekday === 0 || local.weekday === 6) return 1;
  return local.msOfDay >= hm(7) && local.msOfDay < hm(23) ? 2 : 1;
}

/** Heating dominates in winter, hot water alone in summer (a Dutch terraced house: ~1200 m3 a year). */
function gasRateM3PerHour(ts: number): number {
  const dayOfYear = (ts / 86_400_000) % 365.25;
  const winter = (1 + Math.cos((2 * Math.PI * (dayOfYear - 15)) / 365.25)) / 2;
  return 0.02 + 0.25 * winter;
}
