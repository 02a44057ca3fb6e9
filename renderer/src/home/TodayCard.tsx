import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { statisticsResource, useResource } from '../../api/index.js';
import { useFormat } from '../i18n/useFormat.js';
import { hrefOf } from '../nav/route.js';

/** Today so far: self-sufficiency, solar energy and what the HEMS saved. */
export function TodayCard(): ReactElement {
  const { t } = useTranslation();
  const f = useFormat();
  const today = useResource(statisticsResource('day', null)).data;
  const totals = today?.totals ?? null;
  const unknown = t('units.unknown');
  const selfPct = totals === null ? null : f.pct(totals.selfSufficiencyPct);
  const cost = totals?.cost ?? null;
  return (
    <section className="panel today-card" aria-labelledby="today-title" data-testid="today-card">
      <header className="panel__header">
        <h2 id="today-title" className="panel__title">
          {t('today.title')}
        </h2>
        <a className="panel__link" href={hrefOf('history')}>
          {t('today.more')}
        </a>
      </header>
      <dl className="figures">
        <div className="figure">
          <dt>{t('today.selfSufficiency')}</dt>
          <dd data-testid="today-self">{selfPct === null ? unknown : t('units.pct', { value: selfPct })}</dd>
        </div>
        <div className="figure">
          <dt>{t('today.solar')}</dt>
          <dd data-testid="today-solar">{totals === null ? unknown : t('units.kwhValue', { value: f.kwh(totals.energy.pvWh) })}</dd>
        </div>
        <div className="figure">
          <dt>{t('today.savings')}</dt>
          <dd data-testid="today-savings" className={cost !== null && cost.savings <= -0.005 ? 'figure__value--negative' : undefined}>
            {cost === null ? unknown : f.money(cost.savings, cost.currency)}
          </dd>
        </div>
      </dl>
      {totals !== null && cost === null && <p className="today-card__note">{t('today.noPrices')}</p>}
    </section>
  );
}
