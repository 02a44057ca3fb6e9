import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLocale } from '../../i18n/languages.js';
import { StepErrorText } from '../StepError.js';
import { readingsText } from './format.js';
import { StepActions } from './StepActions.js';
import type { StepProps } from './types.js';

/** Step 4: who answers, and what each device reads right now (refreshed every second). */
export function ProbeStep({ w, flow }: StepProps): ReactElement {
  const { t, i18n } = useTranslation('installer');
  const locale = formatLocale(i18n.language);
  const running = flow.probe.some((p) => p.state === 'running');
  return (
    <section className="panel wizard-step" data-testid="step-probe">
      <h2 className="panel__title">{t('probe.title')}</h2>
      <p className="explain">{t('probe.explain')}</p>
      <ul className="probe-list">
        {flow.probe.map((p) => {
          const id = p.identity;
          return (
            <li key={p.role} className={`probe-card probe-card--${p.state}`} data-testid={`probe-${p.role}`} data-state={p.state}>
              <div className="probe-card__head">
                <span className="probe-card__role">{t(`role.${p.role}`)}</span>
                <span className={`badge badge--${p.state}`} data-testid={`probe-${p.role}-state`}>
                  {t(`probe.state.${p.state}`)}
                </span>
              </div>
              <p className="probe-card__where">
                {p.type} · {p.endpoint}
                {p.source !== null && <span className="muted"> · {t(`probe.source.${p.source}`)}</span>}
              </p>
              {id !== null && (
                <p className="probe-card__id" data-testid={`probe-${p.role}-identity`}>
                  {[id.manufacturer, id.model].filter((x) => x !== null && x !== '').join(' ')}
                  {id.serial !== null && <span className="muted"> · SN {id.serial}</span>}
                  {id.version !== null && <span className="muted"> · v{id.version}</span>}
                </p>
              )}
              {p.readings !== null && (
                <p className="probe-card__values" data-testid={`probe-${p.role}-readings`}>
                  {readingsText(p.readings, locale).map((s) => (
                    <span key={s}>{s}</span>
                  ))}
                </p>
              )}
              <StepErrorText error={p.error ?? flow.errors[p.role]} testId={`probe-${p.role}-error`} />
            </li>
          );
        })}
      </ul>
      <StepActions busy={w.busy} nextDisabled={running} onNext={() => void w.submit({ step: 'probe', input: {} })}>
        <button type="button" className="button button--quiet" disabled={w.busy || running} data-testid="probe-retry" onClick={() => void w.submit({ step: 'probe', input: { retry: true } })}>
          {t('probe.retry')}
        </button>
      </StepActions>
    </section>
  );
}
