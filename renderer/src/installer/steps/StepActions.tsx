import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The bottom row of a step: optional extra buttons, then "Continue". */
export function StepActions(props: { readonly busy: boolean; readonly onNext: () => void; readonly nextLabel?: string; readonly nextDisabled?: boolean; readonly children?: ReactNode }): ReactElement {
  const { t } = useTranslation('installer');
  return (
    <div className="wizard-actions">
      {props.children}
      <button type="button" className="button wizard-actions__next" disabled={props.busy || props.nextDisabled === true} data-testid="step-next" onClick={props.onNext}>
        {props.nextLabel ?? t('next')}
      </button>
    </div>
  );
}
