import { useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { deviceRoles } from '../../../../main/common/snapshot.js';
import type { DeviceRole } from '../../../../main/common/snapshot.js';
import type { DevicesInput } from '../../../../main/common/installer.js';
import { StepErrorText } from '../StepError.js';
import { StepActions } from './StepActions.js';
import type { StepProps } from './types.js';

/** Step 1: which kind of device fills each role (types and their roles come from drivers/registry.ts). */
export function DevicesStep({ w, flow, catalog }: StepProps): ReactElement {
  const { t } = useTranslation('installer');
  const [choice, setChoice] = useState<DevicesInput>(flow.data.devices ?? { grid: '', pv: null, battery: null, charger: null });
  const set = (role: DeviceRole, type: string | null): void => setChoice((c) => ({ ...c, [role]: type }));
  return (
    <section className="panel wizard-step" data-testid="step-devices">
      <h2 className="panel__title">{t('devices.title')}</h2>
      <p className="explain">{t('devices.explain')}</p>
      {deviceRoles.map((role) => (
        <fieldset key={role} className="wizard-fieldset">
          <legend>{t(`role.${role}`)}</legend>
          <div className="choice-grid wizard-types" role="group">
            {role !== 'grid' && (
              <button type="button" className="choice" aria-pressed={choice[role] === null} data-testid={`type-${role}-none`} onClick={() => set(role, null)}>
                {t('devices.none')}
              </button>
            )}
            {catalog.drivers
              .filter((d) => d.roles.includes(role))
              .map((d) => (
                <button key={d.type} type="button" className="choice wizard-type" aria-pressed={choice[role] === d.type} data-testid={`type-${role}-${d.type}`} onClick={() => set(role, d.type)}>
                  <span className="wizard-type__name">{d.type}</span>
                  <span className="wizard-type__desc">{d.description}</span>
                </button>
              ))}
          </div>
          <StepErrorText error={flow.errors[role]} testId={`error-${role}`} />
        </fieldset>
      ))}
      <StepActions busy={w.busy} onNext={() => void w.submit({ step: 'devices', input: choice })} />
    </section>
  );
}
