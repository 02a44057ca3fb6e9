import { useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { SiteInput } from '../../../../main/common/installer.js';
import { formatLocale } from '../../i18n/languages.js';
import { Stepper } from '../../ui/Stepper.js';
import { Switch } from '../../ui/Switch.js';
import { StepErrorText, errorsUnder } from '../StepError.js';
import { StepActions } from './StepActions.js';
import type { StepProps } from './types.js';

const fuseChoices = [16, 20, 25, 32, 35, 40, 50, 63];

/** Step 6: the connection to the grid (phases, main fuse, voltage, export limit, time zone). */
export function SiteStep({ w, flow, catalog }: StepProps): ReactElement {
  const { t, i18n } = useTranslation('installer');
  const n = new Intl.NumberFormat(formatLocale(i18n.language));
  const [site, setSite] = useState<SiteInput>(flow.data.site ?? { phases: 3, fuseA: 25, voltageV: 230, exportLimitW: null, timeZone: 'Europe/Amsterdam' });
  const set = (patch: Partial<SiteInput>): void => setSite((s) => ({ ...s, ...patch }));
  /** Buttons for steps of these sizes (in `scale` units of the value): the biggest outermost. */
  const steps = (unit: string, deltas: readonly number[], scale = 1): { down: { delta: number; text: string; label: string }[]; up: { delta: number; text: string; label: string }[] } => {
    const sorted = [...deltas].sort((a, b) => b - a);
    return {
      down: sorted.map((d) => ({ delta: -d * scale, text: `−${n.format(d)}`, label: `−${n.format(d)} ${unit}` })),
      up: [...sorted].reverse().map((d) => ({ delta: d * scale, text: `+${n.format(d)}`, label: `+${n.format(d)} ${unit}` })),
    };
  };
  const maxImportKw = (site.fuseA * site.voltageV * site.phases) / 1000;
  return (
    <section className="panel wizard-step" data-testid="step-site">
      <h2 className="panel__title">{t('site.title')}</h2>
      <div className="wizard-grid">
        <div className="wizard-field">
          <span className="wizard-field__label">{t('site.phases')}</span>
          <div className="segmented" role="group" aria-label={t('site.phases')}>
            {([1, 3] as const).map((p) => (
              <button key={p} type="button" className="segmented__button" aria-pressed={site.phases === p} data-testid={`site-phases-${p}`} onClick={() => set({ phases: p })}>
                {t('site.phaseN', { count: p })}
              </button>
            ))}
          </div>
        </div>
        <div className="wizard-field">
          <span className="wizard-field__label">{t('site.fuse')}</span>
          <div className="choice-grid wizard-chips" role="group" aria-label={t('site.fuse')}>
            {fuseChoices.map((a) => (
              <button key={a} type="button" className="choice" aria-pressed={site.fuseA === a} data-testid={`site-fuse-${a}`} onClick={() => set({ fuseA: a })}>
                {a} A
              </button>
            ))}
          </div>
          <Stepper label={t('site.fuse')} value={`${n.format(site.fuseA)} A`} {...steps('A', [1])} onStep={(d) => set({ fuseA: site.fuseA + d })} canStep={(d) => site.fuseA + d >= 1 && site.fuseA + d <= 400} testId="site-fuse" wrap />
          <p className="muted">{t('site.maxImport', { kw: n.format(maxImportKw) })}</p>
        </div>
        <div className="wizard-field">
          <span className="wizard-field__label">{t('site.voltage')}</span>
          <Stepper label={t('site.voltage')} value={`${n.format(site.voltageV)} V`} {...steps('V', [1, 10])} onStep={(d) => set({ voltageV: site.voltageV + d })} canStep={(d) => site.voltageV + d >= 100 && site.voltageV + d <= 260} testId="site-voltage" wrap />
        </div>
        <div className="wizard-field">
          <Switch checked={site.exportLimitW !== null} label={t('site.exportLimited')} testId="site-export-switch" onChange={(on) => set({ exportLimitW: on ? 0 : null })} />
          {site.exportLimitW !== null && (
            <Stepper
              label={t('site.exportLimit')}
              value={`${n.format(site.exportLimitW / 1000)} kW`}
              {...steps('kW', [0.1, 1], 1000)}
              onStep={(d) => set({ exportLimitW: Math.max(0, (site.exportLimitW ?? 0) + d) })}
              canStep={(d) => (site.exportLimitW ?? 0) + d >= 0}
              testId="site-export"
              wrap
            />
          )}
        </div>
        <label className="wizard-field">
          <span className="wizard-field__label">{t('site.timeZone')}</span>
          <select className="wizard-input" value={site.timeZone} data-testid="site-timezone" onChange={(e) => set({ timeZone: e.target.value })}>
            {[...new Set([site.timeZone, ...catalog.timeZones])].map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </label>
      </div>
      {errorsUnder(flow.errors, 'site').map(([k, e]) => (
        <StepErrorText key={k} error={e} testId={`error-${k}`} />
      ))}
      <StepActions busy={w.busy} onNext={() => void w.submit({ step: 'site', input: site })} />
    </section>
  );
}
