import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { deviceRoles } from '../../../../main/common/snapshot.js';
import { formatLocale } from '../../i18n/languages.js';
import { StepActions } from './StepActions.js';
import type { StepProps } from './types.js';

/** Step 9: everything at a glance, then save (the hub validates the whole config and writes it atomically). */
export function SummaryStep({ w, flow }: StepProps): ReactElement {
  const { t, i18n } = useTranslation('installer');
  const n = new Intl.NumberFormat(formatLocale(i18n.language), { maximumFractionDigits: 1 });
  const { devices, site, batteryCar, tariff } = flow.data;
  const rows: [string, string][] = [];
  for (const role of deviceRoles) {
    const type = devices?.[role] ?? null;
    const p = flow.probe.find((x) => x.role === role);
    rows.push([t(`role.${role}`), type === null ? t('devices.none') : `${type}${p === undefined ? '' : ` · ${p.endpoint}`}`]);
  }
  if (site !== undefined) {
    rows.push([t('site.phases'), String(site.phases)], [t('site.fuse'), `${site.fuseA} A`], [t('site.voltage'), `${site.voltageV} V`]);
    rows.push([t('site.exportLimit'), site.exportLimitW === null ? t('summary.noLimit') : `${n.format(site.exportLimitW)} W`], [t('site.timeZone'), site.timeZone]);
  }
  if (batteryCar !== undefined) {
    const c = batteryCar.car;
    rows.push([t('batteryCar.reserve'), `${batteryCar.reserveSocPct} %`], [t('batteryCar.capacity'), `${n.format(c.capacityWh / 1000)} kWh`]);
    rows.push([t('batteryCar.minSoc'), `${c.minSocPct} %`], [t('batteryCar.target'), `${c.targetSocPct} %`], ['V2H / V2G', `${c.v2h ? '✓' : '✗'} / ${c.v2g ? '✓' : '✗'}`]);
  }
  rows.push([t('sign.title'), t(`sign.result.${flow.signCheck.state}`)], [t('tariff.preset'), tariff?.preset ?? '–']);
  return (
    <section className="panel wizard-step" data-testid="step-summary">
      <h2 className="panel__title">{t('summary.title')}</h2>
      <p className="explain">{t('summary.explain')}</p>
      <dl className="detail-list wizard-summary">
        {rows.map(([k, v]) => (
          <div key={k} className="detail-list__row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <StepActions busy={w.busy} onNext={() => void w.submit({ step: 'summary', input: {} })} nextLabel={t('summary.save')} />
    </section>
  );
}
