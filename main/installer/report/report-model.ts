/**
 * The commissioning report as a small document (title, key-value lists,
 * tables, signature lines), in one language. The printable HTML page and
 * the PDF are two renderings of the same document, so they cannot disagree.
 */
import type { DeviceReadings, ReportLanguage } from '../../common/installer.js';
import type { ReportData } from '../commissioning-store.js';
import { reportLocale, reportText } from './report-text.js';

export type ReportBlock =
  | { readonly kind: 'title'; readonly text: string; readonly subtitle: string }
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'pairs'; readonly rows: readonly (readonly [string, string])[] }
  | { readonly kind: 'table'; readonly head: readonly string[]; readonly rows: readonly (readonly string[])[]; readonly widths: readonly number[] }
  | { readonly kind: 'note'; readonly text: string }
  | { readonly kind: 'signatures'; readonly labels: readonly string[] };

export interface ReportDocument {
  readonly lang: ReportLanguage;
  readonly title: string;
  readonly blocks: readonly ReportBlock[];
}

export function buildReport(data: ReportData, lang: ReportLanguage): ReportDocument {
  const t = reportText[lang];
  const locale = reportLocale[lang];
  const num = (v: number, digits = 0): string => new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v);
  const w = (v: number | null): string => (v === null ? '–' : `${num(v)} W`);
  const kw = (v: number): string => `${num(v / 1000, 1)} kW`;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: data.site.timeZone }).format(new Date(data.savedMs));
  const yes = (b: boolean): string => (b ? t.yes : t.no);
  const { site, batteryCar } = data;
  const car = batteryCar.car;
  const maxImportW = site.fuseA * site.voltageV * site.phases;

  const readingText = (r: DeviceReadings | null): string => {
    if (r === null) return '–';
    const parts = [w(r.powerW)];
    if (r.socPct !== null) parts.push(`${num(r.socPct)} %`);
    if (r.energyImportWh !== null || r.energyExportWh !== null) {
      const kwh = (v: number | null): string => (v === null ? '–' : num(v / 1000, 1));
      parts.push(`${kwh(r.energyImportWh)} / ${kwh(r.energyExportWh)} kWh`);
    }
    if (r.chargerState !== null) parts.push(r.chargerState);
    return parts.join(', ');
  };

  const sc = data.signCheck;
  const scState = sc.state === 'passed' ? t.passed : sc.state === 'failed' ? t.failed : sc.state === 'skipped' ? t.skipped : t.idle;
  const signed = (v: number | null): string => (v === null ? '–' : `${v > 0 ? '+' : ''}${w(Math.round(v))}`);

  const blocks: ReportBlock[] = [
    { kind: 'title', text: t.title, subtitle: date },
    {
      kind: 'pairs',
      rows: [
        [t.revision, String(data.revision)],
        [t.saved, date],
        [t.hub, data.hubVersion],
        [t.configFile, data.configFile],
      ],
    },
    ...(data.simulated ? [{ kind: 'note', text: t.simulated } as const] : []),
    { kind: 'heading', text: t.site },
    {
      kind: 'pairs',
      rows: [
        [t.fuse, `${num(site.fuseA)} A`],
        [t.phases, String(site.phases)],
        [t.voltage, `${num(site.voltageV)} V`],
        [t.maxImport, kw(maxImportW)],
        [t.exportLimit, site.exportLimitW === null ? t.none : w(site.exportLimitW)],
        [t.timeZone, site.timeZone],
      ],
    },
    { kind: 'heading', text: t.devices },
    {
      kind: 'table',
      head: [t.role, t.type, t.address, t.identity, t.reading, t.probe],
      widths: [0.12, 0.165, 0.18, 0.2, 0.215, 0.12],
      rows: data.devices.map((d) => {
        const id = d.identity;
        const identity = id === null ? '–' : [id.manufacturer, id.model, id.serial === null ? null : `SN ${id.serial}`].filter((x) => x !== null && x !== '').join(' · ');
        const probe = d.probe === null ? '–' : d.probe.state === 'ok' ? `${t.ok} (${d.probe.source === 'live' ? t.live : t.direct})` : d.probe.state === 'failed' ? `${t.failed}${d.probe.error === null ? '' : `: ${d.probe.error.code}`}` : t.running;
        return [t[d.role], d.type, d.endpoint, identity, readingText(d.probe?.readings ?? null), probe];
      }),
    },
    { kind: 'heading', text: t.signCheck },
    {
      kind: 'pairs',
      rows: [
        [t.signCheck.split(' (')[0] ?? t.signCheck, scState + (sc.error?.detail === undefined ? '' : ` (${sc.error.detail})`)],
        [t.baseline, w(sc.baselineW === null ? null : Math.round(sc.baselineW))],
        [t.change, signed(sc.deltaW)],
        [t.gridChange, signed(sc.gridDeltaW)],
        [t.batteryChange, signed(sc.batteryDeltaW)],
      ],
    },
    { kind: 'heading', text: `${t.battery} · ${t.car}` },
    {
      kind: 'pairs',
      rows: [
        [t.reserve, `${num(batteryCar.reserveSocPct)} %`],
        [t.mode, car.mode],
        [t.capacity, `${num(car.capacityWh / 1000, 1)} kWh`],
        [t.minCharge, w(car.minChargeW)],
        [t.maxCharge, w(car.maxChargeW)],
        [t.minSoc, `${num(car.minSocPct)} %`],
        [t.target, `${num(car.targetSocPct)} %`],
        [t.readyBy, car.readyBy ?? '–'],
        [t.v2h, yes(car.v2h)],
        [t.v2g, yes(car.v2g)],
      ],
    },
    { kind: 'heading', text: t.tariff },
    { kind: 'pairs', rows: [[t.preset, data.tariff.name === null ? data.tariff.preset : `${data.tariff.name} (${data.tariff.preset})`]] },
    { kind: 'heading', text: t.signatures },
    { kind: 'signatures', labels: [t.installer, t.customer, t.date] },
  ];
  return { lang, title: `${t.title} #${data.revision}`, blocks };
}
