import type { ReactElement } from 'react';
import type { FlowNodeId } from './flowModel.js';

/** Line icons on a 24x24 grid, drawn with the current stroke colour. */
const paths: Readonly<Record<FlowNodeId, ReactElement>> = {
  pv: (
    <>
      <circle cx="12" cy="12" r="4.5" />
      <path d="M12 1.5v3M12 19.5v3M1.5 12h3M19.5 12h3M4.6 4.6l2.1 2.1M17.3 17.3l2.1 2.1M4.6 19.4l2.1-2.1M17.3 6.7l2.1-2.1" />
    </>
  ),
  grid: <path d="M8 22 12 2l4 20M6.5 8h11M7.5 13h9M9.2 13.5l5.6 8M14.8 13.5l-5.6 8M4 8v3M20 8v3" />,
  battery: (
    <>
      <rect x="2.5" y="6.5" width="17" height="11" rx="2" />
      <path d="M19.5 10h2v4h-2M11.5 8.5l-3 4h4l-3 4" />
    </>
  ),
  home: <path d="M2.5 11.5 12 3l9.5 8.5M5 9.5V21h14V9.5M10 21v-6h4v6" />,
  car: (
    <>
      <path d="M2.5 16.5v-4l2.5-5.5h14l2.5 5.5v4zM2.5 12.5h19" />
      <circle cx="7" cy="17.5" r="2" />
      <circle cx="17" cy="17.5" r="2" />
    </>
  ),
};

export function FlowIcon(props: { readonly node: FlowNodeId; readonly x: number; readonly y: number; readonly size: number }): ReactElement {
  const scale = props.size / 24;
  return (
    <g
      className="flow-icon"
      transform={`translate(${props.x - props.size / 2} ${props.y - props.size / 2}) scale(${scale})`}
      fill="none"
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {paths[props.node]}
    </g>
  );
}
