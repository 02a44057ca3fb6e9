/**
 * NO, Elvia (Oslo area) grid tariff since July 2022: a monthly capacity step
 * ("fastledd"/"kapasitetsledd") chosen by the mean of the three highest
 * hourly imports on three different days of the month, an energy fee that is
 * lower at night (22-06) and at weekends, and the spot price (NO1) with 25 %
 * VAT from the supplier. Elvia's fees are quoted with electricity tax, Enova
 * levy and VAT included.
 */
import { z } from 'zod';
import type { BillLine } from '../../common/bill.js';
import { inPeriod, makeBill, monthFraction, top3DailyHourlyPeaksW, totalKWh, vatFactor, weightedKWh } from '../bill-lines.js';
import { localParts } from '../local-calendar.js';
import type { LocalParts } from '../local-calendar.js';
import type { BillInput, SlotContext, TariffPreset } from './preset.js';

export const noElviaParams = z
  .object({
    /** Upper bounds of the steps (W); the last step is open-ended. */
    stepUpperW: z.array(z.number().positive()).min(1).default([2000, 5000, 10_000, 15_000, 20_000, 25_000, 50_000, 75_000, 100_000]),
    /** NOK/month incl. VAT, one more than stepUpperW (the open-ended step). Steps 7-10 are placeholders: set them from Elvia's current list. */
    stepPerMonth: z.array(z.number().min(0)).min(2).default([110, 170, 270, 370, 470, 570, 1070, 1570, 2070, 2570]),
    /** Energy fee incl. taxes (NOK/kWh), weekdays 06-22. */
    energyDayPerKWh: z.number().min(0).max(10).default(0.4355),
    /** Energy fee incl. taxes (NOK/kWh), 22-06 and weekends. */
    energyNightPerKWh: z.number().min(0).max(10).default(0.373),
    dayFromHour: z.number().int().min(0).max(23).default(6),
    dayToHour: z.number().int().min(1).max(24).default(22),
    /** VAT on the supplier's spot price. */
    vatPct: z.number().min(0).max(50).default(25),
    /** Supplier markup (NOK/kWh incl. VAT) and monthly fee. */
    supplierMarkupPerKWh: z.number().min(-10).max(10).default(0),
    supplierPerMonth: z.number().min(0).max(10_000).default(0),
    /** Added to spot for exported kWh (NOK/kWh). */
    exportMarkupPerKWh: z.number().min(-10).max(10).default(0),
  })
  .strict()
  .refine((p) => p.stepPerMonth.length === p.stepUpperW.length + 1, 'stepPerMonth needs one entry more than stepUpperW (the open-ended step)');
export type NoElviaParams = z.infer<typeof noElviaParams>;

export function noElvia(p: NoElviaParams, timeZone: string): TariffPreset {
  const vat = vatFactor(p.vatPct);
  const isDay = (l: LocalParts): boolean => l.weekday >= 1 && l.weekday <= 5 && l.minuteOfDay >= p.dayFromHour * 60 && l.minuteOfDay < p.dayToHour * 60;
  const stepFee = (w: number): { index: number; fee: number } => {
    let index = p.stepUpperW.findIndex((upper) => w <= upper);
    if (index < 0) index = p.stepUpperW.length;
    return { index, fee: p.stepPerMonth[index] ?? 0 };
  };
  return {
    info: {
      id: 'no-elvia',
      name: 'NO Elvia (capacity steps, day/night energy fee, NO1 spot)',
      country: 'NO',
      currency: 'NOK',
      sources: [
        { title: 'Elvia: prices of the grid tariff model since July 2022 (steps 0-2 ... 20-25 kW: 110-570 NOK/month; day 43.55 / night-weekend 37.30 øre/kWh)', url: 'https://www.elvia.no/nettleie/alt-om-nettleiepriser/priser-ny-nettleiemodell/' },
        { title: 'Step from the mean of the three highest hours on three different days', url: 'https://www.elvia.no/nettleie/alt-om-nettleiepriser/priser-ny-nettleiemodell/' },
      ],
    },
    dynamic: true,
    usesTempo: false,
    usesMonthImport: false,
    demandCharges: [{ kind: 'capacity-steps', stepUpperW: p.stepUpperW, perMonth: p.stepPerMonth }],
    exportLimitW: null,
    slotPrice(slot: SlotContext) {
      const e = slot.energyPerKWh;
      if (e === null) return null;
      const gridFee = isDay(slot.local) ? p.energyDayPerKWh : p.energyNightPerKWh;
      return { importPerKWh: e * vat + p.supplierMarkupPerKWh + gridFee, exportPerKWh: e + p.exportMarkupPerKWh };
    },
    bill(input: BillInput) {
      const iv = inPeriod(input);
      const importKWh = totalKWh(iv, 'importWh');
      const spot = weightedKWh(iv, 'importWh', (i) => {
        const e = input.energyPerKWh(i.startMs);
        return e === null ? null : e * vat + p.supplierMarkupPerKWh;
      });
      let dayKWh = 0;
      let nightKWh = 0;
      for (const i of iv) {
        if (isDay(localParts(i.startMs, timeZone))) dayKWh += i.importWh / 1000;
        else nightKWh += i.importWh / 1000;
      }
      const peakW = top3DailyHourlyPeaksW(iv, timeZone);
      const step = stepFee(peakW);
      const feedIn = weightedKWh(iv, 'exportWh', (i) => {
        const e = input.energyPerKWh(i.startMs);
        return e === null ? null : e + p.exportMarkupPerKWh;
      });
      const share = monthFraction(input, timeZone);
      const lines: BillLine[] = [
        { label: 'Spot price (incl. VAT) + supplier markup', amount: spot, quantity: importKWh, unit: 'kWh' },
        { label: 'Energy fee, day', amount: dayKWh * p.energyDayPerKWh, quantity: dayKWh, unit: 'kWh' },
        { label: 'Energy fee, night/weekend', amount: nightKWh * p.energyNightPerKWh, quantity: nightKWh, unit: 'kWh' },
        { label: `Capacity step ${step.index + 1} (mean of 3 daily peaks)`, amount: step.fee * share, quantity: peakW / 1000, unit: 'kW' },
      ];
      if (p.supplierPerMonth > 0) lines.push({ label: 'Supplier monthly fee', amount: p.supplierPerMonth * share });
      lines.push({ label: 'Sold to the grid (spot)', amount: -feedIn, quantity: totalKWh(iv, 'exportWh'), unit: 'kWh' });
      return makeBill('NOK', input, lines);
    },
  };
}

