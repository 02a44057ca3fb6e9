import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { carModes } from '../../../main/common/snapshot.js';
import type { CarMode } from '../../../main/common/snapshot.js';
import { HubRequestError, setCarMode, useLinkStatus, useLive } from '../../api/index.js';
import { useToast } from '../toast/toastContext.js';

const modeKeys = { off: 'car.mode.off', solar: 'car.mode.solar', smart: 'car.mode.smart', fast: 'car.mode.fast' } as const satisfies Record<CarMode, string>;
const hintKeys = { off: 'car.modeHint.off', solar: 'car.modeHint.solar', smart: 'car.modeHint.smart', fast: 'car.modeHint.fast' } as const satisfies Record<CarMode, string>;

/** Shown in this order: the everyday choice first. */
const order: readonly CarMode[] = ['smart', 'solar', 'fast', 'off'];

/** How long a tapped mode shows as pending if the snapshots never confirm it. */
const pendingTimeoutMs = 8_000;

/** The four charging modes as big touch buttons; a tapped mode is pending until a snapshot confirms it. */
export function ModeButtons(props: { readonly size?: 'large' | 'compact' }): ReactElement {
  const { t } = useTranslation();
  const toast = useToast();
  const mode = useLive((s) => s.snapshot?.car.mode ?? null);
  const link = useLinkStatus();
  const [pending, setPending] = useState<CarMode | null>(null);

  useEffect(() => {
    if (pending !== null && mode === pending) setPending(null);
  }, [mode, pending]);
  useEffect(() => {
    if (pending === null) return;
    const timer = setTimeout(() => setPending(null), pendingTimeoutMs);
    return () => clearTimeout(timer);
  }, [pending]);

  const choose = (next: CarMode): void => {
    setPending(next);
    setCarMode(next).catch((err: unknown) => {
      setPending(null);
      if (err instanceof HubRequestError && err.code !== 'network') toast.show(t('car.refused', { message: err.message }));
      else toast.show(t('car.unreachable'));
    });
  };

  return (
    <div className={`mode-buttons mode-buttons--${props.size ?? 'compact'}`} role="group" aria-label={t('car.modeGroup')}>
      {order.filter((m) => carModes.includes(m)).map((m) => {
        const selected = mode === m;
        return (
          <button
            key={m}
            type="button"
            className={`mode-button mode-button--${m}${selected ? ' mode-button--selected' : ''}${pending === m ? ' mode-button--pending' : ''}`}
            aria-pressed={selected}
            data-testid={`car-mode-${m}`}
            disabled={link !== 'live'}
            onClick={() => choose(m)}
          >
            <span className="mode-button__label">{t(modeKeys[m])}</span>
            <span className="mode-button__hint">{t(hintKeys[m])}</span>
          </button>
        );
      })}
    </div>
  );
}
