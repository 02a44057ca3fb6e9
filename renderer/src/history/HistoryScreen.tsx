import { useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { statisticsRanges } from '../../../main/common/statistics.js';
import type { EnergyTotals, StatisticsRange, StatisticsView } from '../../../main/common/statistics.js';
import { downloadStatisticsCsv, statisticsResource, useResource } from '../../api/index.js';
import { useToast } from '../toast/toastContext.js';
import { useFormat } from '../i18n/useFormat.js';
import type { Formatters } from '../i18n/useFormat.js';
import { EmptyState } from '../ui/EmptyState.js';
import { HistoryChart } from './HistoryChart.js';
import { shares, sourceKeys, useKeys } from './historyModel.js';
import type { SourceKey, UseKey } from './historyModel.js';
import './history.css';

const rangeKeys = { day: 'history.range.day', week: 'history.range.week', month: 'history.range.month', year: 'history.range.year' } as const satisfies Record<StatisticsRange, string>;

const sourceLabelKeys = {
  pvWh: 'history.flow.pv',
  batteryDischargeWh: 'history.flow.batteryOut',
  gridImportWh: 'history.flow.gridIn',
  carDischargeWh: 'history.flow.carOut',
} as const satisfies Record<SourceKey, string>;

const useLabelKeys = {
  homeWh: 'history.flow.home',
  carChargeWh: 'history.flow.carIn',
  batteryChargeWh: 'history.flow.batteryIn',
  gridExportWh: 'history.flow.gridOut',
} as const satisfies Record<UseKey, string>;

const flowClass: Readonly<Record<SourceKey | UseKey, string>> = {
  pvWh: 'pv',
  batteryDischargeWh: 'battery',
  gridImportWh: 'grid',
  carDischargeWh: 'car',
  homeWh: 'home',
  carChargeWh: 'car',
  batteryChargeWh: 'battery',
  gridExportWh: 'grid',
};

// Kept across visits to the screen (not across reloads).
let lastChoice: { range: StatisticsRange; date: string | null } = { range: 'day', date: null };

function periodTitle(view: StatisticsView, f: Formatters): string {
  switch (view.range) {
    case 'day':
      return f.date(view.fromMs, 'full');
    case 'week':
      return `${f.date(view.fromMs, 'dayMonth')} – ${f.date(view.toMs - 1, 'dayMonth')}`;
    case 'month':
      return f.date(view.fromMs, 'monthYear');
    case 'year':
      return f.date(view.fromMs, 'year');
  }
}

function FlowList<K extends SourceKey | UseKey>(props: { readonly title: string; readonly keys: readonly K[]; readonly energy: EnergyTotals; readonly labels: Readonly<Record<K, string>>; readonly testId: string }): ReactElement {
  const { t } = useTranslation();
  const f = useFormat();
  const values = Object.fromEntries(props.keys.map((k) => [k, props.energy[k]])) as Record<K, number>;
  const share = shares(values);
  return (
    <div className="flow-list" data-testid={props.testId}>
      <h3 className="flow-list__title">{props.title}</h3>
      <ul>
        {props.keys.map((k) => (
          <li key={k} className={`flow-list__item flow-list__item--${flowClass[k]}`}>
            <span className="flow-list__name">{props.labels[k]}</span>
            <span className="flow-list__value">{t('units.kwhValue', { value: f.kwh(values[k]) })}</span>
            <span className="flow-list__bar" aria-hidden="true">
              <span style={{ width: `${share[k] * 100}%` }} />
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Days, weeks, months and years: energy flows, self-sufficiency, cost and savings, CSV export. */
export function HistoryScreen(): ReactElement {
  const { t } = useTranslation();
  const f = useFormat();
  const [choice, setChoice] = useState(lastChoice);
  lastChoice = choice;
  const stats = useResource(statisticsResource(choice.range, choice.date));
  // While the next period loads, the last one stays on screen (dimmed) instead of the layout collapsing.
  const lastView = useRef<StatisticsView | null>(null);
  if (stats.data !== null) lastView.current = stats.data;
  const loading = stats.data === null && stats.status === 'loading';
  const view = stats.data ?? (loading ? lastView.current : null);
  const unknown = t('units.unknown');

  const toast = useToast();
  const download = (v: StatisticsView, step: 'bucket' | '15m'): void => {
    downloadStatisticsCsv(v.range, v.date, step).catch((err: unknown) => toast.show(t('history.csvFailed', { message: err instanceof Error ? err.message : String(err) })));
  };

  const pickRange = (range: StatisticsRange): void => setChoice({ range, date: choice.date ?? null });
  const toDate = (date: string | null): void => setChoice({ range: choice.range, date });

  const sourceLabels = Object.fromEntries(sourceKeys.map((k) => [k, t(sourceLabelKeys[k])])) as Record<SourceKey, string>;
  const useLabels = Object.fromEntries(useKeys.map((k) => [k, t(useLabelKeys[k])])) as Record<UseKey, string>;
  const totals = view?.totals ?? null;
  const cost = totals?.cost ?? null;

  return (
    <div className={`history-screen${loading ? ' history-screen--loading' : ''}`} aria-busy={loading}>
      <div className="history-toolbar">
        <div className="segmented" role="group" aria-label={t('history.rangeLabel')}>
          {statisticsRanges.map((r) => (
            <button key={r} type="button" className="segmented__button" aria-pressed={choice.range === r} data-testid={`range-${r}`} onClick={() => pickRange(r)}>
              {t(rangeKeys[r])}
            </button>
          ))}
        </div>
        <div className="period-nav">
          <button type="button" className="icon-button" aria-label={t('history.previous')} disabled={view === null || loading} onClick={() => view !== null && toDate(view.previousDate)} data-testid="period-prev">
            ‹
          </button>
          <h2 className="period-nav__title" aria-live="polite" data-testid="period-title">
            {view === null ? ' ' : periodTitle(view, f)}
          </h2>
          <button type="button" className="icon-button" aria-label={t('history.next')} disabled={view?.nextDate == null || loading} onClick={() => view?.nextDate != null && toDate(view.nextDate)} data-testid="period-next">
            ›
          </button>
          {choice.date !== null && (
            <button type="button" className="button button--quiet" onClick={() => toDate(null)} data-testid="period-today">
              {t('history.current')}
            </button>
          )}
        </div>
        {view !== null && (
          <span className="csv-links">
            <button type="button" className="button button--quiet" onClick={() => download(view, 'bucket')} data-testid="csv-export">
              {t('history.csv')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => download(view, '15m')} data-testid="csv-export-15m">
              {t('history.csv15')}
            </button>
          </span>
        )}
      </div>

      {view === null ? (
        <section className="panel">
          {stats.status === 'loading' ? <p className="muted">{t('app.loading')}</p> : <EmptyState title={t('history.unavailable')} testId="history-empty">{stats.message}</EmptyState>}
        </section>
      ) : (
        <>
          <dl className="tiles" data-testid="history-tiles">
            <div className="tile tile--pv">
              <dt>{t('history.tile.solar')}</dt>
              <dd data-testid="tile-solar">{t('units.kwhValue', { value: f.kwh(view.totals.energy.pvWh) })}</dd>
            </div>
            <div className="tile tile--home">
              <dt>{t('history.tile.used')}</dt>
              <dd data-testid="tile-used">{t('units.kwhValue', { value: f.kwh(view.totals.energy.homeWh + view.totals.energy.carChargeWh) })}</dd>
            </div>
            <div className="tile">
              <dt>{t('history.tile.selfSufficiency')}</dt>
              <dd data-testid="tile-self-sufficiency">{totals?.selfSufficiencyPct == null ? unknown : t('units.pct', { value: f.pct(totals.selfSufficiencyPct) })}</dd>
            </div>
            <div className="tile">
              <dt>{t('history.tile.selfConsumption')}</dt>
              <dd data-testid="tile-self-consumption">{totals?.selfConsumptionPct == null ? unknown : t('units.pct', { value: f.pct(totals.selfConsumptionPct) })}</dd>
            </div>
            <div className="tile">
              <dt>{t('history.tile.cost')}</dt>
              <dd data-testid="tile-cost">{cost === null ? unknown : f.money(cost.netCost, cost.currency)}</dd>
            </div>
            <div className={`tile tile--savings${cost !== null && cost.savings <= -0.005 ? ' tile--negative' : ''}`}>
              <dt>{t('history.tile.savings')}</dt>
              <dd data-testid="tile-savings">{cost === null ? unknown : f.money(cost.savings, cost.currency)}</dd>
            </div>
          </dl>
          {view.totals.minutes === 0 ? (
            <section className="panel">
              <EmptyState title={t('history.noData')} testId="history-nodata" />
            </section>
          ) : (
            <>
              {cost === null && <p className="note">{t('history.noPrices')}</p>}
              {cost !== null && cost.pricedShare < 0.98 && <p className="note">{t('history.partlyPriced', { pct: f.pct(cost.pricedShare * 100) })}</p>}
              <section className="panel history-screen__chart" aria-label={t('history.chartLabel')}>
                <ul className="legend legend--history" aria-hidden="true">
                  <li className="legend__item legend__item--pv">{t('history.flow.pv')}</li>
                  <li className="legend__item legend__item--grid">{t('history.legend.grid')}</li>
                  <li className="legend__item legend__item--battery">{t('history.legend.battery')}</li>
                  <li className="legend__item legend__item--car">{t('history.legend.car')}</li>
                  <li className="legend__item legend__item--home">{t('history.flow.home')}</li>
                </ul>
                <HistoryChart buckets={view.buckets} range={view.range} label={t('history.chartLabel')} />
                <p className="muted history-screen__axis">{t('history.axisHint')}</p>
              </section>
              <section className="panel history-screen__flows" aria-label={t('history.flowsLabel')}>
                <FlowList title={t('history.from')} keys={sourceKeys} energy={view.totals.energy} labels={sourceLabels} testId="flows-from" />
                <FlowList title={t('history.to')} keys={useKeys} energy={view.totals.energy} labels={useLabels} testId="flows-to" />
              </section>
              {cost !== null && <p className="muted history-screen__baseline">{t('history.baselineExplain')}</p>}
            </>
          )}
        </>
      )}
    </div>
  );
}
