import type { CSSProperties, ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Stepper } from './Stepper.js';

/**
 * A percentage set by touch: big -/+ buttons for exact steps and a slider
 * with a large thumb for big moves. The value stays within [min, max].
 */
export function PercentControl(props: {
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly onChange: (value: number) => void;
  readonly disabled?: boolean;
  readonly testId: string;
  readonly describedBy?: string;
}): ReactElement {
  const { t } = useTranslation();
  const step = 5;
  const clamp = (v: number): number => Math.min(props.max, Math.max(props.min, Math.round(v)));
  const set = (v: number): void => {
    const next = clamp(v);
    if (next !== props.value) props.onChange(next);
  };
  return (
    <div className="pct-control">
      <Stepper
        label={props.label}
        value={t('units.pct', { value: props.value })}
        down={[{ delta: -step, text: '−', label: t('controls.lessPct', { step }) }]}
        up={[{ delta: step, text: '+', label: t('controls.morePct', { step }) }]}
        onStep={(d) => set(props.value + d)}
        canStep={(d) => clamp(props.value + d) !== props.value}
        disabled={props.disabled}
        testId={props.testId}
      />
      <input
        type="range"
        className="slider"
        min={0}
        max={100}
        step={step}
        value={props.value}
        aria-label={props.label}
        aria-describedby={props.describedBy}
        aria-valuetext={t('units.pct', { value: props.value })}
        disabled={props.disabled}
        data-testid={`${props.testId}-slider`}
        style={{ '--fill': `${props.value}%` } as CSSProperties}
        onChange={(e) => set(Number(e.currentTarget.value))}
      />
    </div>
  );
}
