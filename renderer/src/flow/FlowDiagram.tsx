import { useMemo } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useSnapshot } from '../../api/index.js';
import { formatKw, formatPct } from '../format.js';
import { formatLocale } from '../i18n/languages.js';
import { FlowLine } from './FlowLine.js';
import { FlowNode } from './FlowNode.js';
import { flowModel, flowNodes } from './flowModel.js';
import type { FlowModel, FlowNodeId, FlowState } from './flowModel.js';
import { junction, viewBox } from './layout.js';
import './flow.css';

const nameKeys = {
  pv: 'flow.node.pv',
  grid: 'flow.node.grid',
  battery: 'flow.node.battery',
  home: 'flow.node.home',
  car: 'flow.node.car',
} as const satisfies Record<FlowNodeId, string>;

const stateKeys = {
  noData: 'flow.state.noData',
  idle: 'flow.state.idle',
  producing: 'flow.state.producing',
  importing: 'flow.state.importing',
  exporting: 'flow.state.exporting',
  charging: 'flow.state.charging',
  discharging: 'flow.state.discharging',
  consuming: 'flow.state.consuming',
  plugged: 'flow.state.plugged',
  unplugged: 'flow.state.unplugged',
} as const satisfies Record<FlowState, string>;

// Drawn before the nodes so the discs cover the line ends.
const lineOrder: readonly FlowNodeId[] = ['pv', 'grid', 'home', 'battery', 'car'];

/** The live energy flow: PV, grid, battery, home and car around one junction. */
export function FlowDiagram(): ReactElement {
  const { t, i18n } = useTranslation();
  const locale = formatLocale(i18n.language);
  const snapshot = useSnapshot();
  const model: FlowModel | null = useMemo(() => (snapshot === null ? null : flowModel(snapshot)), [snapshot]);
  const unknown = t('units.unknown');
  const unit = t('units.kw');

  return (
    <svg className="flow" viewBox={`0 0 ${viewBox.width} ${viewBox.height}`} role="group" aria-label={t('flow.title')} data-testid="flow">
      {lineOrder.map((id) => (
        <FlowLine key={id} node={id} direction={model?.[id].direction ?? 'idle'} level={model?.[id].level ?? 0} />
      ))}
      <circle className="flow__junction" cx={junction.x} cy={junction.y} r={7} />
      {flowNodes.map((id) => {
        const node = model?.[id];
        const powerW = node?.powerW ?? null;
        const value = formatKw(powerW === null ? null : Math.abs(powerW), locale) ?? unknown;
        const state = node?.state ?? 'noData';
        const stateText = t(stateKeys[state]);
        const soc = node === undefined ? null : formatPct(node.socPct, locale);
        const detail = soc === null ? stateText : `${t('units.pct', { value: soc })} · ${stateText}`;
        const name = t(nameKeys[id]);
        return (
          <FlowNode
            key={id}
            node={id}
            name={name}
            value={value}
            unit={unit}
            detail={detail}
            state={state}
            socPct={node?.socPct ?? null}
            label={t('flow.a11yValue', { name, value, state: stateText })}
          />
        );
      })}
    </svg>
  );
}
