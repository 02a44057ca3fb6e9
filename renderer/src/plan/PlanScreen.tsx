import { useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanStatus } from '../../../main/common/plan.js';
import { planResource, tariffResource, useLive, useResource } from '../../api/index.js';
import { useFormat } from '../i18n/useFormat.js';
import { EmptyState } from '../ui/EmptyState.js';
import { PlanCharts } from './PlanCharts.js';
import { planSeries } from './planModel.js';
import { SlotDetail } from './SlotDetail.js';
import './plan.css';

const slotMs = 15 * 60_000;

const statusKeys = { optimal: 'plan.status.optimal', feasible: 'plan.status.feasible', fallback: 'plan.status.fallback' } as const satisfies Record<PlanStatus, string>;

/** The controller's own one-line reason, live. */
function Decision(): ReactElement {
  const { t } = useTranslation();
  const decision = useLive((s) => s.snapshot?.control.decision ?? '');
  return (
    <p className="plan-now__decision" data-testid="plan-decision">
      <span className="plan-now__label">{t('plan.decisionNow')}</span> {decision}
    </p>
  );
}

/** The next 48 hours: prices, forecasts, what the battery and the car will do, and why. */
export function PlanScreen(): ReactElement {
  const { t } = useTranslation();
  const f = useFormat();
  const plan = useResource(planResource());
  const currency = useResource(tariffResource()).data?.schedule?.currency ?? 'EUR';
  const nowSlot = useLive((s) => (s.snapshot === null ? null : Math.floor(s.snapshot.ts / slotMs) * slotMs));
  const series = useMemo(() => (plan.data === null || nowSlot === null ? null : planSeries(plan.data, nowSlot)), [plan.data, nowSlot]);
  // The selection is kept as a time, so it stays on the same slot when the plan is renewed.
  const [selectedMs, setSelectedMs] = useState<number | null>(null);

  if (plan.data === null || series === null || series.slots.length === 0) {
    return (
      <div className="plan-screen plan-screen--empty">
        <section className="panel plan-now">
          <Decision />
        </section>
        <section className="panel">
          {plan.status === 'loading' ? (
            <p className="muted">{t('app.loading')}</p>
          ) : (
            <EmptyState title={plan.status === 'error' ? t('plan.unreachable') : t('plan.none')} testId="plan-empty">
              {t('plan.noneHint')}
            </EmptyState>
          )}
        </section>
      </div>
    );
  }

  const p = plan.data;
  const nowIndex = series.nowIndex ?? 0;
  const found = selectedMs === null ? -1 : series.slots.findIndex((s) => s.startMs === selectedMs);
  const selected = found === -1 ? nowIndex : found;
  const slot = series.slots[selected] ?? series.slots[0]!;
  const current = series.slots[nowIndex];
  const select = (i: number): void => setSelectedMs(series.slots[i]?.startMs ?? null);

  return (
    <div className="plan-screen">
      <section className="panel plan-now" aria-labelledby="plan-title">
        <header className="panel__header">
          <h2 id="plan-title" className="panel__title">
            {t('plan.title')}
          </h2>
          <span className={`status-chip status-chip--${p.status}`} data-testid="plan-status">
            {t(statusKeys[p.status])}
          </span>
        </header>
        <p className="plan-now__summary" data-testid="plan-summary">
          {p.summary}
        </p>
        <Decision />
        {current !== undefined && (
          <p className="plan-now__reason">
            <span className="plan-now__label">{t('plan.slotReason')}</span> {current.reason}
          </p>
        )}
        {p.flags.length > 0 && (
          <ul className="flags" data-testid="plan-flags">
            {p.flags.map((flag) => (
              <li key={flag}>{flag}</li>
            ))}
          </ul>
        )}
        <p className="muted plan-now__meta">{t('plan.meta', { time: f.time(p.createdMs), cost: f.money(p.costEur, currency) })}</p>
      </section>
      <section className="panel plan-screen__charts" aria-label={t('plan.chartsLabel')}>
        <PlanCharts series={series} currency={currency} selected={selected} onSelect={select} />
        <p className="muted plan-screen__hint">{t('plan.tapHint')}</p>
      </section>
      <SlotDetail
        slot={slot}
        currency={currency}
        isNow={selected === series.nowIndex}
        onStep={(d) => select(Math.min(series.slots.length - 1, Math.max(0, selected + d)))}
        canStep={(d) => selected + d >= 0 && selected + d < series.slots.length}
        onNow={() => setSelectedMs(null)}
      />
    </div>
  );
}
