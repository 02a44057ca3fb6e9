/**
 * USAGE reports for events that ask for them (a reportDescriptor with
 * payloadType USAGE): per event interval that has ended, the site's net grid
 * energy (import minus export, kWh) from the hub's history, for one resource
 * named after the VEN. Built in the shape of the VTN's spec version and
 * validated before it is sent.
 */
import type { OadrValidator, OadrVersion } from './oadr-validator.js';
import { durationMs, isoDuration, startMs as parseStart } from './oadr-time.js';
import type { OadrEvent } from './oadr-types.js';

export interface ReportInput {
  readonly event: OadrEvent & { readonly id: string };
  readonly venName: string;
  readonly version: OadrVersion;
  readonly nowMs: number;
  /** Net grid energy (kWh) over [fromMs, toMs); null when the history has no data. */
  usageKWh(fromMs: number, toMs: number): number | null;
}

export function wantsUsageReport(event: OadrEvent): boolean {
  return (event.reportDescriptors ?? []).some((d) => d.payloadType === 'USAGE');
}

/** The report, or null while no interval has ended yet. Throws when the built report fails the schema. */
export function buildUsageReport(i: ReportInput, validator: OadrValidator): object | null {
  const base = i.event.intervalPeriod;
  let cursor = base?.start !== undefined ? parseStart(base.start, i.nowMs) : null;
  const defaultDuration = base?.duration !== undefined ? durationMs(base.duration) : null;
  const intervals: object[] = [];
  for (const interval of i.event.intervals ?? []) {
    const p = interval.intervalPeriod;
    const start = p?.start !== undefined ? parseStart(p.start, i.nowMs) : cursor;
    const dur = p?.duration !== undefined ? durationMs(p.duration) : defaultDuration;
    if (start === null || dur === null || dur <= 0 || !Number.isFinite(dur)) break;
    cursor = start + dur;
    if (start + dur > i.nowMs) break;
    const kWh = i.usageKWh(start, start + dur);
    if (kWh === null) continue;
    intervals.push({
      id: interval.id,
      intervalPeriod: { start: new Date(start).toISOString(), duration: isoDuration(dur) },
      payloads: [{ type: 'USAGE', values: [Math.round(kWh * 1000) / 1000] }],
    });
  }
  if (intervals.length === 0) return null;
  const descriptor = { payloadType: 'USAGE', readingType: 'DIRECT_READ', units: 'KWH' };
  const report =
    i.version === '3.0.1'
      ? {
          programID: i.event.programID,
          eventID: i.event.id,
          clientName: i.venName,
          reportName: `usage ${i.event.eventName ?? i.event.id}`,
          payloadDescriptors: [{ objectType: 'REPORT_PAYLOAD_DESCRIPTOR', ...descriptor }],
          resources: [{ resourceName: i.venName, intervals }],
        }
      : {
          eventID: i.event.id,
          clientName: i.venName,
          reportName: `usage ${i.event.eventName ?? i.event.id}`,
          payloadDescriptors: [{ objectType: 'REPORT_PAYLOAD_DESCRIPTOR', ...descriptor }],
          resources: [{ resourceName: i.venName, intervals }],
        };
  const problem = validator.check(i.version === '3.0.1' ? 'report' : 'reportRequest', report);
  if (problem !== null) throw new Error(`usage report does not fit the spec: ${problem}`);
  return report;
}
