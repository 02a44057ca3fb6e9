/**
 * DE: a fixed working price or a dynamic tariff (day-ahead + markup + grid
 * fee + taxes and levies + 19 % VAT), EEG feed-in, and the §14a EnWG grid-fee
 * reductions for controllable devices (car charging, battery charging, heat
 * pump), in return for which the grid operator may dim them to 4.2 kW:
 *  - module 1: a flat yearly reduction of the grid fee (default if nothing is chosen);
 *  - module 2: 60 % off the grid fee's working price for separately metered devices;
 *  - module 3 (with module 1, since 2025-04-01): a time-variable grid fee with
 *    three levels, high (HT), standard (ST) and low (NT), in the operator's windows.
 */
import { z } from 'zod';
import type { BillLine } from '../../common/bill.js';
import { inPeriod, makeBill, monthFraction, totalKWh, vatFactor, weightedKWh } from '../bill-lines.js';
import { inWindow, localParts, windowPattern } from '../local-calendar.js';
import type { LocalParts } from '../local-calendar.js';
import type { BillInput, MeterInterval, SlotContext, TariffPreset } from './preset.js';

const module3 = z
  .object({
    /** Grid fee working price per level, EUR/kWh excl. VAT. */
    htPerKWh: z.number().min(0).max(1),
    stPerKWh: z.number().min(0).max(1),
    ntPerKWh: z.number().min(0).max(1),
    /** Daily windows "HH:MM-HH:MM" of HT and NT; ST otherwise. */
    htWindows: z.array(z.string().regex(windowPattern)).default([]),
    ntWindows: z.array(z.string().regex(windowPattern)).default([]),
    /** Months (1-12) the levels apply; ST in the others (operators may limit module 3 to some quarters). */
    months: z.array(z.number().int().min(1).max(12)).default([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
  })
  .strict();

export const deParams = z
  .object({
    contract: z.enum(['fixed', 'dynamic']).default('fixed'),
    /** Fixed contract: working price incl. everything, EUR/kWh gross. */
    workingPricePerKWh: z.number().min(0).max(2).default(0.35),
    /** Dynamic contract (EUR/kWh excl. VAT): supplier markup, taxes and levies (Stromsteuer, Konzessionsabgabe, Umlagen). */
    markupPerKWh: z.number().min(-1).max(1).default(0.02),
    taxesAndLeviesPerKWh: z.number().min(0).max(1).default(0.045),
    /** Grid fee working price (Arbeitspreis Netzentgelt), EUR/kWh excl. VAT; part of the fixed working price too. */
    gridFeePerKWh: z.number().min(0).max(1).default(0.09),
    vatPct: z.number().min(0).max(50).default(19),
    /** Base price (Grundpreis), EUR/month gross. */
    basePerMonth: z.number().min(0).max(1000).default(0),
    /** EEG feed-in tariff, EUR/kWh (depends on commissioning date and size). */
    feedInPerKWh: z.number().min(0).max(1).default(0.0786),
    module14a: z.enum(['none', 'module1', 'module2', 'module1+3']).default('none'),
    /** Module 1 flat reduction, EUR/year excl. VAT (set by each grid operator). */
    module1PerYear: z.number().min(0).max(1000).default(137.43),
    /** Module 2: share of the grid fee working price waived for separately metered controllable devices. */
    module2Reduction: z.number().min(0).max(1).default(0.6),
    module3: module3.optional(),
  })
  .strict()
  .refine((p) => p.module14a !== 'module1+3' || p.module3 !== undefined, 'module14a "module1+3" needs the module3 levels and windows');
export type DeParams = z.infer<typeof deParams>;

export function de(p: DeParams, timeZone: string): TariffPreset {
  const vat = vatFactor(p.vatPct);
  const m3 = p.module14a === 'module1+3' ? (p.module3 ?? null) : null;
  const level = (l: LocalParts): 'HT' | 'ST' | 'NT' => {
    if (m3 === null || !m3.months.includes(l.month)) return 'ST';
    if (m3.htWindows.some((w) => inWindow(l.minuteOfDay, w))) return 'HT';
    if (m3.ntWindows.some((w) => inWindow(l.minuteOfDay, w))) return 'NT';
    return 'ST';
  };
  /** Grid fee of a slot (net); under module 3 the level's, else the standard one. */
  const gridFee = (l: LocalParts): number => {
    if (m3 === null) return p.gridFeePerKWh;
    const lv = level(l);
    return lv === 'HT' ? m3.htPerKWh : lv === 'NT' ? m3.ntPerKWh : m3.stPerKWh;
  };
  /** Gross import price; the fixed working price includes the standard grid fee, so module 3 shifts it by the difference. */
  const importGross = (l: LocalParts, e: number | null): number | null => {
    if (p.contract === 'fixed') return p.workingPricePerKWh + (gridFee(l) - p.gridFeePerKWh) * vat;
    if (e === null) return null;
    return (e + p.markupPerKWh + p.taxesAndLeviesPerKWh + gridFee(l)) * vat;
  };
  const name = `DE ${p.contract === 'fixed' ? 'fixed' : 'dynamic'} tariff${p.module14a === 'none' ? '' : `, §14a ${p.module14a}`}`;
  return {
    info: {
      id: p.contract === 'fixed' ? 'de-fixed' : 'de-dynamic',
      name,
      country: 'DE',
      currency: 'EUR',
      sources: [
        { title: '§14a EnWG: dimming to 4.2 kW; modules 1 and 2, module 3 since 1 April 2025 (with module 1, smart meter required)', url: 'https://www.bs-netz.de/privatkunden/reduzierung-des-netzentgeltes/' },
        { title: 'Module 3: three price levels (HT, ST, NT) per day set by the grid operator', url: 'https://www.vattenfall.de/variable-netzentgelte-modul-3' },
        { title: 'Module 1 flat reduction between 110 and 190 EUR gross per year, by operator', url: 'https://faq.spotmyenergy.de/wissensdatenbank/was-genau-ist-14a-enwg' },
      ],
    },
    dynamic: p.contract === 'dynamic',
    timeOfUse: m3 !== null,
    usesTempo: false,
    usesMonthImport: false,
    demandCharges: [],
    exportLimitW: null,
    slotPrice(slot: SlotContext) {
      const importPerKWh = importGross(slot.local, slot.energyPerKWh);
      return importPerKWh === null ? null : { importPerKWh, exportPerKWh: p.feedInPerKWh };
    },
    bill(input: BillInput) {
      const iv = inPeriod(input);
      const lp = (i: MeterInterval): LocalParts => localParts(i.startMs, timeZone);
      const importKWh = totalKWh(iv, 'importWh');
      const energy = weightedKWh(iv, 'importWh', (i) => importGross(lp(i), input.energyPerKWh(i.startMs)));
      const share = monthFraction(input, timeZone);
      const lines: BillLine[] = [{ label: m3 === null ? 'Energy (gross)' : 'Energy with time-variable grid fee (module 3, gross)', amount: energy, quantity: importKWh, unit: 'kWh' }];
      if (p.basePerMonth > 0) lines.push({ label: 'Base price', amount: p.basePerMonth * share });
      if (p.module14a === 'module1' || p.module14a === 'module1+3') {
        lines.push({ label: '§14a module 1 grid fee reduction', amount: -(p.module1PerYear / 12) * share * vat });
      }
      if (p.module14a === 'module2') {
        const controllableKWh = totalKWh(iv, 'controllableWh');
        lines.push({ label: `§14a module 2: ${p.module2Reduction * 100} % off the grid fee on controllable devices`, amount: -controllableKWh * p.gridFeePerKWh * p.module2Reduction * vat, quantity: controllableKWh, unit: 'kWh' });
      }
      const exportKWh = totalKWh(iv, 'exportWh');
      lines.push({ label: 'EEG feed-in', amount: -exportKWh * p.feedInPerKWh, quantity: exportKWh, unit: 'kWh' });
      return makeBill('EUR', input, lines);
    },
  };
}
