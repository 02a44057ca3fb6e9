import { useMemo } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridLimitSignal } from '../../../main/common/limits.js';
import type { SignalChannel, SignalKind, SignalState } from '../../../main/common/signals.js';
import type { DemandCharge, PriceSource } from '../../../main/common/tariff.js';
import { signalsResource, tariffResource, useLive, useResource } from '../../api/index.js';
import { shallowEqualItems } from '../equality.js';
import { priceNow } from '../home/priceModel.js';
import { useFormat } from '../i18n/useFormat.js';
import { EmptyState } from '../ui/EmptyState.js';
import { PriceStrip } from '../ui/PriceStrip.js';
import './signals.css';

const slotMs = 15 * 60_000;

const stateKeys = {
  accepted: 'signals.state.accepted',
  rejected: 'signals.state.rejected',
  expired: 'signals.state.expired',
  superseded: 'signals.state.superseded',
  revoked: 'signals.state.revoked',
} as const satisfies Record<SignalState, string>;

const kindKeys = {
  'price-curve': 'signals.kind.priceCurve',
  'import-limit': 'signals.kind.importLimit',
  'export-limit': 'signals.kind.exportLimit',
  'controllable-limit': 'signals.kind.controllableLimit',
  'flex-request': 'signals.kind.flexRequest',
  'tempo-colour': 'signals.kind.tempoColour',
  revoke: 'signals.kind.revoke',
  heartbeat: 'signals.kind.heartbeat',
} as const satisfies Record<SignalKind, string>;

const channelKeys = { mqtt: 'signals.channel.mqtt', openadr: 'signals.channel.openadr', 'dso-14a': 'signals.channel.dso14a' } as const satisfies Record<SignalChannel, string>;

const sourceKeys = {
  dayahead: 'tariff.source.dayahead',
  fixed: 'tariff.source.fixed',
  'time-of-use': 'tariff.source.timeOfUse',
  utility: 'tariff.source.utility',
  forecast: 'tariff.source.forecast',
  fallback: 'tariff.source.fallback',
} as const satisfies Record<PriceSource, string>;

const limitSourceKeys = {
  config: 'limits.source.config',
  mqtt: 'limits.source.utility',
  openadr: 'limits.source.utility',
  'dso-14a': 'limits.source.dso',
  failsafe: 'limits.source.failsafe',
} as const satisfies Record<GridLimitSignal['source'], string>;

const limitKindKeys = { import: 'limits.kind.import', export: 'limits.kind.export', controllable: 'limits.kind.controllable' } as const satisfies Record<GridLimitSignal['kind'], string>;

function DemandChargeLine(props: { readonly charge: DemandCharge; readonly currency: string }): ReactElement {
  const { t } = useTranslation();
  const f = useFormat();
  const c = props.charge;
  switch (c.kind) {
    case 'monthly-peak':
      return <li>{t('tariff.demand.monthlyPeak', { price: f.money(c.perKWPerMonth, props.currency), minutes: c.intervalMin })}</li>;
    case 'top3-daily-peaks':
      return <li>{t('tariff.demand.top3', { price: f.money(c.perKWPerMonth, props.currency) })}</li>;
    case 'capacity-steps':
      return <li>{t('tariff.demand.steps', { steps: c.stepUpperW.length })}</li>;
  }
}

