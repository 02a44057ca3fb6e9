/**
 * The `optimiser` section of the hub's config file: planning horizon and
 * cadence, solver budget, the flat price used until a tariff is known, the
 * device figures the drivers do not report (efficiencies, wear), the PV
 * arrays for the forecast, and optional external forecasts.
 */
import { z } from 'zod';

const efficiency = z.number().min(0.5).max(1);

const pvArray = z
  .object({
    kwp: z.number().min(0).max(1000),
    /** Degrees from horizontal. */
    tiltDeg: z.number().min(0).max(90).default(30),
    /** Degrees clockwise from north: 180 = south. */
    azimuthDeg: z.number().min(0).max(360).default(180),
  })
  .strict();

const externalForecast = z
  .object({
    /** GET returns JSON [{ "startMs": n, "endMs": n, "powerW": n }] (PV) or [{ "startMs", "endMs", "importPerKWh", "exportPerKWh" }] (prices). */
    url: z.url(),
    refreshMin: z.number().int().min(5).max(1440).default(60),
  })
  .strict();

export const optimiserConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Plans reach this far (h), using estimated prices beyond the known ones. */
    horizonH: z.number().min(4).max(72).default(48),
    /** Regular re-plan cadence (min); events (car plugged in, new prices, limits, settings) re-plan at once. */
    replanEveryMin: z.number().int().min(5).max(60).default(15),
    /** Wall-clock budget of one solve (ms); the best plan found by then is used. */
    solveTimeLimitMs: z.number().int().min(100).max(60_000).default(2000),
    /** Until a tariff is known, plans use this flat price and say so. */
    fallbackPrice: z
      .object({ importPerKWh: z.number().min(-10).max(10).default(0.3), exportPerKWh: z.number().min(-10).max(10).default(0.05) })
      .strict()
      .prefault({}),
    battery: z
      .object({
        /** Used when the battery does not report them (Wh / W). */
        capacityWh: z.number().min(0).max(1_000_000).default(10_000),
        maxChargeW: z.number().min(0).max(100_000).default(5000),
        maxDischargeW: z.number().min(0).max(100_000).default(5000),
        chargeEfficiency: efficiency.default(0.95),
        dischargeEfficiency: efficiency.default(0.95),
        /** Cost of wear per kWh discharged (site currency). */
        wearPerKWh: z.number().min(0).max(1).default(0.02),
      })
      .strict()
      .prefault({}),
    car: z
      .object({
        chargeEfficiency: efficiency.default(0.92),
        dischargeEfficiency: efficiency.default(0.92),
        /** Cost of wear per kWh the car gives back (V2H/V2G). */
        wearPerKWh: z.number().min(0).max(1).default(0.03),
        /** Smallest discharge power the charger holds (W); null: the same as car.minChargeW. */
        minDischargeW: z.number().min(0).max(50_000).nullable().default(null),
      })
      .strict()
      .prefault({}),
    pv: z
      .object({
        /** Site location for the clear-sky model; null: the simulated home's, else Utrecht. */
        latitudeDeg: z.number().min(-90).max(90).nullable().default(null),
        longitudeDeg: z.number().min(-180).max(180).nullable().default(null),
        /** The arrays; empty: the forecast repeats recent days (or the simulated home's array). */
        arrays: z.array(pvArray).default([]),
        /** PV may be capped when exporting costs money (needs an inverter with PV control). */
        curtailable: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    /** External forecasts replace the built-in ones where they cover the horizon. */
    forecasts: z
      .object({ pv: externalForecast.nullable().default(null), prices: externalForecast.nullable().default(null) })
      .strict()
      .prefault({}),
    /** A kWh left stored at the horizon end is valued at this share of what refilling it would cost. */
    terminalShare: z.number().min(0).max(1.5).default(0.9),
  })
  .strict();

export type OptimiserConfig = z.infer<typeof optimiserConfigSchema>;

export const defaultOptimiserConfig: OptimiserConfig = optimiserConfigSchema.parse({});
