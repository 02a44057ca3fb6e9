/**
 * Available PV power of the simulated roof: clear-sky irradiance on the panel
 * plane times the array size and losses, dimmed by passing clouds. A pure
 * function of time and seed, so forecasts and tests can sample any instant.
 */
import { valueNoise } from './random.js';
import { clearSkyIrradiance, planeOfArrayWm2, solarPosition } from './solar.js';

export interface PvProfileOptions {
  readonly latitudeDeg: number;
  readonly longitudeDeg: number;
  readonly kwp: number;
  /** Panel tilt from horizontal, degrees. */
  readonly tiltDeg: number;
  /** Panel azimuth, degrees clockwise from north (180 = south). */
  readonly azimuthDeg: number;
  /** Inverter, wiring, soiling and temperature losses together (typically 0.8-0.9). */
  readonly systemEfficiency: number;
  /** AC rating of the inverter, W: production clips here. */
  readonly inverterMaxW: number;
  /** False for a permanently clear sky (deterministic tests of the geometry). */
  readonly clouds: boolean;
  readonly seed: number;
}

const STREAM_WEATHER = 101;
const STREAM_CLOUD_SLOW = 102;
const STREAM_CLOUD_FAST = 103;
const MINUTE_MS = 60_000;

export class PvProfile {
  constructor(private readonly options: PvProfileOptions) {}

  /** What the array would produce now under a clear sky, W. */
  clearSkyW(ts: number): number {
    const o = this.options;
    const sun = solarPosition(ts, o.latitudeDeg, o.longitudeDeg);
    const poa = planeOfArrayWm2(sun, clearSkyIrradiance(sun.elevationDeg), o.tiltDeg, o.azimuthDeg);
    return Math.min(o.inverterMaxW, (poa / 1000) * o.kwp * 1000 * o.systemEfficiency);
  }

  /**
   * Fraction of clear-sky light that gets through, 0.15..1. The day's overall
   * cloudiness drifts over a day and a half (weather persists); single clouds
   * pass in minutes. A cloud edge is a smooth ramp, as real PV shows it.
   */
  cloudFactor(ts: number): number {
    if (!this.options.clouds) return 1;
    const seed = this.options.seed;
    const cloudiness = 0.5 + 0.5 * valueNoise(seed, STREAM_WEATHER, ts / (36 * 60 * MINUTE_MS));
    const field = 0.5 + 0.5 * (0.65 * valueNoise(seed, STREAM_CLOUD_SLOW, ts / (12 * MINUTE_MS)) + 0.35 * valueNoise(seed, STREAM_CLOUD_FAST, ts / (3 * MINUTE_MS)));
    // cloudiness 0: threshold above any field value (clear); 1: below all (overcast).
    const threshold = 1.05 - 1.3 * cloudiness;
    const depth = 0.55 + 0.3 * cloudiness;
    const covered = smoothstep(threshold - 0.08, threshold + 0.08, field);
    return 1 - depth * covered;
  }

  /** Available PV power now, W (before any curtailment). */
  availableW(ts: number): number {
    return this.clearSkyW(ts) * this.cloudFactor(ts);
  }
}

function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.max(0, Math.min(1, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}
