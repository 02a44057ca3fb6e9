/**
 * What the household pays and earns per kWh from the zone's day-ahead price,
 * as a dynamic contract bills it. NL follows main/tariffs' nl-dynamic preset
 * after net metering ends (2027 rules): (day-ahead + 0.02 markup + energy
 * tax) + 21 % VAT on import; export earns the day-ahead price, at least half
 * of the bare supply price. Without net metering, because with it a home
 * battery has nothing to earn in NL. The other zones are rough (supplier
 * markup, grid fee and taxes folded into one adder) and only for comparison.
 */
import type { Zone } from './data/prices.js';

export interface Prices {
  readonly importPerKWh: number;
  readonly exportPerKWh: number;
}

export interface ZoneTariff {
  readonly name: string;
  readonly timeZone: string;
  price(spotPerKWh: number, ts: number): Prices;
}

/** NL energy tax, first bracket, EUR/kWh excl. VAT (as in main/tariffs/presets/nl-dynamic.ts). */
const nlEnergyTax = (ts: number): number => (new Date(ts).getUTCFullYear() >= 2026 ? 0.0916 : 0.10154);

function adderTariff(name: string, timeZone: string, adderPerKWh: number, vatPct: number): ZoneTariff {
  return {
    name,
    timeZone,
    price: (spot) => ({ importPerKWh: (spot + adderPerKWh) * (1 + vatPct / 100), exportPerKWh: spot }),
  };
}

export function zoneTariff(zone: Zone): ZoneTariff {
  switch (zone) {
    case 'NL':
      return {
        name: 'NL dynamic: (day-ahead + 0.02 + energy tax) x 1.21; export: day-ahead, at least 50 % of (day-ahead + 0.02)',
        timeZone: 'Europe/Amsterdam',
        price: (spot, ts) => ({ importPerKWh: (spot + 0.02 + nlEnergyTax(ts)) * 1.21, exportPerKWh: Math.max(spot, 0.5 * (spot + 0.02)) }),
      };
    case 'DE_LU':
      return adderTariff('DE dynamic (rough): (day-ahead + 0.19) x 1.19; export: day-ahead', 'Europe/Berlin', 0.19, 19);
    case 'FR':
      return adderTariff('FR dynamic (rough): (day-ahead + 0.12) x 1.20; export: day-ahead', 'Europe/Paris', 0.12, 20);
    case 'NO1':
      return adderTariff('NO1 spot (rough): (day-ahead + 0.08) x 1.25; export: day-ahead', 'Europe/Oslo', 0.08, 25);
    case 'SE3':
      return adderTariff('SE3 spot (rough): (day-ahead + 0.09) x 1.25; export: day-ahead', 'Europe/Stockholm', 0.09, 25);
  }
}
