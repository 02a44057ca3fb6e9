/**
 * SE, Göteborg Energi grid tariff: a fixed monthly fee, a transfer fee per
 * kWh, and a power fee per kW on the mean of the month's three highest hourly
 * averages on three different days; energy tax per kWh on the grid bill; the
 * supplier bills the SE3 spot price. Amounts excl. 25 % VAT in the params.
 */
import { z } from 'zod';
import type { BillLine } from '../../common/bill.js';
import { inPeriod, makeBill, monthFraction, top3DailyHourlyPeaksW, totalKWh, vatFactor, weightedKWh } from '../bill-lines.js';
import type { BillInput, SlotContext, TariffPreset } from './preset.js';

export const seGoteborgParams = z
  .object({
    /** SEK/month excl. VAT (2023, fuse up to 63 A). */
    fixedPerMonth: z.number().min(0).max(10_000).default(118),
    /** Elöverföring, SEK/kWh excl. VAT (2023). */
    transferPerKWh: z.number().min(0).max(10).default(0.204),
    /** Effektavgift, SEK per kW of the mean of 3 daily peaks per month, excl. VAT (2023). */
    powerFeePerKW: z.number().min(0).max(1000).default(29),
    /** Energiskatt, SEK/kWh excl. VAT (2025: 43.9 öre). */
    energyTaxPerKWh: z.number().min(0).max(10).default(0.439),
    vatPct: z.number().min(0).max(50).default(25),
    supplierMarkupPerKWh: z.number().min(-10).max(10).default(0),
    exportMarkupPerKWh: z.number().min(-10).max(10).default(0),
  })
  .strict();
export type SeGoteborgParams = z.infer<typeof seGoteborgParams>;

export function seGoteborg(p: SeGoteborgParams, timeZone: string): TariffPreset {
  const vat = vatFactor(p.vatPct);
  return {
    info: {
      id: 'se-goteborg',
      name: 'SE Göteborg Energi (power fee on 3 daily peaks, SE3 spot)',
      country: 'SE',
      currency: 'SEK',
      sources: [
        { title: 'Göteborg Energi: power fee on the mean of the three highest hours on three different days', url: 'https://www.goteborgenergi.se/privat/elnat/elnatsavgiften' },
        { title: 'Göteborg Energi grid prices 2023 (max 63 A: 118 SEK/month, 20.4 öre/kWh, 29 SEK/kW/month, excl. VAT)', url: 'https://www.goteborgenergi.se/foretag/vara-nat/elnat/elnatsavgiften' },
        { title: 'Energy tax 2025: 43.9 öre/kWh excl. VAT', url: 'https://bodensenergi.se/elnat/energiskatt' },
      ],
    },
    dynamic: true,
    usesTempo: false,
    usesMonthImport: false,
    demandCharges: [{ kind: 'top3-daily-peaks', perKWPerMonth: p.powerFeePerKW * vat }],
    exportLimitW: null,
    slotPrice(slot: SlotContext) {
      const e = slot.energyPerKWh;
      if (e === null) return null;
      return { importPerKWh: (e + p.supplierMarkupPerKWh + p.transferPerKWh + p.energyTaxPerKWh) * vat, exportPerKWh: e + p.exportMarkupPerKWh };
    },
    bill(input: BillInput) {
      const iv = inPeriod(input);
      const importKWh = totalKWh(iv, 'importWh');
      const spot = weightedKWh(iv, 'importWh', (i) => {
        const e = input.energyPerKWh(i.startMs);
        return e === null ? null : e + p.supplierMarkupPerKWh;
      });
      const peakW = top3DailyHourlyPeaksW(iv, timeZone);
      const share = monthFraction(input, timeZone);
      const lines: BillLine[] = [
        { label: 'Spot price + markup', amount: spot, quantity: importKWh, unit: 'kWh' },
        { label: 'Transfer fee', amount: importKWh * p.transferPerKWh, quantity: importKWh, unit: 'kWh' },
        { label: 'Energy tax', amount: importKWh * p.energyTaxPerKWh, quantity: importKWh, unit: 'kWh' },
        { label: 'Power fee (mean of 3 daily peaks)', amount: (peakW / 1000) * p.powerFeePerKW, quantity: peakW / 1000, unit: 'kW' },
        { label: 'Fixed fee', amount: p.fixedPerMonth * share },
      ];
      const net = lines.reduce((s, l) => s + l.amount, 0);
      lines.push({ label: `VAT ${p.vatPct} %`, amount: net * (vat - 1) });
      const feedIn = weightedKWh(iv, 'exportWh', (i) => {
        const e = input.energyPerKWh(i.startMs);
        return e === null ? null : e + p.exportMarkupPerKWh;
      });
      lines.push({ label: 'Sold to the grid (spot)', amount: -feedIn, quantity: totalKWh(iv, 'exportWh'), unit: 'kWh' });
      return makeBill('SEK', input, lines);
    },
  };
}
