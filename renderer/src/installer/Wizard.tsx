import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { wizardSteps } from '../../../main/common/installer.js';
import type { WizardStep } from '../../../main/common/installer.js';
import { StepErrorText } from './StepError.js';
import { useWizard } from './useWizard.js';
import type { Wizard as WizardState } from './useWizard.js';
import { BatteryCarStep } from './steps/BatteryCarStep.js';
import { ConnectionStep } from './steps/ConnectionStep.js';
import { DevicesStep } from './steps/DevicesStep.js';
import { DoneStep } from './steps/DoneStep.js';
import { ProbeStep } from './steps/ProbeStep.js';
import { ScanStep } from './steps/ScanStep.js';
import { SignCheckStep } from './steps/SignCheckStep.js';
import { SiteStep } from './steps/SiteStep.js';
import { SummaryStep } from './steps/SummaryStep.js';
import { TariffStep } from './steps/TariffStep.js';

/** Progress through the steps; a step already done can be tapped to go back to it. */
function Progress(props: { readonly current: WizardStep; readonly completed: readonly WizardStep[]; readonly onGo: (s: WizardStep) => void }): ReactElement {
  const { t } = useTranslation('installer');
  const index = wizardSteps.indexOf(props.current);
  return (
    <nav className="wizard-progress" aria-label={t('progress')}>
      <ol>
        {wizardSteps.map((s, i) => {
          const done = props.completed.includes(s);
          const current = s === props.current;
          const canGo = done && props.current !== 'done' && !current;
          return (
            <li key={s} className={`wizard-progress__step${current ? ' is-current' : ''}${done ? ' is-done' : ''}`} aria-current={current ? 'step' : undefined}>
              <button type="button" disabled={!canGo} data-testid={`progress-${s}`} onClick={() => props.onGo(s)}>
                <span className="wizard-progress__n">{i + 1}</span>
                <span className="wizard-progress__label">{t(`step.${s}`)}</span>
              </button>
            </li>
          );
        })}
      </ol>
      <p className="visually-hidden">{t('stepOf', { n: index + 1, total: wizardSteps.length })}</p>
    </nav>
  );
}

function Start(props: { readonly w: WizardState }): ReactElement {
  const { t } = useTranslation('installer');
  return (
    <section className="panel wizard-start" data-testid="wizard-start">
      <h2 className="panel__title">{t('start.title')}</h2>
      <p className="explain">{t('start.explain')}</p>
      <div className="wizard-actions">
        <button type="button" className="button" disabled={props.w.busy} data-testid="wizard-new" onClick={() => props.w.start(false)}>
          {t('start.new')}
        </button>
        <button type="button" className="button button--quiet" disabled={props.w.busy} data-testid="wizard-reconfigure" onClick={() => props.w.start(true)}>
          {t('start.reconfigure')}
        </button>
      </div>
    </section>
  );
}

export function Wizard(props: { readonly onRefused: () => void }): ReactElement {
  const { t } = useTranslation('installer');
  const w = useWizard(props.onRefused);
  const flow = w.flow;
  const hubError = w.error === null ? null : (
    <p className="installer-error" role="alert" data-testid="wizard-error">
      {w.error.message}
    </p>
  );
  if (flow === undefined || w.catalog === null) {
    return (
      <>
        <p className="muted">{t('loading')}</p>
        {hubError}
      </>
    );
  }
  if (flow === null) {
    return (
      <>
        <Start w={w} />
        {hubError}
      </>
    );
  }
  const step = (): ReactElement => {
    const common = { w, flow, catalog: w.catalog as NonNullable<typeof w.catalog> };
    switch (flow.step) {
      case 'devices':
        return <DevicesStep {...common} />;
      case 'scan':
        return <ScanStep {...common} />;
      case 'connection':
        return <ConnectionStep {...common} />;
      case 'probe':
        return <ProbeStep {...common} />;
      case 'sign_check':
        return <SignCheckStep {...common} />;
      case 'site':
        return <SiteStep {...common} />;
      case 'battery_car':
        return <BatteryCarStep {...common} />;
      case 'tariff':
        return <TariffStep {...common} />;
      case 'summary':
        return <SummaryStep {...common} />;
      case 'done':
        return <DoneStep {...common} />;
    }
  };
  const go = (s: WizardStep): void => w.setFlow({ ...flow, step: s, errors: {} });
  return (
    <div className="wizard" data-testid="wizard" data-step={flow.step}>
      <Progress current={flow.step} completed={flow.completed} onGo={go} />
      <StepErrorText error={flow.errors.base} testId="step-error-base" />
      {hubError}
      {step()}
    </div>
  );
}