function TariffPanel(): ReactElement {
  const { t } = useTranslation();
  const f = useFormat();
  const tariff = useResource(tariffResource());
  const slotStart = useLive((s) => (s.snapshot === null ? null : Math.floor(s.snapshot.ts / slotMs) * slotMs));
  const view = tariff.data;
  const schedule = view?.schedule ?? null;
  const now = useMemo(() => (slotStart === null ? null : priceNow(schedule, slotStart)), [schedule, slotStart]);

  let body: ReactElement;
  if (view === null) {
    body = tariff.status === 'loading' ? <p className="muted">{t('app.loading')}</p> : <EmptyState title={t('tariff.unavailable')} testId="tariff-empty" />;
  } else if (schedule === null) {
    body = (
      <EmptyState title={view.preset === null ? t('tariff.none') : t('tariff.noPrices')} testId="tariff-empty">
        {t('tariff.noneHint')}
      </EmptyState>
    );
  } else {
    const c = schedule.currency;
    body = (
      <>
        <p className="tariff__name" data-testid="tariff-name">
          {schedule.name}
        </p>
        {view.preset !== null && view.preset.name !== schedule.name && <p className="muted">{t('tariff.preset', { name: view.preset.name, country: view.preset.country })}</p>}
        {now !== null && (
          <>
            <dl className="figures">
              <div className="figure">
                <dt>{t('tariff.importNow')}</dt>
                <dd data-testid="tariff-import">{f.price(now.slot.importPerKWh, c)}</dd>
              </div>
              <div className="figure">
                <dt>{t('tariff.exportNow')}</dt>
                <dd>{f.price(now.slot.exportPerKWh, c)}</dd>
              </div>
              <div className="figure">
                <dt>{t('tariff.sourceLabel')}</dt>
                <dd className="figure__text">{t(sourceKeys[now.slot.source])}</dd>
              </div>
            </dl>
            <p className="control-label">{t('tariff.next24h')}</p>
            <PriceStrip slots={now.window} levels={now.levels} currentMs={now.slot.startMs} label={t('price.stripLabel', { min: f.price(now.cheapest.importPerKWh, c), max: f.price(now.dearest.importPerKWh, c) })} />
            <p className="price-strip__ends muted">
              <span>{f.time(now.window[0]?.startMs ?? 0)}</span>
              <span>{f.time(now.window.at(-1)?.endMs ?? 0)}</span>
            </p>
          </>
        )}
        {schedule.demandCharges.length > 0 && (
          <>
            <p className="control-label">{t('tariff.demandTitle')}</p>
            <ul className="plain-list">
              {schedule.demandCharges.map((d, i) => (
                <DemandChargeLine key={i} charge={d} currency={c} />
              ))}
            </ul>
          </>
        )}
      </>
    );
  }
  const bill = view?.monthToDate ?? null;
  return (
    <section className="panel tariff-panel" aria-labelledby="tariff-title" data-testid="tariff-panel">
      <h2 id="tariff-title" className="panel__title">
        {t('tariff.title')}
      </h2>
      {body}
      {bill !== null && (
        <div className="bill" data-testid="bill">
          <p className="control-label">{t('tariff.billTitle', { from: f.date(bill.fromMs, 'dayMonth'), to: f.date(bill.toMs, 'dayMonth') })}</p>
          <dl className="detail-list">
            {bill.lines.map((l) => (
              <div key={l.label} className="detail-list__row">
                <dt>{l.label}</dt>
                <dd>{f.money(l.amount, bill.currency)}</dd>
              </div>
            ))}
            <div className="detail-list__row detail-list__row--total">
              <dt>{t('tariff.billTotal')}</dt>
              <dd>{f.money(bill.total, bill.currency)}</dd>
            </div>
          </dl>
        </div>
      )}
    </section>
  );
}

