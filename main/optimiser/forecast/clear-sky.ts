/**
 * Clear-sky PV power of a tilted array: solar position (NOAA's simplified
 * equations, within a fraction of a degree), clear-sky irradiance (Meinel's
 * air-mass model for beam, a fixed diffuse share), transposition to the
 * array's plane (isotropic sky, ground albedo). Crude next to a weather
 * service, but it needs no network and gives the daily and seasonal shape;
 * pv-forecast.ts scales it by what the array actually produced recently.
 */

export interface PvArray {
  readonly kwp: number;
  /** Degrees from horizontal. */
  readonly tiltDeg: number;
  /** Degrees clockwise from north (180 = south). */
  readonly azimuthDeg: number;
}

export interface SiteLocation {
  readonly latitudeDeg: number;
  readonly longitudeDeg: number;
}

const rad = Math.PI / 180;
/** Inverter, wiring, temperature and soiling losses at clear sky. */
const systemEfficiency = 0.85;
const albedo = 0.2;

/** Sun elevation and azimuth (degrees, azimuth clockwise from north) at `ts`. */
export function sunPosition(ts: number, loc: SiteLocation): { elevationDeg: number; azimuthDeg: number } {
  const days = ts / 86_400_000 + 2440587.5 - 2451545; // days since J2000
  const meanLong = (280.46 + 0.9856474 * days) % 360;
  const meanAnomaly = ((357.528 + 0.9856003 * days) % 360) * rad;
  const eclLong = (meanLong + 1.915 * Math.sin(meanAnomaly) + 0.02 * Math.sin(2 * meanAnomaly)) * rad;
  const obliquity = (23.439 - 0.0000004 * days) * rad;
  const declination = Math.asin(Math.sin(obliquity) * Math.sin(eclLong));
  const rightAscension = Math.atan2(Math.cos(obliquity) * Math.sin(eclLong), Math.cos(eclLong));
  const gmstHours = (18.697374558 + 24.06570982441908 * days) % 24;
  const hourAngle = (gmstHours * 15 + loc.longitudeDeg) * rad - rightAscension;
  const lat = loc.latitudeDeg * rad;
  const sinEl = Math.sin(lat) * Math.sin(declination) + Math.cos(lat) * Math.cos(declination) * Math.cos(hourAngle);
  const elevation = Math.asin(Math.max(-1, Math.min(1, sinEl)));
  const azimuth = Math.atan2(-Math.sin(hourAngle), Math.tan(declination) * Math.cos(lat) - Math.sin(lat) * Math.cos(hourAngle));
  return { elevationDeg: elevation / rad, azimuthDeg: ((azimuth / rad) % 360 + 360) % 360 };
}

/** Clear-sky AC power of one array at `ts` (W). */
export function clearSkyW(ts: number, loc: SiteLocation, array: PvArray): number {
  const sun = sunPosition(ts, loc);
  if (sun.elevationDeg <= 0) return 0;
  const zenith = (90 - sun.elevationDeg) * rad;
  const airMass = 1 / (Math.cos(zenith) + 0.50572 * Math.pow(96.07995 - (90 - sun.elevationDeg), -1.6364));
  const dni = 1353 * Math.pow(0.7, Math.pow(airMass, 0.678));
  const dhi = 0.1 * dni;
  const ghi = dni * Math.cos(zenith) + dhi;
  const tilt = array.tiltDeg * rad;
  const cosIncidence =
    Math.cos(zenith) * Math.cos(tilt) + Math.sin(zenith) * Math.sin(tilt) * Math.cos((sun.azimuthDeg - array.azimuthDeg) * rad);
  const poa = dni * Math.max(0, cosIncidence) + (dhi * (1 + Math.cos(tilt))) / 2 + (ghi * albedo * (1 - Math.cos(tilt))) / 2;
  return Math.max(0, (array.kwp * poa * systemEfficiency));
}

/** Mean clear-sky power of all arrays over [fromMs, toMs) (W), sampled every 5 minutes. */
export function clearSkyMeanW(fromMs: number, toMs: number, loc: SiteLocation, arrays: readonly PvArray[]): number {
  const stepMs = 5 * 60_000;
  let sum = 0;
  let n = 0;
  for (let ts = fromMs + stepMs / 2; ts < toMs; ts += stepMs) {
    for (const a of arrays) sum += clearSkyW(ts, loc, a);
    n++;
  }
  return n === 0 ? 0 : sum / n;
}
