/**
 * The energy component of a contract: fixed per kWh, or indexed on the
 * day-ahead price (factor × day-ahead + markup), separately for import and
 * export. Shared by presets whose grid fees and taxes differ but whose
 * supplier part is either of the two.
 */
import { z } from 'zod';

export const energyContract = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('fixed'),
      importPerKWh: z.number().min(-10).max(10000),
      exportPerKWh: z.number().min(-10).max(10000),
    })
    .strict(),
  z
    .object({
      kind: z.literal('dayahead'),
      importFactor: z.number().min(0).max(10).default(1),
      importMarkupPerKWh: z.number().min(-10).max(10000).default(0),
      exportFactor: z.number().min(0).max(10).default(1),
      exportMarkupPerKWh: z.number().min(-10).max(10000).default(0),
    })
    .strict(),
]);
export type EnergyContract = z.infer<typeof energyContract>;

/** Energy price of a slot; null when indexed and the day-ahead price is unknown. */
export function energyImport(c: EnergyContract, dayAheadPerKWh: number | null): number | null {
  if (c.kind === 'fixed') return c.importPerKWh;
  return dayAheadPerKWh === null ? null : c.importFactor * dayAheadPerKWh + c.importMarkupPerKWh;
}

export function energyExport(c: EnergyContract, dayAheadPerKWh: number | null): number | null {
  if (c.kind === 'fixed') return c.exportPerKWh;
  return dayAheadPerKWh === null ? null : c.exportFactor * dayAheadPerKWh + c.exportMarkupPerKWh;
}
