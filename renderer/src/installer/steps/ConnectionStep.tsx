import { useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceRole } from '../../../../main/common/snapshot.js';
import { deviceRoles } from '../../../../main/common/snapshot.js';
import type { DeviceSettings, FieldSpec } from '../../../../main/common/installer.js';
import { Switch } from '../../ui/Switch.js';
import { scanPicks } from '../scanPicks.js';
import { StepErrorText, errorsUnder } from '../StepError.js';
import { StepActions } from './StepActions.js';
import type { StepProps } from './types.js';

type Value = string | number | boolean | null;

function Field(props: { readonly role: DeviceRole; readonly spec: FieldSpec; readonly value: Value; readonly onChange: (v: Value) => void; readonly invalid: boolean }): ReactElement {
  const { spec, value } = props;
  const id = `field-${props.role}-${spec.key}`;
  const placeholder = spec.defaultValue === undefined ? '' : String(spec.defaultValue);
  if (spec.kind === 'boolean') {
    return <Switch checked={value === true} label={spec.key} testId={id} onChange={(on) => props.onChange(on)} />;
  }
  if (spec.kind === 'enum' && spec.options !== undefined && spec.options.length <= 6) {
    return (
      <div className="wizard-field">
        <span className="wizard-field__label">{spec.key}</span>
        <div className="segmented" role="group" aria-label={spec.key}>
          {spec.options.map((o) => (
            <button key={String(o)} type="button" className="segmented__button" aria-pressed={value === o || (value === null && spec.defaultValue === o)} data-testid={`${id}-${String(o)}`} onClick={() => props.onChange(o)}>
              {String(o)}
            </button>
          ))}
        </div>
      </div>
    );
  }
  if (spec.kind === 'enum' && spec.options !== undefined) {
    return (
      <label className="wizard-field">
        <span className="wizard-field__label">{spec.key}</span>
        <select className="wizard-input" value={value === null ? '' : String(value)} data-testid={id} onChange={(e) => props.onChange(e.target.value === '' ? null : (spec.options?.find((o) => String(o) === e.target.value) ?? e.target.value))}>
          <option value="">{placeholder === '' ? '—' : `(${placeholder})`}</option>
          {spec.options.map((o) => (
            <option key={String(o)} value={String(o)}>
              {String(o)}
            </option>
          ))}
        </select>
      </label>
    );
  }
  const numeric = spec.kind === 'integer' || spec.kind === 'number';
  return (
    <label className="wizard-field">
      <span className="wizard-field__label">
        {spec.key}
        {spec.required ? ' *' : ''}
      </span>
      <input
        className="wizard-input"
        type={spec.kind === 'secret' ? 'password' : 'text'}
        inputMode={numeric ? (spec.kind === 'integer' ? 'numeric' : 'decimal') : spec.key === 'host' ? 'url' : 'text'}
        autoComplete="off"
        aria-invalid={props.invalid}
        value={value === null ? '' : String(value)}
        placeholder={placeholder}
        data-testid={id}
        onChange={(e) => {
          const text = e.target.value;
          if (!numeric || text.trim() === '') props.onChange(text.trim() === '' ? null : text);
          else props.onChange(Number.isFinite(Number(text)) ? Number(text) : text);
        }}
      />
    </label>
  );
}

/** Step 3: where each device is (host, port, unit id...), as its driver's schema asks. */
export function ConnectionStep({ w, flow, catalog }: StepProps): ReactElement {
  const { t } = useTranslation('installer');
  const chosen = deviceRoles.flatMap((role) => {
    const type = flow.data.devices?.[role] ?? null;
    const driver = type === null ? undefined : catalog.drivers.find((d) => d.type === type);
    return driver === undefined ? [] : [{ role, driver }];
  });
  const [values, setValues] = useState<Partial<Record<DeviceRole, Record<string, Value>>>>(() => {
    const init: Partial<Record<DeviceRole, Record<string, Value>>> = {};
    for (const { role } of chosen) init[role] = { ...(flow.data.connection?.devices[role] ?? {}), ...(scanPicks.get(role) ?? {}) };
    return init;
  });
  const [more, setMore] = useState<ReadonlySet<DeviceRole>>(new Set());

  const submit = (): void => {
    const devices: Partial<Record<DeviceRole, DeviceSettings>> = {};
    for (const { role } of chosen) devices[role] = values[role] ?? {};
    void w.submit({ step: 'connection', input: { devices } }).then((next) => {
      if (next !== null && next.step !== 'connection') scanPicks.clear();
    });
  };

  return (
    <section className="panel wizard-step" data-testid="step-connection">
      <h2 className="panel__title">{t('connection.title')}</h2>
      <p className="explain">{t('connection.explain')}</p>
      {chosen.map(({ role, driver }) => {
        const shown = driver.fields.filter((f) => f.common || more.has(role));
        const hidden = driver.fields.length - driver.fields.filter((f) => f.common).length;
        return (
          <fieldset key={role} className="wizard-fieldset" data-testid={`connection-${role}`}>
            <legend>
              {t(`role.${role}`)} · {driver.type}
            </legend>
            <div className="wizard-fields">
              {shown.map((spec) => (
                <Field
                  key={spec.key}
                  role={role}
                  spec={spec}
                  value={values[role]?.[spec.key] ?? null}
                  invalid={flow.errors[`${role}.${spec.key}`] !== undefined}
                  onChange={(v) => setValues((all) => ({ ...all, [role]: { ...all[role], [spec.key]: v } }))}
                />
              ))}
            </div>
            {hidden > 0 && (
              <button type="button" className="button button--quiet" data-testid={`more-${role}`} onClick={() => setMore((m) => (m.has(role) ? new Set([...m].filter((r) => r !== role)) : new Set([...m, role])))}>
                {more.has(role) ? t('connection.less') : t('connection.more', { count: hidden })}
              </button>
            )}
            {driver.advancedKeys.length > 0 && <p className="muted">{t('connection.advanced', { keys: driver.advancedKeys.join(', ') })}</p>}
            {errorsUnder(flow.errors, role).map(([key, e]) => (
              <StepErrorText key={key} error={e} testId={`error-${key}`} />
            ))}
          </fieldset>
        );
      })}
      <StepActions busy={w.busy} onNext={submit} nextLabel={t('connection.probe')} />
    </section>
  );
}
