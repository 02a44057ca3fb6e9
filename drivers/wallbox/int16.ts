/**
 * Signed 16-bit values on Modbus registers. A register is an unsigned word
 * (0..65535) on the wire; the Quasar's setpoints and its actual power are
 * int16 in two's complement, so -7400 W travels as 0xE318 and -32 A as 0xFFE0.
 * Encoding refuses values that do not fit rather than wrapping them: a wrapped
 * setpoint would silently turn a discharge into a charge.
 */

export const INT16_MIN = -32768;
export const INT16_MAX = 32767;

/** Signed integer -> register word. Throws RangeError for non-integers or values outside int16. */
export function encodeInt16(value: number): number {
  if (!Number.isInteger(value) || value < INT16_MIN || value > INT16_MAX) {
    throw new RangeError(`${value} does not fit a signed 16-bit register (${INT16_MIN}..${INT16_MAX})`);
  }
  return value < 0 ? value + 0x10000 : value;
}

/** Register word -> signed integer. Throws RangeError for anything that is not a 16-bit word. */
export function decodeInt16(word: number): number {
  if (!Number.isInteger(word) || word < 0 || word > 0xffff) {
    throw new RangeError(`${word} is not a 16-bit register word (0..65535)`);
  }
  return word >= 0x8000 ? word - 0x10000 : word;
}
