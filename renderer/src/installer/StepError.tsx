import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { StepError, StepErrors } from '../../../main/common/installer.js';

/** An error of a step, in the user's language, with the hub's own words (the key, the expected form) below. */
export function StepErrorText(props: { readonly error: StepError | undefined; readonly testId?: string }): ReactElement | null {
  const { t } = useTranslation('installer');
  const e = props.error;
  if (e === undefined) return null;
  return (
    <p className="installer-error" role="alert" data-testid={props.testId ?? 'step-error'} data-code={e.code}>
      {t(`error.${e.code}`)}
      {e.detail !== undefined && <span className="installer-error__detail">{e.detail}</span>}
    </p>
  );
}

/** Errors whose key starts with `prefix` (e.g. "grid." for the grid device's fields). */
export function errorsUnder(errors: StepErrors, prefix: string): [string, StepError][] {
  return Object.entries(errors).filter(([k]) => k === prefix || k.startsWith(`${prefix}.`));
}
