import { memo } from 'react';
import type { ReactElement } from 'react';
import type { FlowNodeId, FlowState } from './flowModel.js';
import { FlowIcon } from './icons.js';
import { nodeRadius, placements } from './layout.js';

interface Props {
  readonly node: FlowNodeId;
  readonly name: string;
  /** Magnitude in kW, already formatted, or the "unknown" mark. */
  readonly value: string;
  readonly unit: string;
  /** Second label line, e.g. "54 % · Charging". */
  readonly detail: string;
  readonly state: FlowState;
  readonly socPct: number | null;
  readonly label: string;
}

const socRingRadius = nodeRadius + 8;

function FlowNodeImpl(props: Props): ReactElement {
  const { x, y, labelAt } = placements[props.node];
  const nameY = labelAt === 'above' ? y - nodeRadius - 40 : y + nodeRadius + 32;
  const detailY = nameY + 22;
  const active = props.state !== 'idle' && props.state !== 'noData' && props.state !== 'unplugged' && props.state !== 'plugged';
  return (
    <g
      className={`flow-node flow-node--${props.node}${active ? ' flow-node--active' : ''}${props.state === 'noData' ? ' flow-node--nodata' : ''}`}
      data-testid={`flow-node-${props.node}`}
      data-state={props.state}
      role="img"
      aria-label={props.label}
    >
      {props.socPct !== null && (
        <>
          <circle className="flow-node__soc-track" cx={x} cy={y} r={socRingRadius} />
          <circle
            className="flow-node__soc"
            cx={x}
            cy={y}
            r={socRingRadius}
            pathLength={100}
            strokeDasharray={`${Math.min(100, Math.max(0, props.socPct))} 100`}
            transform={`rotate(-90 ${x} ${y})`}
          />
        </>
      )}
      <circle className="flow-node__disc" cx={x} cy={y} r={nodeRadius} />
      <FlowIcon node={props.node} x={x} y={y - 29} size={26} />
      <text className="flow-node__value" x={x} y={y + 15} data-testid={`flow-value-${props.node}`}>
        {props.value}
      </text>
      <text className="flow-node__unit" x={x} y={y + 36}>
        {props.unit}
      </text>
      <text className="flow-node__name" x={x} y={nameY}>
        {props.name}
      </text>
      <text className="flow-node__detail" x={x} y={detailY} data-testid={`flow-detail-${props.node}`}>
        {props.detail}
      </text>
    </g>
  );
}

export const FlowNode = memo(FlowNodeImpl);
