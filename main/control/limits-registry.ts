/**
 * The grid limits in force, from every source (installer config, MQTT,
 * OpenADR, §14a). Each source replaces its own set; the strictest active
 * limit of each kind wins. The controller reads `active(now)` every tick.
 */
import type { ActiveLimits, GridLimitSignal, LimitSource } from '../common/limits.js';
import { minControllableLimitW } from '../common/limits.js';

export class LimitsRegistry {
  private readonly bySource = new Map<string, readonly GridLimitSignal[]>();
  private readonly listeners = new Set<() => void>();

  /** Replaces everything `source` (e.g. "mqtt", "openadr:vtn1") said before. */
  put(source: LimitSource | `${LimitSource}:${string}`, signals: readonly GridLimitSignal[]): void {
    this.bySource.set(source, signals);
    for (const l of this.listeners) l();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  active(nowMs: number): ActiveLimits {
    const signals = [...this.bySource.values()].flat().filter((s) => s.startMs <= nowMs && (s.endMs === null || nowMs < s.endMs));
    const strictest = (kind: GridLimitSignal['kind']): number | null => {
      const values = signals.filter((s) => s.kind === kind).map((s) => s.limitW);
      return values.length === 0 ? null : Math.min(...values);
    };
    const controllable = strictest('controllable');
    return {
      importLimitW: strictest('import'),
      exportLimitW: strictest('export'),
      // §14a EnWG: whatever a signal says, controllable devices keep at least 4.2 kW.
      controllableLimitW: controllable === null ? null : Math.max(minControllableLimitW, controllable),
      signals,
    };
  }
}
