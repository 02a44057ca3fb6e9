import { useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { signCheck } from '../../../api/installer.js';
import { formatLocale } from '../../i18n/languages.js';
import { StepErrorText } from '../StepError.js';
import { powerText, signedPowerText } from './format.js';
import { StepActions } from './StepActions.js';
import type { StepProps } from './types.js';

/** Step 5: switch on a known load and see the consumption rise (a meter the wrong way round shows it falling). */
export function SignCheckStep({ w, flow }: StepProps): ReactElement {
  const { t, i18n } = useTranslation('installer');
  const locale = formatLocale(i18n.language);
  const [error, setError] = useState<string | null>(null);
  const v = flow.signCheck;
  const active = v.state === 'baseline' || v.state === 'waiting';
  const start = (): void => {
    setError(null);
    signCheck('start').then(
      () => w.refresh(),
      (err: unknown) => setError(String(err instanceof Error ? err.message : err)),
    );
  };
  const pct = v.deltaW === null ? 0 : Math.max(0, Math.min(100, (100 * v.deltaW) / v.expectedW));
  return (
    <section className="panel wizard-step" data-testid="step-sign-check">
      <h2 className="panel__title">{t('sign.title')}</h2>
      <p className="explain">{t('sign.explain', { kw: v.expectedW / 1000, threshold: v.thresholdW / 1000 })}</p>
      <div className={`sign-check sign-check--${v.state}`} data-testid="sign-check" data-state={v.state}>
        <p className="sign-check__state" aria-live="polite" data-testid="sign-state">
          {t(`sign.state.${v.state}`, { seconds: Math.ceil((v.remainingMs ?? 0) / 1000), kw: v.expectedW / 1000 })}
        </p>
        {v.baselineW !== null && (
          <>
            <div className="sign-check__meter" role="meter" aria-valuemin={0} aria-valuemax={v.expectedW} aria-valuenow={Math.max(0, Math.round(v.deltaW ?? 0))} aria-label={t('sign.rise')}>
              <span style={{ width: `${pct}%` }} />
              <i style={{ left: `${(100 * v.thresholdW) / v.expectedW}%` }} />
            </div>
            <dl className="sign-check__figures">
              <div>
                <dt>{t('sign.before')}</dt>
                <dd>{powerText(Math.round(v.baselineW), locale)}</dd>
              </div>
              <div>
                <dt>{t('sign.now')}</dt>
                <dd>{powerText(v.currentW === null ? null : Math.round(v.currentW), locale)}</dd>
              </div>
              <div>
                <dt>{t('sign.rise')}</dt>
                <dd data-testid="sign-delta">{signedPowerText(v.deltaW, locale)}</dd>
              </div>
              <div>
                <dt>{t('sign.grid')}</dt>
                <dd>{signedPowerText(v.gridDeltaW, locale)}</dd>
              </div>
              <div>
                <dt>{t('sign.battery')}</dt>
                <dd>{signedPowerText(v.batteryDeltaW, locale)}</dd>
              </div>
            </dl>
          </>
        )}
        <StepErrorText error={v.error ?? undefined} testId="sign-error" />
      </div>
      {error !== null && (
        <p className="installer-error" role="alert">
          {error}
        </p>
      )}
      <StepActions busy={w.busy} nextDisabled={v.state !== 'passed'} onNext={() => void w.submit({ step: 'sign_check', input: {} })}>
        <button type="button" className="button button--quiet" disabled={active} data-testid="sign-skip" onClick={() => void w.submit({ step: 'sign_check', input: { skip: true } })}>
          {t('sign.skip')}
        </button>
        <button type="button" className={v.state === 'passed' ? 'button button--quiet' : 'button'} disabled={active} data-testid="sign-start" onClick={start}>
          {v.state === 'idle' ? t('sign.start') : t('sign.again')}
        </button>
      </StepActions>
    </section>
  );
}
