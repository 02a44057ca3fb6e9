/**
 * Flexibility: what aggregators ask of the site ("discharge 5 kW 18:00-19:00,
 * paid X") and what the hub says it could do. The signals module accepts the
 * requests (validated, from allowed issuers) into a holder; the optimiser
 * decides whether delivering pays and plans it. The envelope is published
 * back so an aggregator can bid the site's flexibility.
 */
import type { Currency } from './tariff.js';

export interface FlexRequest {
  /** "<issuer>/<message id>". */
  readonly id: string;
  readonly issuer: string;
  readonly source: 'mqtt' | 'openadr';
  /**
   * down: the site should draw less / export more than planned (discharge,
   * stop charging). up: draw more / export less (charge, absorb surplus).
   */
  readonly direction: 'up' | 'down';
  /** Requested change at the grid connection (W, > 0), relative to the site's baseline. */
  readonly powerW: number;
  readonly startMs: number;
  readonly endMs: number;
  /** Paid per kWh delivered (site currency), null when the request pays a lump sum or nothing. */
  readonly paymentPerKWh: number | null;
  /** Paid once when delivered in full, null for none. */
  readonly paymentTotal: number | null;
  readonly currency: Currency;
  readonly receivedMs: number;
}

/** Per slot, how far the site could move its grid power from the plan (W, >= 0). */
export interface FlexEnvelopeSlot {
  readonly startMs: number;
  readonly endMs: number;
  /** Planned grid power (W, > 0 import). */
  readonly plannedGridW: number;
  /** How much more the site could import (charging harder, stopping discharge), within fuse and limits. */
  readonly upW: number;
  /** How much less it could import / more export (discharging, stopping charging), within limits. */
  readonly downW: number;
}

export interface FlexEnvelope {
  readonly createdMs: number;
  readonly slots: readonly FlexEnvelopeSlot[];
}
