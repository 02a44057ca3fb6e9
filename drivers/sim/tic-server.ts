/**
 * Device side of a Linky TIC in standard mode behind a TCP bridge: a
 * three-phase producer meter on a Tempo contract, a frame every 2 s of site
 * time built from the simulated home (apparent power taken as the active
 * power of the physics, cos phi = 1).
 */
import type { Clock } from '../../main/common/clock.js';
import { servePush } from './p1-server.js';
import type { SimPhysics, SimState } from './physics-types.js';
import { standardGroup, ticFrame } from './tic-frames.js';

export interface TicSimOptions {
  readonly physics: SimPhysics;
  readonly clock: Clock;
  readonly host?: string;
  readonly port?: number;
}

export interface TicSimServer {
  readonly port: number;
  readonly clientCount: number;
  /** The next n frames go out with one damaged checksum. */
  corruptNext(n: number): void;
  close(): Promise<void>;
}

export async function startTicSim(opts: TicSimOptions): Promise<TicSimServer> {
  const { physics, clock } = opts;
  const push = await servePush({ host: opts.host, port: opts.port });
  let corrupt = 0;
  let last: SimState = physics.state();
  let eastWh = 23_456_789;
  let eaitWh = 3_456_789;
  const cancel = clock.every(2000, () => {
    const s = physics.state();
    eastWh += Math.max(0, s.gridImportWh - last.gridImportWh);
    eaitWh += Math.max(0, s.gridExportWh - last.gridExportWh);
    last = s;
    if (push.clientCount === 0) return;
    const frame = ticFrame(standardGroups(s, eastWh, eaitWh));
    if (corrupt > 0) {
      corrupt--;
      // Flip a digit of SINSTS: its group checksum no longer matches.
      const at = frame.indexOf('SINSTS\t') + 7;
      frame[at] = frame[at] === 0x30 ? 0x31 : 0x30;
    }
    push.broadcast(frame);
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

const pad = (n: number, width: number): string => String(Math.max(0, Math.round(n))).padStart(width, '0');

function standardGroups(s: SimState, eastWh: number, eaitWh: number): string[] {
  // Tempo: today blue (1), tomorrow white (2), in STGE bits 24-25 and 26-27.
  const stge = ((1 << 24) | (2 << 26)) >>> 0;
  const groups = [
    standardGroup('ADSC', '041876097534'),
    standardGroup('VTIC', '02'),
    standardGroup('DATE', '', horodate(s.ts)),
    standardGroup('NGTF', '     TEMPO      '),
    standardGroup('LTARF', '    HP  BLEU    '),
    standardGroup('EAST', pad(eastWh, 9)),
    standardGroup('EAIT', pad(eaitWh, 9)),
  ];
  s.phases.slice(0, 3).forEach((p, i) => {
    groups.push(standardGroup(`IRMS${i + 1}`, pad(Math.abs(p.currentA), 3)));
    groups.push(standardGroup(`URMS${i + 1}`, pad(p.voltageV, 3)));
  });
  groups.push(standardGroup('PREF', '12'), standardGroup('SINSTS', pad(s.gridW, 5)));
  s.phases.slice(0, 3).forEach((p, i) => groups.push(standardGroup(`SINSTS${i + 1}`, pad(p.powerW, 5))));
  groups.push(standardGroup('SINSTI', pad(-s.gridW, 5)), standardGroup('STGE', stge.toString(16).toUpperCase().padStart(8, '0')));
  return groups;
}

/** The meter's horodate, French local time with its season letter. */
function horodate(ts: number): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: '2-digit', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'shortOffset' }).formatToParts(ts);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '00';
  const season = get('timeZoneName') === 'GMT+2' ? 'E' : 'H';
  return `${season}${get('year')}${get('month')}${get('day')}${get('hour')}${get('minute')}${get('second')}`;
}
