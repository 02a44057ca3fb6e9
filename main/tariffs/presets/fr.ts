/**
 * FR regulated tariff (Tarif Bleu, prices TTC): Base (one price), HP/HC (off-
 * peak hours set per customer by Enedis, usually 8 hours, e.g. 22:00-06:00 or
 * split), and Tempo (blue/white/red days, each with HP 06-22 and HC 22-06).
 * Surplus PV sold under an obligation-to-buy contract at a fixed price.
 */
import { z } from 'zod';
import type { BillLine } from '../../common/bill.js';
import type { TempoColour } from '../../common/tariff-inputs.js';
import { inPeriod, makeBill, monthFraction, totalKWh, weightedKWh } from '../bill-lines.js';
import { inWindow, localParts, windowPattern } from '../local-calendar.js';
import { tempoDay } from '../tempo.js';
import type { BillInput, SlotContext, TariffPreset } from './preset.js';

const hpHc = z.object({ hpPerKWh: z.number().min(0).max(5), hcPerKWh: z.number().min(0).max(5) }).strict();

export const frParams = z
  .object({
    option: z.enum(['base', 'hphc', 'tempo']).default('base'),
    /** EUR/kWh TTC, regulated prices from 2025-08-01. */
    basePerKWh: z.number().min(0).max(5).default(0.1952),
    hphc: hpHc.default({ hpPerKWh: 0.2081, hcPerKWh: 0.1635 }),
    /** The customer's off-peak windows (on the contract / the Linky). */
    offPeakWindows: z.array(z.string().regex(windowPattern)).min(1).default(['22:00-06:00']),
    tempo: z
      .object({ blue: hpHc, white: hpHc, red: hpHc })
      .strict()
      .default({
        blue: { hpPerKWh: 0.1494, hcPerKWh: 0.1232 },
        white: { hpPerKWh: 0.173, hcPerKWh: 0.1391 },
        red: { hpPerKWh: 0.6468, hcPerKWh: 0.146 },
      }),
    /** Subscription (abonnement) by kVA, EUR/month TTC. */
    subscriptionPerMonth: z.number().min(0).max(500).default(0),
    /** Surplus feed-in (obligation d'achat), EUR/kWh. */
    exportPerKWh: z.number().min(0).max(1).default(0.04),
  })
  .strict();
export type FrParams = z.infer<typeof frParams>;

export function fr(p: FrParams, timeZone: string): TariffPreset {
  const tempoHc = '22:00-06:00';
  const priceAt = (startMs: number, colour: TempoColour | null): number | null => {
    const l = localParts(startMs, timeZone);
    if (p.option === 'base') return p.basePerKWh;
    if (p.option === 'hphc') return p.offPeakWindows.some((w) => inWindow(l.minuteOfDay, w)) ? p.hphc.hcPerKWh : p.hphc.hpPerKWh;
    if (colour === null) return null;
    const c = p.tempo[colour];
    return inWindow(l.minuteOfDay, tempoHc) ? c.hcPerKWh : c.hpPerKWh;
  };
  const names = { base: 'Base', hphc: 'Heures pleines / heures creuses', tempo: 'Tempo' };
  return {
    info: {
      id: `fr-${p.option}`,
      name: `FR Tarif Bleu ${names[p.option]}`,
      country: 'FR',
      currency: 'EUR',
      sources: [
        { title: 'Regulated prices from 1 August 2025: Base 0.1952, HP 0.2081 / HC 0.1635, Tempo blue/white/red HP and HC', url: 'https://www.moneyvox.fr/energie/actualites/107038/economise-28-sur-ma-facture-electricite-qui-a-interet-a-souscrire-a-cette-offre-edf' },
        { title: 'Tempo: 300 blue, 43 white, 22 red days (Nov-Mar weekdays); HP 06-22, HC 22-06', url: 'https://edito.seloger.com/materiaux-equipements/energie/edf-tempo-premiers-jours-rouges-arrivent-voici-limiter-facture-d-2' },
      ],
    },
    dynamic: false,
    timeOfUse: p.option !== 'base',
    usesTempo: p.option === 'tempo',
    usesMonthImport: false,
    demandCharges: [],
    exportLimitW: null,
    slotPrice(slot: SlotContext) {
      const importPerKWh = priceAt(slot.startMs, slot.tempo);
      return importPerKWh === null ? null : { importPerKWh, exportPerKWh: p.exportPerKWh };
    },
    bill(input: BillInput) {
      const iv = inPeriod(input);
      const colour = (startMs: number): TempoColour | null => (p.option === 'tempo' ? input.tempoColour(tempoDay(startMs, timeZone)) : null);
      const importKWh = totalKWh(iv, 'importWh');
      const lines: BillLine[] = [];
      if (p.option === 'tempo') {
        // One line per colour, as the EDF bill shows them.
        for (const c of ['blue', 'white', 'red'] as const) {
          const of = iv.filter((i) => colour(i.startMs) === c);
          if (of.length === 0) continue;
          lines.push({ label: `Tempo ${c}`, amount: weightedKWh(of, 'importWh', (i) => priceAt(i.startMs, c)), quantity: totalKWh(of, 'importWh'), unit: 'kWh' });
        }
        const unknown = iv.filter((i) => i.importWh > 0 && colour(i.startMs) === null);
        if (unknown.length > 0) throw new Error(`Tempo colour unknown for ${tempoDay(unknown[0]?.startMs ?? 0, timeZone)}`);
      } else {
        lines.push({ label: 'Energy', amount: weightedKWh(iv, 'importWh', (i) => priceAt(i.startMs, null)), quantity: importKWh, unit: 'kWh' });
      }
      if (p.subscriptionPerMonth > 0) lines.push({ label: 'Subscription', amount: p.subscriptionPerMonth * monthFraction(input, timeZone) });
      const exportKWh = totalKWh(iv, 'exportWh');
      lines.push({ label: 'Surplus sold', amount: -exportKWh * p.exportPerKWh, quantity: exportKWh, unit: 'kWh' });
      return makeBill('EUR', input, lines);
    },
  };
}
