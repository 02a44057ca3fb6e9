import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useLive } from '../../api/index.js';
import { shallowEqual } from '../equality.js';
import { useFormat } from '../i18n/useFormat.js';
import { hrefOf } from '../nav/route.js';
import { ModeButtons } from './ModeButtons.js';

interface CarSummary {
  readonly pluggedIn: boolean;
  readonly socPct: number | null;
  readonly targetSocPct: number;
  readonly readyBy: string | null;
}

/** The home screen's car card: state of charge, departure and the four modes; the car screen has the rest. */
export function CarPanel(): ReactElement {
  const { t } = useTranslation();
  const f = useFormat();
  // Snapshots arrive every tick with a new car object; re-render only when what is shown differs.
  const car = useLive((s): CarSummary | null => {
    const c = s.snapshot?.car;
    return c === undefined ? null : { pluggedIn: c.pluggedIn, socPct: c.socPct === null ? null : Math.round(c.socPct), targetSocPct: c.targetSocPct, readyBy: c.readyBy };
  }, shallowEqual<CarSummary>);
  const soc = f.pct(car?.socPct ?? null);
  return (
    <section className="panel car-panel" aria-labelledby="car-title">
      <header className="panel__header">
        <h2 id="car-title" className="panel__title">
          {t('car.title')}
        </h2>
        <a className="panel__link" href={hrefOf('car')} data-testid="car-more">
          {t('car.more')}
        </a>
      </header>
      <p className="car-panel__soc" data-testid="car-soc">
        <span>
          {soc === null ? t('car.socUnknown') : t('car.soc', { value: soc })}
          {car !== null && (
            <span className="car-panel__plug" data-plugged={car.pluggedIn}>
              {' · '}
              {car.pluggedIn ? t('car.plugged') : t('car.unplugged')}
            </span>
          )}
        </span>
        {car !== null && (
          <span className="car-panel__min">
            {car.readyBy === null ? t('car.targetOnly', { target: car.targetSocPct }) : t('car.readyBySummary', { time: car.readyBy, target: car.targetSocPct })}
          </span>
        )}
      </p>
      <ModeButtons />
    </section>
  );
}
