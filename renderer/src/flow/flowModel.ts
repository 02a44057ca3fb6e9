/**
 * What the flow diagram draws, derived from a snapshot: per node its power,
 * which way energy moves on its line (towards or away from the centre
 * junction) and how strongly. Pure, so it is unit-tested.
 *
 * Speed and width come in a few discrete levels instead of a continuous
 * mapping: changing a running CSS animation's duration makes its dashes jump,
 * so the duration should only change when the power crosses a level.
 */
import { homePowerW } from '../../../main/common/snapshot.js';
import type { ChargerState, SiteSnapshot } from '../../../main/common/snapshot.js';

export const flowNodes = ['pv', 'grid', 'battery', 'home', 'car'] as const;
export type FlowNodeId = (typeof flowNodes)[number];

/** toCentre: energy flows from the node into the house's junction; fromCentre: the other way. */
export type FlowDirection = 'toCentre' | 'fromCentre' | 'idle';

/** 0 = idle (no animation), 4 = fastest and widest. */
export type FlowLevel = 0 | 1 | 2 | 3 | 4;

/** Upper bounds (W, exclusive) of levels 0..3; anything above is level 4. */
export const flowLevelBoundsW = [50, 1000, 3000, 6000] as const;

export type FlowState =
  | 'noData'
  | 'idle'
  | 'producing'
  | 'importing'
  | 'exporting'
  | 'charging'
  | 'discharging'
  | 'consuming'
  | 'plugged'
  | 'unplugged';

export interface FlowNodeModel {
  readonly id: FlowNodeId;
  readonly powerW: number | null;
  readonly direction: FlowDirection;
  readonly level: FlowLevel;
  readonly state: FlowState;
  /** Battery or car state of charge, when the node has one. */
  readonly socPct: number | null;
}

export type FlowModel = Readonly<Record<FlowNodeId, FlowNodeModel>>;

/**
 * Sign of each node's power as seen from the junction: +1 when positive power
 * flows into it (PV production, grid import, battery discharge), -1 when
 * positive power flows out of it (car charging, home consumption).
 */
const towardsCentreSign: Readonly<Record<FlowNodeId, 1 | -1>> = { pv: 1, grid: 1, battery: 1, car: -1, home: -1 };

export function flowLevel(powerW: number | null): FlowLevel {
  if (powerW === null || !Number.isFinite(powerW)) return 0;
  const magnitude = Math.abs(powerW);
  const index = flowLevelBoundsW.findIndex((bound) => magnitude < bound);
  return (index === -1 ? 4 : index) as FlowLevel;
}

export function flowDirection(node: FlowNodeId, powerW: number | null): FlowDirection {
  if (flowLevel(powerW) === 0 || powerW === null) return 'idle';
  return powerW * towardsCentreSign[node] > 0 ? 'toCentre' : 'fromCentre';
}

function nodeState(node: FlowNodeId, powerW: number | null, direction: FlowDirection): FlowState {
  if (powerW === null) return 'noData';
  if (direction === 'idle') return 'idle';
  switch (node) {
    case 'pv':
      return 'producing';
    case 'grid':
      return direction === 'toCentre' ? 'importing' : 'exporting';
    case 'battery':
      return direction === 'toCentre' ? 'discharging' : 'charging';
    case 'car':
      return direction === 'toCentre' ? 'discharging' : 'charging';
    case 'home':
      // A negative derived load means a source the hub does not meter (e.g. a second PV inverter).
      return direction === 'fromCentre' ? 'consuming' : 'producing';
  }
}

const activeChargerStates: ReadonlySet<ChargerState> = new Set(['charging', 'discharging']);

function carState(snapshot: SiteSnapshot, generic: FlowState): FlowState {
  if (!snapshot.car.pluggedIn) return 'unplugged';
  if (generic === 'charging' || generic === 'discharging') return generic;
  if (activeChargerStates.has(snapshot.wallbox.state)) return snapshot.wallbox.state === 'charging' ? 'charging' : 'discharging';
  return generic === 'noData' ? 'noData' : 'plugged';
}

function node(id: FlowNodeId, powerW: number | null, socPct: number | null = null): FlowNodeModel {
  const direction = flowDirection(id, powerW);
  return { id, powerW, direction, level: flowLevel(powerW), state: nodeState(id, powerW, direction), socPct };
}

export function flowModel(snapshot: SiteSnapshot): FlowModel {
  const home = snapshot.home.powerW ?? homePowerW(snapshot.grid.powerW, snapshot.pv.powerW, snapshot.battery.powerW, snapshot.wallbox.powerW);
  const car = node('car', snapshot.wallbox.powerW, snapshot.car.socPct);
  return {
    pv: node('pv', snapshot.pv.powerW),
    grid: node('grid', snapshot.grid.powerW),
    battery: node('battery', snapshot.battery.powerW, snapshot.battery.socPct),
    home: node('home', home),
    car: { ...car, state: carState(snapshot, car.state) },
  };
}
