/**
 * One short reason per slot for the plan screen, naming the decision that
 * matters in it and the price that drives it, e.g. "car exporting 7.4 kW
 * (V2G) at 0.38 EUR/kWh; car at 80 % by 07:30".
 */
import { localTime } from '../../common/local-time.js';
import type { SlotSchedule } from '../model/decode.js';
import type { ProblemSlot } from '../model/problem.js';

export interface ReasonContext {
  readonly currency: string;
  /** The car's goal, e.g. "80 % by 07:30", null without one. */
  readonly carGoal: string | null;
  /** Import prices of the slots the car is plugged in for (to say "one of the cheapest"). */
  readonly pluggedImportPrices: readonly number[];
  /** The horizon's import prices, to tell a cheap hour from an expensive one. */
  readonly importPrices: readonly number[];
  readonly timeZone: string;
}

const minW = 50;
const kW = (w: number): string => `${(Math.abs(w) / 1000).toFixed(1)} kW`;

export function slotReason(slot: ProblemSlot, s: SlotSchedule, ctx: ReasonContext): string {
  const price = (p: number): string => `${p.toFixed(2)} ${ctx.currency}/kWh`;
  const surplusW = slot.pvW - slot.loadW;
  const parts: string[] = [];
  if (s.carW > minW) {
    if (surplusW >= s.carW * 0.5) parts.push(`charging car at ${kW(s.carW)} from solar surplus`);
    else if (isAmongCheapest(slot.importPerKWh, ctx.pluggedImportPrices)) parts.push(`charging car at ${kW(s.carW)}: one of the cheapest hours (${price(slot.importPerKWh)})`);
    else parts.push(`charging car at ${kW(s.carW)} at ${price(slot.importPerKWh)}`);
  } else if (s.carW < -minW) {
    parts.push(s.gridW < -minW ? `car exporting ${kW(s.carW)} (V2G) at ${price(slot.exportPerKWh)}` : `car powering the home (V2H), saving ${price(slot.importPerKWh)}`);
  }
  if (s.batteryW < -minW) {
    parts.push(s.gridW > minW && surplusW < -s.batteryW ? `charging battery from the grid at ${price(slot.importPerKWh)} for dearer hours` : 'storing solar surplus in the battery');
  } else if (s.batteryW > minW) {
    if (s.gridW < -minW) parts.push(`battery exporting at ${price(slot.exportPerKWh)}`);
    else parts.push(isExpensive(slot.importPerKWh, ctx.importPrices) ? `battery covering the ${peakWord(slot, ctx.timeZone)} at ${price(slot.importPerKWh)}` : 'battery covering the home');
  }
  if (s.curtailW > minW) {
    parts.push(slot.exportPerKWh < 0 ? `PV capped: exporting would cost ${price(-slot.exportPerKWh)}` : 'PV capped at the export limit');
  }
  if (parts.length === 0) {
    if (s.gridW > minW) parts.push(`importing at ${price(slot.importPerKWh)}`);
    else if (s.gridW < -minW) parts.push(`exporting solar surplus at ${price(slot.exportPerKWh)}`);
    else parts.push('home covered by solar');
  }
  if (ctx.carGoal !== null && (s.carW > minW || s.carW < -minW)) parts.push(`car at ${ctx.carGoal}`);
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Prices closer than this (per kWh) are one price: "cheapest" and "peak" would mean nothing. */
const minSpread = 0.01;

function spread(prices: readonly number[]): number {
  return prices.length === 0 ? 0 : Math.max(...prices) - Math.min(...prices);
}

function isAmongCheapest(p: number, prices: readonly number[]): boolean {
  if (spread(prices) < minSpread) return false;
  const sorted = [...prices].sort((a, b) => a - b);
  return p <= (sorted[Math.floor(sorted.length / 3)] ?? p);
}

function isExpensive(p: number, prices: readonly number[]): boolean {
  if (spread(prices) < minSpread) return false;
  const sorted = [...prices].sort((a, b) => a - b);
  return p >= (sorted[Math.floor((sorted.length * 2) / 3)] ?? p);
}

function peakWord(slot: ProblemSlot, timeZone: string): string {
  const hour = localTime(slot.startMs, timeZone).msOfDay / 3_600_000;
  // Morning and evening peaks are the usual ones in Europe; anything else is just "a dear hour".
  return hour >= 16 && hour < 22 ? 'evening peak' : hour >= 6 && hour < 10 ? 'morning peak' : 'dear hour';
}
