/**
 * The contract between a protocol family and the meter driver core: bytes in,
 * one outcome per frame out. A frame that fails its checksum is an outcome of
 * kind 'crc' and carries no reading at all, so nothing of it can be half-used.
 */
import type { MeterReading } from './meter-reading.js';

/** crc: damaged bytes. format: intact bytes we cannot read (or noise). decrypt: wrong key or tampered ciphertext. */
export type FrameErrorKind = 'crc' | 'format' | 'decrypt';

export type FrameOutcome<R extends MeterReading = MeterReading> =
  | { readonly ok: true; readonly reading: R }
  | { readonly ok: false; readonly kind: FrameErrorKind; readonly error: string };

export interface FrameDecoder<R extends MeterReading = MeterReading> {
  /** Feeds one chunk of the byte stream; returns an outcome per frame it completed, in order. */
  push(chunk: Uint8Array): FrameOutcome<R>[];
  /** Forgets a partial frame (the stream restarts after a reconnect). */
  reset(): void;
  /** Bytes thrown away so far: noise between frames, truncated or oversized frames. */
  readonly droppedBytes: number;
}
