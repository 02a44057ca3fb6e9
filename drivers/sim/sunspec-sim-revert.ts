/**
 * The "RvrtTms" behaviour of SunSpec controls: a setting written with a
 * revert timeout falls back to the default when the client has not written it
 * again within that many seconds (site time), so a crashed hub cannot leave
 * the PV curtailed or the battery forced for ever.
 */
import type { Clock } from '../../main/common/clock.js';

export class RevertTimer {
  private readonly clock: Clock;
  private readonly revert: () => void;
  private cancel: (() => void) | null = null;
  private dueTs: number | null = null;

  constructor(clock: Clock, revert: () => void) {
    this.clock = clock;
    this.revert = revert;
  }

  /** (Re)starts the countdown; 0 or null seconds means "no timeout". */
  arm(seconds: number | null): void {
    this.disarm();
    if (seconds === null || seconds <= 0) return;
    this.dueTs = this.clock.now() + seconds * 1000;
    this.cancel = this.clock.after(seconds * 1000, () => {
      this.cancel = null;
      this.dueTs = null;
      this.revert();
    });
  }

  disarm(): void {
    this.cancel?.();
    this.cancel = null;
    this.dueTs = null;
  }

  /** Whole seconds until the revert (the *RvrtRem points); 0 when not armed. */
  remainingS(): number {
    return this.dueTs === null ? 0 : Math.max(0, Math.ceil((this.dueTs - this.clock.now()) / 1000));
  }
}
