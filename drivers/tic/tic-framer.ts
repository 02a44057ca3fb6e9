/**
 * Cuts a Linky TIC byte stream into frames: STX (0x02) ... ETX (0x03). An EOT
 * (0x04) aborts the frame being sent (the meter interrupts a frame to answer
 * a local reading); that frame is dropped and reported. TIC is 7-bit ASCII
 * (7E1), so bit 7 is cleared: a port opened as 8N1 still reads it.
 */
const STX = 0x02;
const ETX = 0x03;
const EOT = 0x04;
/** A standard-mode frame of a three-phase producer is about 1.5 KB. */
const MAX_FRAME_BYTES = 4096;

export type TicFrameOutcome = { readonly ok: true; readonly frame: string } | { readonly ok: false; readonly kind: 'format'; readonly error: string };

export class TicFramer {
  private parts: Buffer[] = [];
  private size = 0;
  private inFrame = false;
  private dropped = 0;

  get droppedBytes(): number {
    return this.dropped;
  }

  push(chunk: Uint8Array): TicFrameOutcome[] {
    const out: TicFrameOutcome[] = [];
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = (chunk[i] ?? 0) & 0x7f;
      if (b === STX) {
        if (this.inFrame) this.drop(out, 'frame without ETX (a new STX came first)');
        this.dropped += i - from;
        this.inFrame = true;
        from = i + 1;
      } else if (b === ETX && this.inFrame) {
        this.add(chunk.subarray(from, i));
        const frame = Buffer.concat(this.parts);
        for (let k = 0; k < frame.length; k++) frame[k] = (frame[k] ?? 0) & 0x7f;
        out.push({ ok: true, frame: frame.toString('latin1') });
        this.clear();
        from = i + 1;
      } else if (b === EOT && this.inFrame) {
        this.drop(out, 'frame interrupted by the meter (EOT)');
        from = i + 1;
      }
    }
    if (this.inFrame) {
      this.add(chunk.subarray(from));
      if (this.size > MAX_FRAME_BYTES) this.drop(out, `frame longer than ${MAX_FRAME_BYTES} bytes dropped`);
    } else {
      this.dropped += chunk.length - from;
    }
    return out;
  }

  reset(): void {
    this.clear();
  }

  private add(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.parts.push(Buffer.from(bytes));
    this.size += bytes.length;
  }

  private drop(out: TicFrameOutcome[], error: string): void {
    this.dropped += this.size;
    out.push({ ok: false, kind: 'format', error });
    this.clear();
  }

  private clear(): void {
    this.parts = [];
    this.size = 0;
    this.inFrame = false;
  }
}
