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

  constructor(clock: Clock, revert: () => void) {
    this.clock = clock;
    this.revert = revert;
  }

  /** (Re)starts the countdown; 0 or null seconds means "no timeout". */
  arm(seconds: number | null): void {
    this.disarm();
    if (seconds === null || seconds <= 0) return;
    this.cancel = this.clock.after(seconds * 1000, () => {
      this.cancel = null;
      this.revert();
    });
  }

  disarm(): void {
    this.cancel?.();
    this.cancel = null;
  }
}