function LimitsPanel(): ReactElement {
  const { t } = useTranslation();
  const f = useFormat();
  const values = useLive((s) => {
    const l = s.snapshot?.limits;
    return l === undefined ? null : [l.importLimitW, l.exportLimitW, l.controllableLimitW];
  }, (a, b) => a === b || (a !== null && b !== null && a.every((v, i) => v === b[i])));
  const signals = useLive((s) => s.snapshot?.limits.signals ?? null, (a, b) => shallowEqualItems(a, b));
  const kw = (w: number | null | undefined): string => (w == null ? t('limits.none') : t('units.kwValue', { value: f.number(w / 1000, 1) }));
  return (
    <section className="panel limits-panel" aria-labelledby="limits-title" data-testid="limits-panel">
      <h2 id="limits-title" className="panel__title">
        {t('limits.title')}
      </h2>
      <dl className="figures">
        <div className="figure">
          <dt>{t('limits.import')}</dt>
          <dd data-testid="limit-import">{kw(values?.[0])}</dd>
        </div>
        <div className="figure">
          <dt>{t('limits.export')}</dt>
          <dd data-testid="limit-export">{kw(values?.[1])}</dd>
        </div>
        <div className="figure">
          <dt>{t('limits.controllable')}</dt>
          <dd data-testid="limit-controllable">{kw(values?.[2])}</dd>
        </div>
      </dl>
      {signals !== null && signals.length > 0 ? (
        <ul className="record-list">
          {signals.map((s) => (
            <li key={s.id} className="record">
              <span className="record__main">
                {t(limitKindKeys[s.kind])} {t('units.kwValue', { value: f.number(s.limitW / 1000, 1) })}
              </span>
              <span className="record__meta">
                {t(limitSourceKeys[s.source])} · {s.issuer} · {s.endMs === null ? t('limits.untilRevoked') : t('limits.until', { time: f.time(s.endMs) })}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('limits.noneActive')}</p>
      )}
    </section>
  );
}

function SignalsPanel(): ReactElement {
  const { t } = useTranslation();
  const f = useFormat();
  const res = useResource(signalsResource());
  const view = res.data;
  const when = (ts: number): string => `${f.date(ts, 'dayMonth')} ${f.time(ts)}`;
  return (
    <section className="panel signals-panel" aria-labelledby="signals-title" data-testid="signals-panel">
      <header className="panel__header">
        <h2 id="signals-title" className="panel__title">
          {t('signals.title')}
        </h2>
        {view !== null && <span className="muted">{t('signals.counters', { accepted: view.counters.accepted, rejected: view.counters.rejected })}</span>}
      </header>
      {view === null ? (
        res.status === 'loading' ? (
          <p className="muted">{t('app.loading')}</p>
        ) : (
          <EmptyState title={t('signals.unavailable')} testId="signals-empty" />
        )
      ) : (
        <>
          <ul className="channel-list">
            {view.channels.map((c) => (
              <li key={c.channel} className={`channel channel--${c.enabled ? 'on' : 'off'}`} data-testid={`channel-${c.channel}`}>
                <span className="channel__name">{t(channelKeys[c.channel])}</span>
                <span className="channel__state">{c.enabled ? c.state : t('signals.off')}</span>
                {c.enabled && c.lastMessageMs !== null && <span className="muted">{t('signals.lastHeard', { time: when(c.lastMessageMs) })}</span>}
              </li>
            ))}
          </ul>
          {view.signals.length === 0 ? (
            <EmptyState title={t('signals.none')} testId="signals-none">
              {t('signals.noneHint')}
            </EmptyState>
          ) : (
            <ul className="record-list" data-testid="signal-list">
              {view.signals.map((s, i) => (
                <li key={`${s.channel}/${s.id ?? i}/${s.receivedMs}`} className={`record record--${s.state}`} data-testid="signal" data-state={s.state}>
                  <span className={`state-chip state-chip--${s.state}`}>{t(stateKeys[s.state])}</span>
                  <span className="record__main">{s.kind === null ? t('signals.kind.unknown') : t(kindKeys[s.kind])}</span>
                  <span className="record__reason">{s.reason}</span>
                  <span className="record__meta">
                    {t(channelKeys[s.channel])}
                    {s.issuer !== null && ` · ${s.issuer}`} · {t('signals.received', { time: when(s.receivedMs) })}
                    {s.validFromMs !== null && s.validUntilMs !== null && ` · ${t('signals.valid', { from: when(s.validFromMs), to: when(s.validUntilMs) })}`}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** Tariff and prices, the grid limits in force, and what utilities sent. */
export function SignalsScreen(): ReactElement {
  return (
    <div className="signals-screen">
      <TariffPanel />
      <LimitsPanel />
      <SignalsPanel />
    </div>
  );
}
