/**
 * Where the sun is and how much light reaches a panel under a clear sky.
 * Low-precision astronomical almanac formulas (about 0.01 degrees of
 * declination, good to a fraction of a degree in elevation from 1950 to 2050):
 * far more precise than a household PV simulation needs, and all closed-form.
 */

const DEG = Math.PI / 180;

export interface SolarPosition {
  /** Degrees above the horizon (negative at night). */
  readonly elevationDeg: number;
  /** Degrees clockwise from north (180 = due south). */
  readonly azimuthDeg: number;
  readonly declinationDeg: number;
  /** Degrees, 0 at solar noon, positive in the afternoon. */
  readonly hourAngleDeg: number;
}

export function solarPosition(ts: number, latitudeDeg: number, longitudeDeg: number): SolarPosition {
  // Days since the J2000.0 epoch (2000-01-01 12:00 TT; UT is close enough here).
  const n = ts / 86_400_000 + 2_440_587.5 - 2_451_545.0;
  const meanLongitude = 280.46 + 0.9856474 * n;
  const meanAnomaly = (357.528 + 0.9856003 * n) * DEG;
  const eclipticLongitude = (meanLongitude + 1.915 * Math.sin(meanAnomaly) + 0.02 * Math.sin(2 * meanAnomaly)) * DEG;
  const obliquity = (23.439 - 0.0000004 * n) * DEG;

  const declination = Math.asin(Math.sin(obliquity) * Math.sin(eclipticLongitude));
  const rightAscension = Math.atan2(Math.cos(obliquity) * Math.sin(eclipticLongitude), Math.cos(eclipticLongitude));
  const siderealDeg = (18.697374558 + 24.06570982441908 * n) * 15 + longitudeDeg;
  const hourAngle = normaliseRad(siderealDeg * DEG - rightAscension);

  const lat = latitudeDeg * DEG;
  const sinElevation = Math.sin(lat) * Math.sin(declination) + Math.cos(lat) * Math.cos(declination) * Math.cos(hourAngle);
  const elevation = Math.asin(Math.max(-1, Math.min(1, sinElevation)));
  const azimuth = Math.atan2(-Math.sin(hourAngle), Math.tan(declination) * Math.cos(lat) - Math.sin(lat) * Math.cos(hourAngle));

  return {
    elevationDeg: elevation / DEG,
    azimuthDeg: (azimuth / DEG + 360) % 360,
    declinationDeg: declination / DEG,
    hourAngleDeg: hourAngle / DEG,
  };
}

/** Angle into (-pi, pi]. */
function normaliseRad(x: number): number {
  const twoPi = 2 * Math.PI;
  const r = x - twoPi * Math.floor((x + Math.PI) / twoPi);
  return r;
}

export interface ClearSkyIrradiance {
  /** Direct normal irradiance, W/m2. */
  readonly dniWm2: number;
  /** Diffuse horizontal irradiance, W/m2. */
  readonly dhiWm2: number;
  /** Global horizontal irradiance, W/m2. */
  readonly ghiWm2: number;
}

/**
 * Meinel clear-sky model with the Kasten-Young air mass: DNI = 1353 * 0.7^(AM^0.678).
 * Diffuse light taken as 10 % of DNI, the usual companion rule of thumb. It
 * slightly underestimates at low sun, which is harmless for a home simulator.
 */
export function clearSkyIrradiance(elevationDeg: number): ClearSkyIrradiance {
  if (elevationDeg <= 0) return { dniWm2: 0, dhiWm2: 0, ghiWm2: 0 };
  const zenithDeg = 90 - elevationDeg;
  const airMass = 1 / (Math.cos(zenithDeg * DEG) + 0.50572 * (96.07995 - zenithDeg) ** -1.6364);
  const dniWm2 = 1353 * 0.7 ** (airMass ** 0.678);
  const dhiWm2 = 0.1 * dniWm2;
  return { dniWm2, dhiWm2, ghiWm2: dniWm2 * Math.sin(elevationDeg * DEG) + dhiWm2 };
}

/** Irradiance on a tilted plane (isotropic sky, ground albedo 0.2). */
export function planeOfArrayWm2(sun: SolarPosition, sky: ClearSkyIrradiance, tiltDeg: number, panelAzimuthDeg: number): number {
  if (sun.elevationDeg <= 0) return 0;
  const zenith = (90 - sun.elevationDeg) * DEG;
  const tilt = tiltDeg * DEG;
  const cosIncidence = Math.cos(zenith) * Math.cos(tilt) + Math.sin(zenith) * Math.sin(tilt) * Math.cos((sun.azimuthDeg - panelAzimuthDeg) * DEG);
  const direct = sky.dniWm2 * Math.max(0, cosIncidence);
  const diffuse = (sky.dhiWm2 * (1 + Math.cos(tilt))) / 2;
  const reflected = (sky.ghiWm2 * 0.2 * (1 - Math.cos(tilt))) / 2;
  return direct + diffuse + reflected;
}
