/**
 * A meter that pushes frames over a byte stream (P1, HAN, TIC, SML), on TCP
 * or a serial port: source -> decoder -> MeterState. A frame with a bad
 * checksum is dropped and counted, never half-used.
 */
import type { Capability, Device } from '../api.js';
import type { ByteSource } from './byte-source.js';
import type { FrameDecoder } from './frame-decoder.js';
import type { MeterReading } from './meter-reading.js';
import { MeterState } from './meter-state.js';
import type { MeterStateParams } from './meter-state.js';

/** Garbage this long without a frame is a wrong baud rate or parity, not a burst of noise. */
const NOISE_HINT_BYTES = 512;

export interface StreamMeterParams<R extends MeterReading> extends MeterStateParams {
  readonly source: ByteSource;
  readonly decoder: FrameDecoder<R>;
  /** Meters without tariff data leave meterTariffInfo out. */
  readonly tariffInfo?: boolean;
  /**
   * Combines a new reading with the previous one before it is offered: HAN
   * meters send short lists (power only) between full ones. Default: the new
   * reading replaces the old one.
   */
  readonly merge?: (previous: R | null, next: R) => R;
}

export class StreamMeter<R extends MeterReading = MeterReading> extends MeterState<R> implements Device {
  readonly capabilities: readonly Capability[];
  protected readonly source: ByteSource;
  protected readonly decoder: FrameDecoder<R>;
  private readonly merge: ((previous: R | null, next: R) => R) | null;
  private started = false;
  private droppedSeen = 0;
  /** Bytes thrown away since the last valid frame: many of them and no frame means a wrong line setting. */
  private noiseSinceValid = 0;

  constructor(p: StreamMeterParams<R>) {
    super(p);
    this.source = p.source;
    this.decoder = p.decoder;
    this.merge = p.merge ?? null;
    this.capabilities = p.tariffInfo === false ? ['powerMeter', 'energyMeter', 'phaseMeter'] : ['powerMeter', 'energyMeter', 'phaseMeter', 'meterTariffInfo'];
  }

  start(): Promise<void> {
    if (!this.started) {
      this.started = true;
      this.markStarted();
      this.source.start({
        data: (chunk) => this.onData(chunk),
        failed: (message) => this.reject('link', message),
        reconnecting: () => {
          this.count('reconnects');
          this.decoder.reset();
        },
      });
    }
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.started = false;
    await this.source.stop();
  }

  /** Feeds bytes as if they came from the source (the decode tool and benchmarks use it). */
  onData(chunk: Uint8Array): void {
    for (const outcome of this.decoder.push(chunk)) {
      if (!outcome.ok) this.reject(outcome.kind, outcome.error);
      else if (this.accept(this.merge === null ? outcome.reading : this.merge(this.latestFresh(), outcome.reading))) this.noiseSinceValid = 0;
    }
    const dropped = this.decoder.droppedBytes;
    if (dropped > this.droppedSeen) {
      const fresh = dropped - this.droppedSeen;
      this.count('droppedBytes', fresh);
      this.droppedSeen = dropped;
      const before = this.noiseSinceValid;
      this.noiseSinceValid += fresh;
      if (before < NOISE_HINT_BYTES && this.noiseSinceValid >= NOISE_HINT_BYTES) {
        this.noteError(`${this.noiseSinceValid} bytes of noise without a valid ${this.noun} from ${this.source.endpoint}: check the baud rate, parity and cable`);
      }
    }
  }

  private latestFresh(): R | null {
    const h = this.health();
    return h.status === 'ok' ? this.latest() : null;
  }
}
