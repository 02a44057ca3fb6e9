/** TIC byte stream -> meter readings, historique or standard mode, recognised per frame. */
import type { FrameDecoder, FrameOutcome } from '../p1/frame-decoder.js';
import type { MeterReading } from '../p1/meter-reading.js';
import { TicFramer } from './tic-framer.js';
import { readGroups } from './tic-groups.js';
import type { TicMode } from './tic-groups.js';
import { historiqueReading } from './tic-historique.js';
import { standardReading } from './tic-standard.js';

export interface TicMeterReading extends MeterReading {
  readonly mode: TicMode;
  /** Every group's data by label, as sent (diagnostics, the tariff model). */
  readonly groups: Readonly<Record<string, string>>;
}

export class TicDecoder implements FrameDecoder<TicMeterReading> {
  private readonly framer = new TicFramer();

  get droppedBytes(): number {
    return this.framer.droppedBytes;
  }

  push(chunk: Uint8Array): FrameOutcome<TicMeterReading>[] {
    return this.framer.push(chunk).map((f) => (f.ok ? decodeTicFrame(f.frame) : f));
  }

  reset(): void {
    this.framer.reset();
  }
}

/** One frame's text between STX and ETX. */
export function decodeTicFrame(frame: string): FrameOutcome<TicMeterReading> {
  const g = readGroups(frame);
  if (!g.ok) return g;
  const r = g.mode === 'standard' ? standardReading(g.groups) : historiqueReading(g.groups);
  if (!r.ok) return { ok: false, kind: 'format', error: r.error };
  const groups: Record<string, string> = {};
  for (const [label, group] of g.groups) groups[label] = group.data;
  return { ok: true, reading: { ...r.reading, mode: g.mode, groups } };
}
