/**
 * Device side of an SML eHZ meter (with PIN entered) behind a TCP bridge: a
 * file every second of site time with energy in/out, signed net power and
 * per-phase power, voltage and current, built from the simulated home.
 */
import type { Clock } from '../../main/common/clock.js';
import { servePush } from './p1-server.js';
import type { SimPhysics, SimState } from './physics-types.js';
import { smlFile } from './sml-frames.js';
import type { SmlEntryOut } from './sml-frames.js';

export interface SmlSimOptions {
  readonly physics: SimPhysics;
  readonly clock: Clock;
  readonly host?: string;
  readonly port?: number;
}

export interface SmlSimServer {
  readonly port: number;
  readonly clientCount: number;
  /** The next n files go out with a damaged CRC. */
  corruptNext(n: number): void;
  close(): Promise<void>;
}

const SERVER_ID = Buffer.from('0A01454D480000B8D6C3', 'hex');

export async function startSmlSim(opts: SmlSimOptions): Promise<SmlSimServer> {
  const { physics, clock } = opts;
  const push = await servePush({ host: opts.host, port: opts.port });
  let corrupt = 0;
  let transaction = 1;
  let last: SimState = physics.state();
  let importWh = 45_678_901;
  let exportWh = 5_678_901;
  const cancel = clock.every(1000, () => {
    const s = physics.state();
    importWh += Math.max(0, s.gridImportWh - last.gridImportWh);
    exportWh += Math.max(0, s.gridExportWh - last.gridExportWh);
    last = s;
    if (push.clientCount === 0) return;
    const file = smlFile(SERVER_ID, entries(s, importWh, exportWh), (transaction = (transaction + 3) % 250));
    if (corrupt > 0) {
      corrupt--;
      file[file.length - 1] = (file[file.length - 1] ?? 0) ^ 0x55;
    }
    push.broadcast(file);
  });
  return {
    port: push.port,
    get clientCount() {
      return push.clientCount;
    },
    corruptNext(n) {
      corrupt += n;
    },
    close() {
      cancel();
      return push.close();
    },
  };
}

function entries(s: SimState, importWh: number, exportWh: number): SmlEntryOut[] {
  const out: SmlEntryOut[] = [
    { obis: '1.0.1.8.0.255', unit: 30, scaler: -1, value: Math.floor(importWh * 10) },
    { obis: '1.0.2.8.0.255', unit: 30, scaler: -1, value: Math.floor(exportWh * 10) },
    { obis: '1.0.16.7.0.255', unit: 27, scaler: 0, value: Math.round(s.gridW), signed: true, bytes: 4 },
  ];
  s.phases.slice(0, 3).forEach((p, i) => {
    out.push({ obis: `1.0.${36 + 20 * i}.7.0.255`, unit: 27, scaler: 0, value: Math.round(p.powerW), signed: true, bytes: 4 });
    out.push({ obis: `1.0.${32 + 20 * i}.7.0.255`, unit: 35, scaler: -1, value: Math.round(p.voltageV * 10), bytes: 2 });
    out.push({ obis: `1.0.${31 + 20 * i}.7.0.255`, unit: 33, scaler: -2, value: Math.round(Math.abs(p.currentA) * 100), bytes: 2 });
  });
  return out;
}
