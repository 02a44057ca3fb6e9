/**
 * Which grid-operator or utility limit the banner announces: the same choice
 * as main/common/limit-banner.ts (the strictest controllable limit, then
 * import, then export; installer limits are not announced), as data so the
 * UI can say it in the user's language.
 */
import type { ActiveLimits, GridLimitSignal } from '../../../main/common/limits.js';

export interface LimitBannerModel {
  readonly source: GridLimitSignal['source'];
  readonly kind: GridLimitSignal['kind'];
  readonly limitW: number;
  readonly endMs: number | null;
}

const order: readonly GridLimitSignal['kind'][] = ['controllable', 'import', 'export'];

export function pickLimit(limits: ActiveLimits | undefined): LimitBannerModel | null {
  const shown = limits?.signals.filter((s) => s.source !== 'config') ?? [];
  const signal = [...shown].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.limitW - b.limitW)[0];
  return signal === undefined ? null : { source: signal.source, kind: signal.kind, limitW: signal.limitW, endMs: signal.endMs };
}
