import { useMemo } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { tariffResource, useLive, useResource } from '../../api/index.js';
import { useFormat } from '../i18n/useFormat.js';
import { hrefOf } from '../nav/route.js';
import { PriceStrip } from '../ui/PriceStrip.js';
import { priceNow } from './priceModel.js';
import type { PriceLevel } from './priceModel.js';

const levelKeys = { cheap: 'price.level.cheap', normal: 'price.level.normal', expensive: 'price.level.expensive', flat: 'price.level.flat' } as const satisfies Record<PriceLevel, string>;

const slotMs = 15 * 60_000;

/** The price now, whether that is cheap or dear compared with the next 24 hours, and the coming prices. */
export function PriceCard(): ReactElement {
  const { t } = useTranslation();
  const f = useFormat();
  const tariff = useResource(tariffResource());
  // Re-evaluated when the quarter hour changes, not on every tick.
  const slotStart = useLive((s) => (s.snapshot === null ? null : Math.floor(s.snapshot.ts / slotMs) * slotMs));
  const schedule = tariff.data?.schedule ?? null;
  const now = useMemo(() => (slotStart === null ? null : priceNow(schedule, slotStart)), [schedule, slotStart]);

  let body: ReactElement;
  if (now === null || schedule === null) {
    body = (
      <p className="price-card__none" data-testid="price-none">
        {tariff.status === 'loading' ? t('app.loading') : t('price.none')}
      </p>
    );
  } else {
    const c = schedule.currency;
    body = (
      <>
        <p className="price-card__now">
          <span className="price-card__value" data-testid="price-now">
            {f.price(now.slot.importPerKWh, c)}
          </span>
          <span className="price-card__unit">{t('price.perKwh')}</span>
          <span className={`level-badge level-badge--${now.level}`} data-testid="price-level" data-level={now.level}>
            {t(levelKeys[now.level])}
          </span>
        </p>
        <PriceStrip
          slots={now.window}
          levels={now.levels}
          currentMs={now.slot.startMs}
          label={t('price.stripLabel', { min: f.price(now.cheapest.importPerKWh, c), max: f.price(now.dearest.importPerKWh, c) })}
        />
        {now.level !== 'flat' && (
          <p className="price-card__range">
            {t('price.cheapestAt', { time: f.time(now.cheapest.startMs), price: f.price(now.cheapest.importPerKWh, c) })}
            {' · '}
            {t('price.dearestAt', { time: f.time(now.dearest.startMs), price: f.price(now.dearest.importPerKWh, c) })}
          </p>
        )}
      </>
    );
  }
  return (
    <section className="panel price-card" aria-labelledby="price-title" data-testid="price-card">
      <header className="panel__header">
        <h2 id="price-title" className="panel__title">
          {t('price.title')}
        </h2>
        <a className="panel__link" href={hrefOf('signals')}>
          {t('price.more')}
        </a>
      </header>
      {body}
    </section>
  );
}
