import type { DeviceReadings } from '../../../../main/common/installer.js';

/** "3.2 kW" / "850 W" for a live value; "–" when unknown. */
export function powerText(w: number | null, locale: string): string {
  if (w === null) return '–';
  if (Math.abs(w) >= 1000) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(w / 1000)} kW`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(w)} W`;
}

export function signedPowerText(w: number | null, locale: string): string {
  if (w === null) return '–';
  return `${w > 0 ? '+' : ''}${powerText(Math.round(w), locale)}`;
}

export function readingsText(r: DeviceReadings | null, locale: string): string[] {
  if (r === null) return [];
  const n = (v: number, d = 1): string => new Intl.NumberFormat(locale, { maximumFractionDigits: d }).format(v);
  const out = [powerText(r.powerW, locale)];
  if (r.socPct !== null) out.push(`${n(r.socPct, 0)} %`);
  if (r.energyImportWh !== null) out.push(`⇣ ${n(r.energyImportWh / 1000)} kWh`);
  if (r.energyExportWh !== null) out.push(`⇡ ${n(r.energyExportWh / 1000)} kWh`);
  if (r.phases !== null) out.push(r.phases.map((p, i) => `L${i + 1} ${p.voltageV === null ? '–' : n(p.voltageV, 0)} V ${p.currentA === null ? '–' : n(p.currentA)} A`).join(' · '));
  return out;
}
