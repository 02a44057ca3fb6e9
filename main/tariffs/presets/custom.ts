/**
 * A tariff written in the config: one fixed price, or time-of-use windows
 * (e.g. "17:00-21:00" on weekdays at a peak price), for contracts no preset
 * covers. The first matching window wins; outside them the base prices hold.
 */
import { z } from 'zod';
import type { BillLine } from '../../common/bill.js';
import { inPeriod, makeBill, monthFraction, totalKWh, weightedKWh } from '../bill-lines.js';
import { inWindow, localParts, windowPattern } from '../local-calendar.js';
import type { BillInput, SlotContext, TariffPreset } from './preset.js';

const window = z
  .object({
    window: z.string().regex(windowPattern, 'expected "HH:MM-HH:MM"'),
    /** 0 = Sunday ... 6 = Saturday; default every day. */
    weekdays: z.array(z.number().int().min(0).max(6)).default([0, 1, 2, 3, 4, 5, 6]),
    /** Months 1-12; default all. */
    months: z.array(z.number().int().min(1).max(12)).default([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
    importPerKWh: z.number().min(-10).max(10_000),
    exportPerKWh: z.number().min(-10).max(10_000).optional(),
  })
  .strict();

export const customParams = z
  .object({
    currency: z.enum(['EUR', 'NOK', 'SEK', 'HUF']).default('EUR'),
    /** All-in prices the household pays / is paid (site currency per kWh). */
    importPerKWh: z.number().min(-10).max(10_000),
    exportPerKWh: z.number().min(-10).max(10_000).default(0),
    timeOfUse: z.array(window).max(24).default([]),
    fixedPerMonth: z.number().min(0).max(100_000).default(0),
    name: z.string().min(1).max(80).default('Custom tariff'),
  })
  .strict();
export type CustomParams = z.infer<typeof customParams>;

export function custom(p: CustomParams, timeZone: string): TariffPreset {
  const price = (startMs: number): { importPerKWh: number; exportPerKWh: number } => {
    const l = localParts(startMs, timeZone);
    const w = p.timeOfUse.find((t) => t.weekdays.includes(l.weekday) && t.months.includes(l.month) && inWindow(l.minuteOfDay, t.window));
    return { importPerKWh: w?.importPerKWh ?? p.importPerKWh, exportPerKWh: w?.exportPerKWh ?? p.exportPerKWh };
  };
  return {
    info: { id: 'custom', name: p.name, country: '', currency: p.currency, sources: [{ title: 'Installer configuration', url: '' }] },
    dynamic: false,
    timeOfUse: p.timeOfUse.length > 0,
    usesTempo: false,
    usesMonthImport: false,
    demandCharges: [],
    exportLimitW: null,
    slotPrice: (slot: SlotContext) => price(slot.startMs),
    bill(input: BillInput) {
      const iv = inPeriod(input);
      const lines: BillLine[] = [
        { label: 'Import', amount: weightedKWh(iv, 'importWh', (i) => price(i.startMs).importPerKWh), quantity: totalKWh(iv, 'importWh'), unit: 'kWh' },
        { label: 'Export', amount: -weightedKWh(iv, 'exportWh', (i) => price(i.startMs).exportPerKWh), quantity: totalKWh(iv, 'exportWh'), unit: 'kWh' },
      ];
      if (p.fixedPerMonth > 0) lines.push({ label: 'Fixed fees', amount: p.fixedPerMonth * monthFraction(input, timeZone) });
      return makeBill(p.currency, input, lines);
    },
  };
}
