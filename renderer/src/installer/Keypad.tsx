import { useState } from 'react';
import type { ReactElement } from 'react';

/**
 * An on-screen numeric keypad (a wall screen has no keyboard): big keys in a
 * 3 x 4 grid, the entry shown as dots (PIN) or grouped digits (pairing code).
 */
export function Keypad(props: {
  readonly label: string;
  readonly minDigits: number;
  readonly maxDigits: number;
  readonly masked: boolean;
  readonly submitLabel: string;
  readonly clearLabel: string;
  readonly disabled?: boolean;
  readonly testId: string;
  readonly onSubmit: (digits: string) => void;
}): ReactElement {
  const [digits, setDigits] = useState('');
  const disabled = props.disabled === true;
  const press = (d: string): void => setDigits((v) => (v.length >= props.maxDigits ? v : v + d));
  const submit = (): void => {
    if (digits.length < props.minDigits) return;
    props.onSubmit(digits);
    setDigits('');
  };
  const shown = props.masked ? '●'.repeat(digits.length) : digits.replace(/(\d{4})(?=\d)/g, '$1 ');
  return (
    <div className="keypad" role="group" aria-label={props.label} data-testid={props.testId}>
      <output className="keypad__display" aria-live="polite" data-testid={`${props.testId}-display`} aria-label={props.label}>
        {shown === '' ? <span className="keypad__placeholder">{props.label}</span> : shown}
      </output>
      <div className="keypad__keys">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
          <button key={d} type="button" className="keypad__key" disabled={disabled} data-testid={`${props.testId}-${d}`} onClick={() => press(d)}>
            {d}
          </button>
        ))}
        <button type="button" className="keypad__key keypad__key--quiet" disabled={disabled || digits === ''} aria-label={props.clearLabel} data-testid={`${props.testId}-back`} onClick={() => setDigits((v) => v.slice(0, -1))}>
          ⌫
        </button>
        <button type="button" className="keypad__key" disabled={disabled} data-testid={`${props.testId}-0`} onClick={() => press('0')}>
          0
        </button>
        <button type="button" className="keypad__key keypad__key--ok" disabled={disabled || digits.length < props.minDigits} data-testid={`${props.testId}-ok`} onClick={submit}>
          {props.submitLabel}
        </button>
      </div>
    </div>
  );
}
