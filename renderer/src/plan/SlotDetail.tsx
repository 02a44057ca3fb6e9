import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanSlot } from '../../../main/common/plan.js';
import { useFormat } from '../i18n/useFormat.js';

/** Signed power in words: "Charging 3.2 kW" / "Discharging 1.0 kW" / "Idle". */
function useFlowText(): (w: number, positive: string, negative: string) => string {
  const { t } = useTranslation();
  const f = useFormat();
  return (w, positive, negative) => {
    if (Math.abs(w) < 50) return t('plan.detail.idle');
    return `${w > 0 ? positive : negative} ${t('units.kwValue', { value: f.kw(Math.abs(w)) ?? '' })}`;
  };
}

/** Everything the plan says about one slot, with buttons to step through the slots. */
export function SlotDetail(props: {
  readonly slot: PlanSlot;
  readonly currency: string;
  readonly isNow: boolean;
  readonly onStep: (delta: number) => void;
  readonly canStep: (delta: number) => boolean;
  readonly onNow: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const f = useFormat();
  const flow = useFlowText();
  const { slot, currency } = props;
  const rows: readonly [string, string, string?][] = [
    [t('plan.detail.import'), `${f.price(slot.importPerKWh, currency)} ${t('price.perKwh')}${slot.priceEstimated ? ` (${t('plan.detail.estimated')})` : ''}`, 'detail-price'],
    [t('plan.detail.export'), `${f.price(slot.exportPerKWh, currency)} ${t('price.perKwh')}`],
    [t('plan.detail.pv'), t('units.kwValue', { value: f.kw(slot.pvForecastW) ?? '' })],
    [t('plan.detail.load'), t('units.kwValue', { value: f.kw(slot.loadForecastW) ?? '' })],
    [t('plan.detail.grid'), flow(slot.gridW, t('plan.detail.importing'), t('plan.detail.exporting'))],
    [t('plan.detail.battery'), flow(slot.batteryW, t('plan.detail.discharging'), t('plan.detail.charging'))],
    [t('plan.detail.car'), slot.carPluggedIn ? flow(slot.carW, t('plan.detail.charging'), t('plan.detail.discharging')) : t('plan.detail.carAway')],
    [t('plan.detail.batterySoc'), t('units.pct', { value: f.pct(slot.batterySocPct) })],
    [t('plan.detail.carSoc'), slot.carSocPct === null || !slot.carPluggedIn ? t('units.unknown') : t('units.pct', { value: f.pct(slot.carSocPct) })],
    [t('plan.detail.cost'), f.money(slot.costEur, currency)],
  ];
  return (
    <section className="panel slot-detail" aria-labelledby="slot-title" data-testid="slot-detail">
      <header className="slot-detail__head">
        <button type="button" className="icon-button" aria-label={t('plan.detail.previous')} disabled={!props.canStep(-1)} onClick={() => props.onStep(-1)} data-testid="slot-prev">
          ‹
        </button>
        <h2 id="slot-title" className="slot-detail__title" aria-live="polite" data-testid="slot-title">
          {f.date(slot.startMs, 'weekdayShort')} {f.time(slot.startMs)}–{f.time(slot.endMs)}
          {props.isNow && <span className="now-badge">{t('plan.detail.now')}</span>}
        </h2>
        <button type="button" className="icon-button" aria-label={t('plan.detail.next')} disabled={!props.canStep(1)} onClick={() => props.onStep(1)} data-testid="slot-next">
          ›
        </button>
      </header>
      <p className="slot-detail__reason" data-testid="slot-reason">
        {slot.reason}
      </p>
      <dl className="detail-list">
        {rows.map(([label, value, testId]) => (
          <div key={label} className="detail-list__row">
            <dt>{label}</dt>
            <dd data-testid={testId}>{value}</dd>
          </div>
        ))}
      </dl>
      {!props.isNow && (
        <button type="button" className="button button--quiet" onClick={props.onNow}>
          {t('plan.detail.backToNow')}
        </button>
      )}
    </section>
  );
}
