/**
 * Deterministic randomness for the simulated home. Everything random in the
 * sim is a pure function of (seed, stream, index) so that a profile can be
 * sampled at any time in any order (forecast tests, fast-forward) and two runs
 * with the same seed are identical, whatever their step sizes.
 */

/** 32-bit integer hash (murmur3 finaliser): good avalanche, no state. */
function mix32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Hash of several integers to one unsigned 32-bit value. */
export function hash32(...parts: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) h = mix32(h ^ mix32(Math.floor(p) | 0) ^ mix32(Math.floor(p / 0x1_0000_0000)));
  return h;
}

/** Uniform in [0, 1) from integers. */
export function hashUnit(...parts: readonly number[]): number {
  return hash32(...parts) / 0x1_0000_0000;
}

/** Small sequential PRNG (mulberry32) for drawing a day's events from one hash. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

/**
 * Smooth value noise in [-1, 1]: random values at integer knots of `x`,
 * joined by a smoothstep so the process has no jumps (clouds drift in and out,
 * the base load wanders) but is still a pure function of x.
 */
export function valueNoise(seed: number, stream: number, x: number): number {
  const i = Math.floor(x);
  const f = x - i;
  const a = hashUnit(seed, stream, i) * 2 - 1;
  const b = hashUnit(seed, stream, i + 1) * 2 - 1;
  const s = f * f * (3 - 2 * f);
  return a + (b - a) * s;
}
