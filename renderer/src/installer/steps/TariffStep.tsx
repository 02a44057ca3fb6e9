import { useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { StepErrorText } from '../StepError.js';
import { StepActions } from './StepActions.js';
import type { StepProps } from './types.js';

/** Step 8: the tariff preset (from main/tariffs); a free text when the hub lists none (checked on save). */
export function TariffStep({ w, flow, catalog }: StepProps): ReactElement {
  const { t } = useTranslation('installer');
  const [preset, setPreset] = useState(flow.data.tariff?.preset ?? 'none');
  const presets = catalog.tariffPresets;
  return (
    <section className="panel wizard-step" data-testid="step-tariff">
      <h2 className="panel__title">{t('tariff.title')}</h2>
      <p className="explain">{t('tariff.explain')}</p>
      {presets === null ? (
        <label className="wizard-field">
          <span className="wizard-field__label">{t('tariff.preset')}</span>
          <input className="wizard-input" value={preset} data-testid="tariff-text" onChange={(e) => setPreset(e.target.value)} />
        </label>
      ) : (
        <div className="choice-grid wizard-types" role="group" aria-label={t('tariff.preset')}>
          {presets.map((p) => (
            <button key={p.id} type="button" className="choice wizard-type" aria-pressed={preset === p.id} data-testid={`tariff-${p.id}`} onClick={() => setPreset(p.id)}>
              <span className="wizard-type__name">{p.id === 'none' ? t('tariff.none') : `${p.country} · ${p.currency}`}</span>
              <span className="wizard-type__desc">{p.id === 'none' ? t('tariff.noneExplain') : p.name}</span>
            </button>
          ))}
        </div>
      )}
      <StepErrorText error={flow.errors.preset} testId="error-preset" />
      <StepActions busy={w.busy} onNext={() => void w.submit({ step: 'tariff', input: { preset } })} />
    </section>
  );
}
