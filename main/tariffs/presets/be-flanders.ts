/**
 * BE (Flanders) since 2023: the grid-use part of the network tariff is a
 * capacity tariff. Each month's peak is the highest 15-minute average import,
 * at least 2.5 kW; the bill charges the yearly rate on the mean of the last
 * 12 monthly peaks (one twelfth per monthly bill). Energy and the remaining
 * per-kWh network charges are billed per kWh; VAT on residential
 * electricity is 6 %.
 */
import { z } from 'zod';
import type { BillLine } from '../../common/bill.js';
import { inPeriod, makeBill, max15MinImportW, monthFraction, totalKWh, vatFactor, weightedKWh } from '../bill-lines.js';
import { energyContract, energyExport, energyImport } from './energy-price.js';
import type { BillInput, SlotContext, TariffPreset } from './preset.js';

export const beFlandersParams = z
  .object({
    energy: energyContract.default({ kind: 'fixed', importPerKWh: 0.11, exportPerKWh: 0.03 }),
    /** Per-kWh network charges and levies on import (EUR/kWh, excl. VAT): set from your DSO's tariff sheet. */
    gridPerKWh: z.number().min(0).max(1).default(0.06),
    /** Capacity tariff (EUR per kW of mean monthly peak per year, excl. VAT); 2023 Flemish average 40.4. */
    capacityPerKWYear: z.number().min(0).max(500).default(40.4),
    floorW: z.number().min(0).max(20_000).default(2500),
    vatPct: z.number().min(0).max(50).default(6),
    fixedPerMonth: z.number().min(0).max(1000).default(0),
  })
  .strict();
export type BeFlandersParams = z.infer<typeof beFlandersParams>;

export function beFlanders(p: BeFlandersParams, timeZone: string): TariffPreset {
  const vat = vatFactor(p.vatPct);
  return {
    info: {
      id: 'be-flanders',
      name: 'BE Flanders (capacity tariff on the mean monthly peak, 6 % VAT)',
      country: 'BE',
      currency: 'EUR',
      sources: [
        { title: 'Fluvius FAQ: capacity tariff, 2023 average €40.4/kW/year excl. VAT', url: 'https://www.fluvius.be/nl/veelgestelde-vragen/capaciteitstarief-gezinnen-kleine-ondernemingen' },
        { title: 'Mean of the last 12 monthly peaks, 2.5 kW minimum', url: 'https://groepsaankoop.be/energie/capaciteitstarief/' },
        { title: 'VREG: capacity tariff for all Flemish households since 2023', url: 'https://www.vreg.be/nl/faq/capaciteitstarief' },
      ],
    },
    dynamic: p.energy.kind === 'dayahead',
    usesTempo: false,
    usesMonthImport: false,
    // One more kW of this month's peak raises 12 monthly bills by 1/12 kW each: the yearly rate / 12, once.
    demandCharges: [{ kind: 'monthly-peak', intervalMin: 15, perKWPerMonth: (p.capacityPerKWYear / 12) * vat, floorW: p.floorW, meanOfLastMonths: 12 }],
    exportLimitW: null,
    slotPrice(slot: SlotContext) {
      const e = energyImport(p.energy, slot.energyPerKWh);
      const x = energyExport(p.energy, slot.energyPerKWh);
      if (e === null || x === null) return null;
      return { importPerKWh: (e + p.gridPerKWh) * vat, exportPerKWh: x };
    },
    bill(input: BillInput) {
      const iv = inPeriod(input);
      const importKWh = totalKWh(iv, 'importWh');
      const exportKWh = totalKWh(iv, 'exportWh');
      const energy = weightedKWh(iv, 'importWh', (i) => energyImport(p.energy, input.energyPerKWh(i.startMs)));
      const feedIn = weightedKWh(iv, 'exportWh', (i) => energyExport(p.energy, input.energyPerKWh(i.startMs)));
      const peakW = Math.max(p.floorW, max15MinImportW(iv));
      const peaks = [...(input.previousMonthPeaksW ?? []).slice(-11).map((w) => Math.max(p.floorW, w)), peakW];
      const meanKW = peaks.reduce((s, w) => s + w, 0) / peaks.length / 1000;
      const capacity = (p.capacityPerKWYear / 12) * meanKW * monthFraction(input, timeZone);
      const grid = importKWh * p.gridPerKWh;
      const lines: BillLine[] = [
        { label: 'Energy', amount: energy, quantity: importKWh, unit: 'kWh' },
        { label: 'Network charges per kWh', amount: grid, quantity: importKWh, unit: 'kWh' },
        { label: `Capacity tariff (mean of ${peaks.length} monthly peaks)`, amount: capacity, quantity: meanKW, unit: 'kW' },
        { label: `This month's peak`, amount: 0, quantity: peakW / 1000, unit: 'kW' },
      ];
      if (p.fixedPerMonth > 0) lines.push({ label: 'Standing charges (excl. VAT)', amount: p.fixedPerMonth * monthFraction(input, timeZone) });
      const net = lines.reduce((s, l) => s + l.amount, 0);
      lines.push({ label: `VAT ${p.vatPct} %`, amount: net * (vat - 1) });
      lines.push({ label: 'Injection (feed-in)', amount: -feedIn, quantity: exportKWh, unit: 'kWh' });
      return makeBill('EUR', input, lines);
    },
  };
}
