import { useId } from 'react';
import type { ReactElement, ReactNode } from 'react';

export interface Step {
  readonly delta: number;
  /** What the button shows, e.g. "−15". */
  readonly text: string;
  /** What it says to a screen reader, e.g. "15 minutes earlier". */
  readonly label: string;
}

/**
 * A value changed by big buttons on either side (no keyboard on a wall
 * screen): a finger can hit them, and each tap is one predictable step.
 */
export function Stepper(props: {
  readonly label: string;
  readonly value: ReactNode;
  readonly down: readonly Step[];
  readonly up: readonly Step[];
  readonly onStep: (delta: number) => void;
  readonly canStep: (delta: number) => boolean;
  readonly disabled?: boolean;
  readonly testId: string;
  /** Put the value on its own line above the buttons when the panel is narrow (container query). */
  readonly wrap?: boolean;
}): ReactElement {
  const labelId = useId();
  const button = (s: Step): ReactElement => (
    <button
      key={s.delta}
      type="button"
      className="stepper__button"
      aria-label={s.label}
      disabled={props.disabled === true || !props.canStep(s.delta)}
      data-testid={`${props.testId}-${s.delta < 0 ? 'minus' : 'plus'}${Math.abs(s.delta)}`}
      onClick={() => props.onStep(s.delta)}
    >
      {s.text}
    </button>
  );
  const content = (
    <>
      {props.down.map(button)}
      <output className="stepper__value" aria-live="polite" data-testid={props.testId}>
        {props.value}
      </output>
      {props.up.map(button)}
    </>
  );
  return (
    <div className={`stepper${props.wrap === true ? ' stepper--wrap' : ''}`} role="group" aria-labelledby={labelId}>
      <span id={labelId} className="visually-hidden">
        {props.label}
      </span>
      {/* A container cannot style itself by its own width: the row lives one level down. */}
      {props.wrap === true ? <div className="stepper__inner">{content}</div> : content}
    </div>
  );
}
