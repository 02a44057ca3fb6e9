import { useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { BatteryCarInput } from '../../../../main/common/installer.js';
import { formatLocale } from '../../i18n/languages.js';
import { Stepper } from '../../ui/Stepper.js';
import { Switch } from '../../ui/Switch.js';
import { StepErrorText } from '../StepError.js';
import { StepActions } from './StepActions.js';
import type { StepProps } from './types.js';

const modes = ['off', 'solar', 'smart', 'fast'] as const;
type Car = BatteryCarInput['car'];

/** Step 7: battery reserve and the car's parameters (capacity, charging powers, SoC limits, V2H/V2G). */
export function BatteryCarStep({ w, flow }: StepProps): ReactElement {
  const { t, i18n } = useTranslation('installer');
  const n = new Intl.NumberFormat(formatLocale(i18n.language), { maximumFractionDigits: 1 });
  const initial: BatteryCarInput = flow.data.batteryCar ?? {
    reserveSocPct: 10,
    car: { mode: 'smart', capacityWh: 60_000, minChargeW: 1400, maxChargeW: 7400, minSocPct: 30, targetSocPct: 80, readyBy: '07:30', v2h: false, v2g: false },
  };
  const [v, setV] = useState<BatteryCarInput>(initial);
  const car = (patch: Partial<Car>): void => setV((x) => ({ ...x, car: { ...x.car, ...patch } }));
  const pct = (label: string, value: number, testId: string, onSet: (x: number) => void, min = 0): ReactElement => (
    <div className="wizard-field">
      <span className="wizard-field__label">{label}</span>
      <Stepper
        label={label}
        value={`${n.format(value)} %`}
        down={[{ delta: -5, text: '−5', label: `−5 %` }]}
        up={[{ delta: 5, text: '+5', label: `+5 %` }]}
        onStep={(d) => onSet(Math.max(min, Math.min(100, value + d)))}
        canStep={(d) => value + d >= min && value + d <= 100}
        testId={testId}
        wrap
      />
    </div>
  );
  const watts = (label: string, value: number, testId: string, onSet: (x: number) => void, big: number, unit: 'kW' | 'kWh' = 'kW'): ReactElement => (
    <div className="wizard-field">
      <span className="wizard-field__label">{label}</span>
      <Stepper
        label={label}
        value={`${n.format(value / 1000)} ${unit}`}
        down={[{ delta: -big, text: `−${n.format(big / 1000)}`, label: `−${n.format(big / 1000)} ${unit}` }]}
        up={[{ delta: big, text: `+${n.format(big / 1000)}`, label: `+${n.format(big / 1000)} ${unit}` }]}
        onStep={(d) => onSet(Math.max(0, value + d))}
        canStep={(d) => value + d >= 0}
        testId={testId}
        wrap
      />
    </div>
  );
  return (
    <section className="panel wizard-step" data-testid="step-battery-car">
      <h2 className="panel__title">{t('batteryCar.title')}</h2>
      <div className="wizard-grid">
        {pct(t('batteryCar.reserve'), v.reserveSocPct, 'battery-reserve', (x) => setV((s) => ({ ...s, reserveSocPct: x })))}
        <div className="wizard-field">
          <span className="wizard-field__label">{t('batteryCar.mode')}</span>
          <div className="segmented" role="group" aria-label={t('batteryCar.mode')}>
            {modes.map((m) => (
              <button key={m} type="button" className="segmented__button" aria-pressed={v.car.mode === m} data-testid={`car-mode-default-${m}`} onClick={() => car({ mode: m })}>
                {t(`batteryCar.modes.${m}`)}
              </button>
            ))}
          </div>
        </div>
        {watts(t('batteryCar.capacity'), v.car.capacityWh, 'car-capacity', (x) => car({ capacityWh: x }), 5000, 'kWh')}
        {watts(t('batteryCar.minCharge'), v.car.minChargeW, 'car-min-charge', (x) => car({ minChargeW: x }), 100)}
        {watts(t('batteryCar.maxCharge'), v.car.maxChargeW, 'car-max-charge', (x) => car({ maxChargeW: x }), 100)}
        {pct(t('batteryCar.minSoc'), v.car.minSocPct, 'car-min-soc', (x) => car({ minSocPct: x }))}
        {pct(t('batteryCar.target'), v.car.targetSocPct, 'car-target', (x) => car({ targetSocPct: x }))}
        <div className="wizard-field">
          <Switch checked={v.car.readyBy !== null} label={t('batteryCar.readyBy')} testId="car-ready-switch" onChange={(on) => car({ readyBy: on ? '07:30' : null })} />
          {v.car.readyBy !== null && <input className="wizard-input wizard-input--time" type="time" value={v.car.readyBy} data-testid="car-ready-by" onChange={(e) => car({ readyBy: e.target.value === '' ? null : e.target.value })} />}
        </div>
        <Switch checked={v.car.v2h} label={t('batteryCar.v2h')} testId="car-v2h" onChange={(on) => car({ v2h: on })} />
        <Switch checked={v.car.v2g} label={t('batteryCar.v2g')} testId="car-v2g" onChange={(on) => car({ v2g: on })} />
      </div>
      {Object.entries(flow.errors).map(([k, e]) => (
        <StepErrorText key={k} error={e} testId={`error-${k}`} />
      ))}
      <StepActions busy={w.busy} onNext={() => void w.submit({ step: 'battery_car', input: v })} />
    </section>
  );
}
