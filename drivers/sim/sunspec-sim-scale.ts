/**
 * Picks the scale factor a device would use to fit a value into a 16-bit
 * register, finest first (SolarEdge-style devices change W_SF with the power,
 * so the simulator does too and drivers must read value and factor together).
 */
const limits = { int16: 32767, uint16: 65534 } as const;

export interface Scaled {
  readonly raw: number;
  readonly sf: number;
}

export function fitScale(values: readonly number[], type: keyof typeof limits, finest = -2, coarsest = 4): Scaled[] {
  for (let sf = finest; sf <= coarsest; sf++) {
    const raws = values.map((v) => Math.round(sf < 0 ? v * 10 ** -sf : v / 10 ** sf));
    const fits = raws.every((r) => (type === 'uint16' ? r >= 0 : true) && Math.abs(r) <= limits[type]);
    if (fits) return raws.map((raw) => ({ raw, sf }));
  }
  throw new RangeError(`cannot fit ${values.join(', ')} into ${type} with a scale factor up to ${coarsest}`);
}

/** One value: its raw register and exponent. */
export function fitOne(value: number, type: keyof typeof limits, finest = -2): Scaled {
  const [one] = fitScale([value], type, finest);
  if (one === undefined) throw new RangeError('no value');
  return one;
}
