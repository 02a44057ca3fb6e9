import type { FlowNodeId } from './flowModel.js';

/** Geometry of the diagram in viewBox units. */
export const viewBox = { width: 640, height: 530 } as const;
export const junction = { x: 320, y: 280 } as const;
export const nodeRadius = 58;

export interface NodePlacement {
  readonly x: number;
  readonly y: number;
  /** Where the name and state text go: on the side away from the node's line and its neighbours. */
  readonly labelAt: 'above' | 'below';
}

export const placements: Readonly<Record<FlowNodeId, NodePlacement>> = {
  pv: { x: 320, y: 122, labelAt: 'above' },
  grid: { x: 80, y: 280, labelAt: 'above' },
  home: { x: 560, y: 280, labelAt: 'above' },
  battery: { x: 170, y: 410, labelAt: 'below' },
  car: { x: 470, y: 410, labelAt: 'below' },
};
