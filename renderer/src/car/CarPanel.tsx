import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { carModes } from '../../../main/common/snapshot.js';
import type { CarMode } from '../../../main/common/snapshot.js';
import { HubRequestError, setCarMode, useLinkStatus, useLive } from '../../api/index.js';
import { shallowEqual } from '../equality.js';
import { formatPct } from '../format.js';
import { useToast } from '../toast/toastContext.js';

const modeKeys = { off: 'car.mode.off', solar: 'car.mode.solar', smart: 'car.mode.smart', fast: 'car.mode.fast' } as const satisfies Record<CarMode, string>;
const hintKeys = { off: 'car.modeHint.off', solar: 'car.modeHint.solar', smart: 'car.modeHint.smart', fast: 'car.modeHint.fast' } as const satisfies Record<CarMode, string>;

/** How long a tapped mode shows as pending if the snapshots never confirm it. */
const pendingTimeoutMs = 8_000;

/** Car state and the three charging modes as big touch buttons. */
export function CarPanel(): ReactElement {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  // Snapshots arrive every tick with a new car object; re-render only when it differs.
  const car = useLive((s) => s.snapshot?.car ?? null, shallowEqual);
  const link = useLinkStatus();
  const [pending, setPending] = useState<CarMode | null>(null);

  // The mode counts as applied once a snapshot reports it.
  useEffect(() => {
    if (pending !== null && car?.mode === pending) setPending(null);
  }, [car?.mode, pending]);
  useEffect(() => {
    if (pending === null) return;
    const timer = setTimeout(() => setPending(null), pendingTimeoutMs);
    return () => clearTimeout(timer);
  }, [pending]);

  const choose = (mode: CarMode): void => {
    setPending(mode);
    setCarMode(mode).catch((err: unknown) => {
      setPending(null);
      if (err instanceof HubRequestError && err.code !== 'network') toast.show(t('car.refused', { message: err.message }));
      else toast.show(t('car.unreachable'));
    });
  };

  const soc = formatPct(car?.socPct ?? null, i18n.language);
  const current = car?.mode ?? null;
  return (
    <section className="panel car-panel" aria-labelledby="car-title">
      <header className="panel__header">
        <h2 id="car-title" className="panel__title">
          {t('car.title')}
        </h2>
        <span className="car-panel__plug" data-plugged={car?.pluggedIn ?? false}>
          {car === null ? '' : car.pluggedIn ? t('car.plugged') : t('car.unplugged')}
        </span>
      </header>
      <p className="car-panel__soc" data-testid="car-soc">
        {soc === null ? t('car.socUnknown') : t('car.soc', { value: soc })}
        {car !== null && <span className="car-panel__min">{t('car.minSoc', { value: car.minSocPct })}</span>}
      </p>
      <div className="mode-buttons" role="group" aria-label={t('car.modeGroup')}>
        {carModes.map((mode) => {
          const selected = current === mode;
          return (
            <button
              key={mode}
              type="button"
              className={`mode-button mode-button--${mode}${selected ? ' mode-button--selected' : ''}${pending === mode ? ' mode-button--pending' : ''}`}
              aria-pressed={selected}
              data-testid={`car-mode-${mode}`}
              disabled={link !== 'live'}
              onClick={() => choose(mode)}
            >
              <span className="mode-button__label">{t(modeKeys[mode])}</span>
              <span className="mode-button__hint">{t(hintKeys[mode])}</span>
            </button>
          );
        })}
      </div>
    </section>
  );
}
