/**
 * HU, household "A1" tariff with gross settlement (bruttó elszámolás) for PV
 * connected since 2024: import is billed at the regulated price up to the
 * average household consumption (2523 kWh/year, applied per month), above it
 * at the market-based price; export is bought at a low fixed price. In
 * no-export areas the grid operator allows no feed-in at all: export earns
 * nothing and the hub holds an export cap of 0 W.
 */
import { z } from 'zod';
import type { BillLine } from '../../common/bill.js';
import { inPeriod, makeBill, monthFraction, totalKWh } from '../bill-lines.js';
import type { BillInput, SlotContext, TariffPreset } from './preset.js';

export const huGrossParams = z
  .object({
    /** HUF/kWh gross (energy + system use), up to the average consumption. */
    tier1PerKWh: z.number().min(0).max(1000).default(36),
    /** HUF/kWh gross above it. */
    tier2PerKWh: z.number().min(0).max(1000).default(70),
    averageAnnualKWh: z.number().min(0).max(100_000).default(2523),
    /** HUF/kWh paid for exported energy. */
    exportPerKWh: z.number().min(0).max(1000).default(5),
    noExport: z.boolean().default(false),
    fixedPerMonth: z.number().min(0).max(100_000).default(0),
  })
  .strict();
export type HuGrossParams = z.infer<typeof huGrossParams>;

export function huGross(p: HuGrossParams, timeZone: string): TariffPreset {
  const monthlyThresholdKWh = p.averageAnnualKWh / 12;
  return {
    info: {
      id: 'hu-gross',
      name: `HU A1 gross settlement${p.noExport ? ', no-export area' : ''}`,
      country: 'HU',
      currency: 'HUF',
      sources: [
        { title: 'Gross settlement: export ~5 HUF/kWh, import 36 HUF/kWh up to the average consumption, 70 HUF/kWh above', url: 'https://hvg.hu/gazdasag/20250615_haztartas-napelem-megujulo-energia-szaldo-elszamolas-napenergia' },
        { title: 'Average consumption 2523 kWh/year (210 kWh/month) as the tier limit', url: 'https://economx.hu/gazdasag/havi-szaldo-napelem-brutto-elszamolas.776509.html/amp' },
      ],
    },
    dynamic: false,
    usesTempo: false,
    usesMonthImport: true,
    demandCharges: [],
    exportLimitW: p.noExport ? 0 : null,
    slotPrice(slot: SlotContext) {
      // The marginal kWh costs the tier the month has reached so far.
      const tier = slot.importedWhThisMonth / 1000 < monthlyThresholdKWh ? p.tier1PerKWh : p.tier2PerKWh;
      return { importPerKWh: tier, exportPerKWh: p.noExport ? 0 : p.exportPerKWh };
    },
    bill(input: BillInput) {
      const iv = inPeriod(input);
      const share = monthFraction(input, timeZone);
      const importKWh = totalKWh(iv, 'importWh');
      const thresholdKWh = monthlyThresholdKWh * share;
      const tier1 = Math.min(importKWh, thresholdKWh);
      const tier2 = Math.max(0, importKWh - thresholdKWh);
      const exportKWh = totalKWh(iv, 'exportWh');
      const lines: BillLine[] = [
        { label: 'Import up to the average consumption', amount: tier1 * p.tier1PerKWh, quantity: tier1, unit: 'kWh' },
        { label: 'Import above the average consumption', amount: tier2 * p.tier2PerKWh, quantity: tier2, unit: 'kWh' },
      ];
      if (p.fixedPerMonth > 0) lines.push({ label: 'Fixed fees', amount: p.fixedPerMonth * share });
      lines.push({ label: p.noExport ? 'Export (no-export area: not paid)' : 'Export (gross settlement)', amount: p.noExport ? 0 : -exportKWh * p.exportPerKWh, quantity: exportKWh, unit: 'kWh' });
      return makeBill('HUF', input, lines);
    },
  };
}
