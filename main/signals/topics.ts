/**
 * MQTT topics of one site. Utilities publish to `<prefix>/<site>/signals/<kind>`;
 * the hub answers on `<prefix>/<site>/ack` and publishes its own state below
 * `<prefix>/<site>/` (status, telemetry, plan, flexibility envelope, limits).
 */
import type { SignalKind } from '../common/signals.js';
import { signalKinds } from './messages.js';

export interface SiteTopics {
  readonly base: string;
  readonly signalsFilter: string;
  readonly ack: string;
  readonly status: string;
  readonly telemetry: string;
  readonly plan: string;
  readonly flexEnvelope: string;
  readonly limits: string;
  signal(kind: SignalKind): string;
  /** The kind a signals topic carries, null for any other topic. */
  kindOf(topic: string): SignalKind | null;
}

export function siteTopics(prefix: string, siteId: string): SiteTopics {
  const base = `${prefix}/${siteId}`;
  const signalsBase = `${base}/signals/`;
  return {
    base,
    signalsFilter: `${signalsBase}+`,
    ack: `${base}/ack`,
    status: `${base}/status`,
    telemetry: `${base}/telemetry`,
    plan: `${base}/plan`,
    flexEnvelope: `${base}/flex-envelope`,
    limits: `${base}/limits`,
    signal: (kind) => `${signalsBase}${kind}`,
    kindOf(topic) {
      if (!topic.startsWith(signalsBase)) return null;
      const k = topic.slice(signalsBase.length);
      return (signalKinds as readonly string[]).includes(k) ? (k as SignalKind) : null;
    },
  };
}
