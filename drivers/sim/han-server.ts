/**
 * Device side of a HAN port on TCP (an M-Bus adapter behind ser2net): an
 * Aidon-like meter pushing list 1 (import power) every 2 s and list 2 (power
 * both ways, per-phase current, voltage and power, energy registers) every
 * 10 s of site time, built from the simulated home. With a key it encrypts
 * every APDU (general-glo-ciphering), as DK/AT meters do.
 */
import type { Clock } from '../../main/common/clock.js';
import { encipherGlo } from '../han/glo-ciphering.js';
import type { GloKeys } from '../han/glo-ciphering.js';
import { aidonItem, dataNotification, hdlcFrames, llc } from './han-frames.js';
import type { AxdrValue } from './han-frames.js';
import { servePush } from './p1-server.js';
import type { SimPhysics, SimState } from './physics-types.js';

export interface HanSimOptions {
  readonly physics: SimPhysics;
  readonly clock: Clock;
  readonly host?: string;
  readonly port?: number;
  readonly keys?: GloKeys;
  /** Meter registers at start, Wh. */
  readonly importWh?: number;
  readonly exportWh?: number;
}

export interface HanSimServer {
  readonly port: number;
  readonly clientCount: number;
  /** The next n frames go out with a damaged FCS. */
  corruptNext(n: number): void;
  close(): Promise<void>;
}

const SYSTEM_TITLE = Buffer.from('SCALEHAN', 'latin1');

export async function startHanSim(opts: HanSimOptions): Promise<HanSimServer> {
  const { physics, clock } = opts;
  const push = await servePush({ host: opts.host, port: opts.port });
  let corrupt = 0;
  let counter = 1;
  let last: SimState = physics.state();
  let importWh = opts.importWh ?? 12_345_678;
  let exportWh = opts.exportWh ?? 2_345_678;
  let seconds = 0;

  const tick = (): void => {
    const s = physics.state();
    importWh += Math.max(0, s.gridImportWh - last.gridImportWh);
    exportWh += Math.max(0, s.gridExportWh - last.gridExportWh);
    last = s;
    seconds += 2;
    if (push.clientCount === 0) return;
    const body = seconds % 10 === 0 ? list2(s, importWh, exportWh) : list1(s);
    let apdu = dataNotification(body);
    if (opts.keys !== undefined) apdu = encipherGlo(apdu, opts.keys, SYSTEM_TITLE, counter++);
    for (const frame of hdlcFrames(llc(apdu))) {
      if (corrupt > 0) {
        corrupt--;
        frame[frame.length - 3] = (frame[frame.length - 3] ?? 0) ^ 0xff;
      }
      push.broadcast(frame);
    }
  };
  const cancel = clock.every(2000, tick);
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

const w = (v: number): AxdrValue => ({ t: 'u32', v: Math.max(0, Math.round(v)) });

function list1(s: SimState): AxdrValue {
  return { t: 'array', items: [aidonItem('1.0.1.7.0.255', w(s.gridW), 0, 'W')] };
}

function list2(s: SimState, importWh: number, exportWh: number): AxdrValue {
  const items: AxdrValue[] = [
    { t: 'structure', items: [{ t: 'octets', v: Buffer.from([1, 1, 0, 2, 129, 255]) }, { t: 'string', v: 'AIDON_V0001' }] },
    { t: 'structure', items: [{ t: 'octets', v: Buffer.from([0, 0, 96, 1, 0, 255]) }, { t: 'string', v: '7359992890000001' }] },
    aidonItem('1.0.1.7.0.255', w(s.gridW), 0, 'W'),
    aidonItem('1.0.2.7.0.255', w(-s.gridW), 0, 'W'),
  ];
  s.phases.slice(0, 3).forEach((p, i) => {
    items.push(aidonItem(`1.0.${31 + 20 * i}.7.0.255`, { t: 'i16', v: Math.round(p.currentA * 10) }, -1, 'A'));
    items.push(aidonItem(`1.0.${32 + 20 * i}.7.0.255`, { t: 'u16', v: Math.round(p.voltageV * 10) }, -1, 'V'));
    items.push(aidonItem(`1.0.${21 + 20 * i}.7.0.255`, w(p.powerW), 0, 'W'));
    items.push(aidonItem(`1.0.${22 + 20 * i}.7.0.255`, w(-p.powerW), 0, 'W'));
  });
  items.push(aidonItem('1.0.1.8.0.255', w(importWh / 10), 1, 'Wh'));
  items.push(aidonItem('1.0.2.8.0.255', w(exportWh / 10), 1, 'Wh'));
  return { t: 'array', items };
}
