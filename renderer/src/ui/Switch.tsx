import type { ReactElement, ReactNode } from 'react';

/** An on/off switch as one big touch target (label included), announced as a switch. */
export function Switch(props: {
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly label: ReactNode;
  readonly disabled?: boolean;
  readonly testId?: string;
  readonly describedBy?: string;
}): ReactElement {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={props.checked}
      aria-describedby={props.describedBy}
      className={`switch${props.checked ? ' switch--on' : ''}`}
      disabled={props.disabled}
      data-testid={props.testId}
      onClick={() => props.onChange(!props.checked)}
    >
      <span className="switch__label">{props.label}</span>
      <span className="switch__track" aria-hidden="true">
        <span className="switch__thumb" />
      </span>
    </button>
  );
}
