/**
 * Reading DSMR numbers exactly. Meters write fixed-point decimals ("0001.011"
 * kW); converting to W by moving the decimal point in the text instead of
 * multiplying a float keeps 1.011 kW = 1011 W, not 1010.9999.
 */
import { UNITS } from './obis.js';
import type { Quantity } from './obis.js';

const DECIMAL = /^\d{1,15}(?:\.\d{1,15})?$/;

/** Non-negative decimal text times 10^shift, exact for up to `shift` decimals. */
export function shiftDecimal(text: string, shift: number): number | null {
  if (!DECIMAL.test(text)) return null;
  const [int = '', frac = ''] = text.split('.');
  const moved = frac.padEnd(shift, '0');
  const rest = moved.slice(shift);
  return Number(`${int}${moved.slice(0, shift)}${rest === '' ? '' : `.${rest}`}`);
}

/** "number*unit" in our unit for the quantity, or an error message. */
export function measurement(text: string, quantity: Quantity): { value: number } | { error: string } {
  const star = text.indexOf('*');
  if (star === -1) return { error: `expected "number*unit", got ${JSON.stringify(text)}` };
  const unit = text.slice(star + 1);
  const shift = UNITS[quantity][unit.toLowerCase()];
  if (shift === undefined) return { error: `unit ${JSON.stringify(unit)} is not a ${quantity} unit` };
  const value = shiftDecimal(text.slice(0, star), shift);
  if (value === null) return { error: `not a number: ${JSON.stringify(text.slice(0, star))}` };
  return { value };
}

/** Decodes hex-encoded ASCII (meter and equipment ids); keeps the text when it is not that. */
export function decodeHexText(text: string): string {
  if (text.length === 0 || text.length % 2 !== 0 || !/^[0-9A-Fa-f]+$/.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i += 2) {
    const code = parseInt(text.slice(i, i + 2), 16);
    if (code < 0x20 || code > 0x7e) return text;
    out += String.fromCharCode(code);
  }
  return out;
}
