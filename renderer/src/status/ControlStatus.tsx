import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useLive } from '../../api/index.js';

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

const noLines: readonly string[] = [];

/** Shown across the top while the controller holds everything at a safe setpoint. */
export function FailsafeBanner(): ReactElement | null {
  const { t } = useTranslation();
  const active = useLive((s) => s.snapshot?.control.failsafe ?? false);
  const reasons = useLive((s) => s.snapshot?.control.failsafeReasons ?? noLines, sameLines);
  if (!active) return null;
  return (
    <div className="banner banner--failsafe" role="alert" data-testid="failsafe-banner">
      <strong className="banner__title">{t('control.failsafeTitle')}</strong>
      {reasons.length > 0 && (
        <ul className="banner__list">
          {reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The controller's one-line explanation, plus any safety limit that applied. */
export function DecisionLine(): ReactElement {
  const { t } = useTranslation();
  const decision = useLive((s) => s.snapshot?.control.decision ?? '');
  const limiting = useLive((s) => s.snapshot?.control.limiting ?? noLines, sameLines);
  return (
    <div className="decision" data-testid="decision">
      <span className="decision__label">{t('control.decision')}</span>
      <span className="decision__text">{decision}</span>
      {limiting.map((line) => (
        <span key={line} className="decision__limit">
          {t('control.limiting')}: {line}
        </span>
      ))}
    </div>
  );
}
