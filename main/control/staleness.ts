/**
 * Which devices the controller cannot trust right now. A device whose last
 * valid reading is older than the limit, or that never delivered one, puts the
 * site in failsafe: without the meter the fuse is blind, without the battery
 * or charger their power is unknown.
 */
import type { DeviceHealth } from '../common/snapshot.js';

export function staleReasons(devices: readonly DeviceHealth[], nowMs: number, staleAfterMs: number): string[] {
  const reasons: string[] = [];
  for (const d of devices) {
    const ageMs = d.lastValidTs === null ? null : nowMs - d.lastValidTs;
    if (ageMs !== null && ageMs <= staleAfterMs && d.status !== 'stale') continue;
    const what = ageMs === null ? 'no valid data yet' : `no valid data for ${Math.round(ageMs / 1000)} s`;
    reasons.push(`${d.id} (${d.role}): ${what}${d.lastError ? `: last error ${d.lastError}` : ''}`);
  }
  return reasons;
}
