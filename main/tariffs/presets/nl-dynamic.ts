/**
 * NL dynamic contract: day-ahead price + supplier markup + energy tax
 * (energiebelasting) + 21 % VAT, a fixed yearly tax credit
 * (heffingskorting). Until 2027-01-01 net metering (salderingsregeling):
 * exported kWh offset imported kWh before energy tax and VAT, so an exported
 * kWh is worth the all-in price. From 2027 export earns the contract's
 * feed-in price, by law at least 50 % of the bare supply price until 2030.
 */
import { z } from 'zod';
import type { BillLine } from '../../common/bill.js';
import { inPeriod, makeBill, monthFraction, totalKWh, vatFactor, weightedKWh } from '../bill-lines.js';
import { localMidnightMs, localParts } from '../local-calendar.js';
import { dayMs } from '../slots.js';
import type { BillInput, SlotContext, TariffPreset } from './preset.js';

/** Energy tax on electricity, first bracket (0-10 000 kWh), EUR/kWh excl. VAT, by year. */
const energyTaxByYear: Record<number, number> = { 2025: 0.10154, 2026: 0.0916 };
/** Heffingskorting per connection with a residential function, EUR/year excl. VAT. */
const taxCreditByYear: Record<number, number> = { 2025: 524.95, 2026: 519.8 };

export const nlDynamicParams = z
  .object({
    /** Supplier's purchase fee on imported kWh (EUR/kWh, excl. VAT). */
    markupPerKWh: z.number().min(-1).max(1).default(0.02),
    /** Added to the day-ahead price for exported kWh (negative: a feed-in fee). */
    feedInMarkupPerKWh: z.number().min(-1).max(1).default(0),
    /** Overrides the table by year (EUR/kWh excl. VAT). */
    energyTaxPerKWh: z.number().min(0).max(1).nullable().default(null),
    taxCreditPerYear: z.number().min(0).max(5000).nullable().default(null),
    vatPct: z.number().min(0).max(50).default(21),
    /** Supplier and grid operator standing charges (EUR/month incl. VAT). */
    fixedPerMonth: z.number().min(0).max(1000).default(0),
    /** Local date net metering ends. */
    netMeteringUntil: z.iso.date().default('2027-01-01'),
    /** Legal floor of the feed-in price as a share of the bare supply price (2027-2029: 50 %). */
    minFeedInShare: z.number().min(0).max(1).default(0.5),
  })
  .strict();
export type NlDynamicParams = z.infer<typeof nlDynamicParams>;

export function nlDynamic(p: NlDynamicParams, timeZone: string): TariffPreset {
  const [y, m, d] = p.netMeteringUntil.split('-').map(Number);
  const netMeteringEndMs = localMidnightMs(y ?? 2027, m ?? 1, d ?? 1, timeZone);
  const vat = vatFactor(p.vatPct);
  const taxFor = (year: number): number => p.energyTaxPerKWh ?? energyTaxByYear[year] ?? energyTaxByYear[2026] ?? 0;
  const creditFor = (year: number): number => p.taxCreditPerYear ?? taxCreditByYear[year] ?? taxCreditByYear[2026] ?? 0;
  const exportAfter = (e: number): number => Math.max(e + p.feedInMarkupPerKWh, p.minFeedInShare * (e + p.markupPerKWh));

  return {
    info: {
      id: 'nl-dynamic',
      name: 'NL dynamic (day-ahead + markup, energy tax, 21 % VAT)',
      country: 'NL',
      currency: 'EUR',
      sources: [
        { title: 'Energiebelasting 2025 €0.10154 and 2026 €0.09160 per kWh (excl. VAT)', url: 'https://gelijkvergelijk.nl/?p=7585' },
        { title: 'Heffingskorting 2025 €524.95, 2026 €519.80 (excl. VAT)', url: 'https://www.engie.nl/zakelijk/klantenservice/energiebelasting/wijzigingen' },
        { title: 'Kamerstuk 36611 nr. 3: salderingsregeling ends 1 January 2027', url: 'https://zoek.officielebekendmakingen.nl/dossier/kst-36611-3.html' },
        { title: 'Kamerstuk 36611 D (amendement Grinwis): feed-in at least 50 % of the bare supply price until 2030', url: 'https://parlementairemonitor.nl/9353000/1/j9vvij5epmj1ey0/vmiyqw6tvvwd' },
      ],
    },
    dynamic: true,
    usesTempo: false,
    usesMonthImport: false,
    demandCharges: [],
    exportLimitW: null,
    slotPrice(slot: SlotContext) {
      const e = slot.energyPerKWh;
      if (e === null) return null;
      const tax = taxFor(slot.local.year);
      const importPerKWh = (e + p.markupPerKWh + tax) * vat;
      // Net metered, an exported kWh cancels an imported one with its tax and VAT.
      const exportPerKWh = slot.startMs < netMeteringEndMs ? (e + p.feedInMarkupPerKWh + tax) * vat : exportAfter(e);
      return { importPerKWh, exportPerKWh };
    },
    bill(input: BillInput) {
      const iv = inPeriod(input);
      const year = localParts(input.fromMs, timeZone).year;
      const tax = taxFor(year);
      const price = (i: { startMs: number }): number | null => input.energyPerKWh(i.startMs);
      const importKWh = totalKWh(iv, 'importWh');
      const exportKWh = totalKWh(iv, 'exportWh');
      const supply = weightedKWh(iv, 'importWh', (i) => {
        const e = price(i);
        return e === null ? null : e + p.markupPerKWh;
      });
      const days = (input.toMs - input.fromMs) / dayMs;
      const daysInYear = (localMidnightMs(year + 1, 1, 1, timeZone) - localMidnightMs(year, 1, 1, timeZone)) / dayMs;
      const credit = -creditFor(year) * (days / daysInYear);
      const netMetered = input.fromMs < netMeteringEndMs;
      const lines: BillLine[] = [{ label: 'Supply (day-ahead + markup)', amount: supply, quantity: importKWh, unit: 'kWh' }];
      if (netMetered) {
        const feedIn = weightedKWh(iv, 'exportWh', (i) => {
          const e = price(i);
          return e === null ? null : e + p.feedInMarkupPerKWh;
        });
        const taxedKWh = Math.max(0, importKWh - exportKWh);
        lines.push({ label: 'Feed-in (day-ahead)', amount: -feedIn, quantity: exportKWh, unit: 'kWh' });
        lines.push({ label: 'Energy tax on net import (net metering)', amount: taxedKWh * tax, quantity: taxedKWh, unit: 'kWh' });
        lines.push({ label: 'Tax credit (heffingskorting)', amount: credit });
        lines.push({ label: `VAT ${p.vatPct} %`, amount: (supply - feedIn + taxedKWh * tax + credit) * (p.vatPct / 100) });
      } else {
        const feedIn = weightedKWh(iv, 'exportWh', (i) => {
          const e = price(i);
          return e === null ? null : exportAfter(e);
        });
        lines.push({ label: 'Energy tax', amount: importKWh * tax, quantity: importKWh, unit: 'kWh' });
        lines.push({ label: 'Tax credit (heffingskorting)', amount: credit });
        lines.push({ label: `VAT ${p.vatPct} %`, amount: (supply + importKWh * tax + credit) * (p.vatPct / 100) });
        lines.push({ label: 'Feed-in compensation', amount: -feedIn, quantity: exportKWh, unit: 'kWh' });
      }
      if (p.fixedPerMonth > 0) lines.push({ label: 'Standing charges', amount: p.fixedPerMonth * monthFraction(input, timeZone) });
      return makeBill('EUR', input, lines);
    },
  };
}
