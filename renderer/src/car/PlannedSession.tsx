import { useMemo } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { nextLocalTimeMs } from '../../../main/common/local-time.js';
import type { PlanSlot } from '../../../main/common/plan.js';
import { planResource, tariffResource, useLive, useResource } from '../../api/index.js';
import { useFormat } from '../i18n/useFormat.js';
import { hrefOf } from '../nav/route.js';
import { EmptyState } from '../ui/EmptyState.js';
import { sessionPlan } from './sessionModel.js';

const slotMs = 15 * 60_000;

function SessionBars(props: { readonly slots: readonly PlanSlot[]; readonly label: string }): ReactElement {
  const max = Math.max(1, ...props.slots.map((s) => Math.abs(s.carW)));
  // With V2H/V2G planned, charging rises from a middle line and giving back hangs below it.
  const both = props.slots.some((s) => s.carW < 0);
  const scale = both ? 50 : 100;
  return (
    <div className={`session-bars${both ? ' session-bars--both' : ''}`} role="img" aria-label={props.label}>
      {props.slots.map((s) => (
        <span key={s.startMs} className="session-bars__slot">
          <span
            className={`session-bars__bar${s.carW < 0 ? ' session-bars__bar--out' : ''}`}
            style={{ height: `${(Math.abs(s.carW) / max) * scale}%` }}
          />
        </span>
      ))}
    </div>
  );
}

/** What the plan does with the car until it leaves: energy, timing, cost, SoC at departure. */
export function PlannedSession(props: { readonly readyBy: string | null; readonly timeZone: string | undefined }): ReactElement {
  const { t } = useTranslation();
  const f = useFormat();
  const plan = useResource(planResource());
  const currency = useResource(tariffResource()).data?.schedule?.currency ?? 'EUR';
  const nowSlot = useLive((s) => (s.snapshot === null ? null : Math.floor(s.snapshot.ts / slotMs) * slotMs));
  const { readyBy, timeZone } = props;
  const departureMs = useMemo(() => {
    if (nowSlot === null || readyBy === null) return null;
    return nextLocalTimeMs(nowSlot, readyBy, timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  }, [nowSlot, readyBy, timeZone]);
  const session = useMemo(() => (nowSlot === null ? null : sessionPlan(plan.data, nowSlot, departureMs)), [plan.data, nowSlot, departureMs]);

  if (plan.status === 'loading') return <p className="muted">{t('app.loading')}</p>;
  if (plan.data === null) {
    return (
      <EmptyState title={t('session.noPlan')} testId="session-empty">
        {t('session.noPlanHint')}
      </EmptyState>
    );
  }
  if (session === null) return <EmptyState title={t('session.notPlugged')} testId="session-empty" />;
  return (
    <div className="session" data-testid="session">
      <dl className="figures figures--wide">
        <div className="figure">
          <dt>{t('session.charge')}</dt>
          <dd data-testid="session-charge">{t('units.kwhValue', { value: f.kwh(session.chargeWh) })}</dd>
        </div>
        <div className="figure">
          <dt>{t('session.cost')}</dt>
          <dd data-testid="session-cost">{f.money(session.chargeCost, currency)}</dd>
        </div>
        {session.dischargeWh > 0 && (
          <div className="figure">
            <dt>{t('session.discharge')}</dt>
            <dd>{t('units.kwhValue', { value: f.kwh(session.dischargeWh) })}</dd>
          </div>
        )}
        <div className="figure">
          <dt>{departureMs === null ? t('session.socIn24h') : t('session.socAtDeparture', { time: readyBy })}</dt>
          <dd data-testid="session-soc">{session.endSocPct === null ? t('units.unknown') : t('units.pct', { value: f.pct(session.endSocPct) })}</dd>
        </div>
      </dl>
      <p className="session__when">
        {session.chargeFromMs === null || session.chargeToMs === null
          ? t('session.noCharging')
          : t('session.chargingWindow', { from: f.time(session.chargeFromMs), to: f.time(session.chargeToMs) })}
      </p>
      <SessionBars slots={session.slots} label={t('session.barsLabel')} />
      {plan.data.flags.length > 0 && (
        <ul className="flags">
          {plan.data.flags.map((flag) => (
            <li key={flag}>{flag}</li>
          ))}
        </ul>
      )}
      <a className="panel__link" href={hrefOf('plan')}>
        {t('session.toPlan')}
      </a>
    </div>
  );
}
