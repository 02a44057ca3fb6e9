import { memo } from 'react';
import type { ReactElement } from 'react';
import type { FlowDirection, FlowLevel, FlowNodeId } from './flowModel.js';
import { junction, placements } from './layout.js';

interface Props {
  readonly node: FlowNodeId;
  readonly direction: FlowDirection;
  readonly level: FlowLevel;
}

/**
 * A line from a node to the junction: a dim track plus dashes that CSS moves
 * along it. The path always runs node -> junction; energy flowing the other
 * way just reverses the animation, so React never restarts it.
 */
function FlowLineImpl({ node, direction, level }: Props): ReactElement {
  const from = placements[node];
  const d = `M${from.x} ${from.y}L${junction.x} ${junction.y}`;
  return (
    <g className={`flow-line flow-line--${node}`} data-testid={`flow-line-${node}`} data-direction={direction} data-level={level}>
      <path className="flow-line__track" d={d} />
      <path className={`flow-line__dash flow-line__dash--l${level} flow-line__dash--${direction}`} d={d} />
    </g>
  );
}

export const FlowLine = memo(FlowLineImpl);
