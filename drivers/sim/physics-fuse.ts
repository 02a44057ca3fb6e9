/**
 * The main fuse as a test oracle: tests assert it never blows. The rule is a
 * deliberately stricter simplification of an IEC 60269 gG fuse (and of an
 * IEC 60898 breaker's thermal release): a real 25 A gG fuse carries 1.25 x In
 * indefinitely and only blows at 1.6 x In within an hour. We trip when any
 * phase carries more than 1.45 x In for over 60 s, or more than 2 x In for a
 * full second (our step), so a controller that merely survives on a real fuse's
 * slowness still fails the test.
 */

const SUSTAINED_FACTOR = 1.45;
const SUSTAINED_MS = 60_000;
const INSTANT_FACTOR = 2;
const INSTANT_MS = 1_000;

export class FuseModel {
  private sustainedMs = 0;
  private instantMs = 0;
  private blown = false;

  constructor(readonly ratingA: number) {}

  get tripped(): boolean {
    return this.blown;
  }

  /** Feeds the per-phase currents (A, magnitude) of a step lasting dtMs; returns whether the fuse has blown. */
  update(currentsA: readonly number[], dtMs: number): boolean {
    let worst = 0;
    for (const a of currentsA) worst = Math.max(worst, Math.abs(a));
    this.instantMs = worst > INSTANT_FACTOR * this.ratingA ? this.instantMs + dtMs : 0;
    this.sustainedMs = worst > SUSTAINED_FACTOR * this.ratingA ? this.sustainedMs + dtMs : 0;
    if (this.instantMs >= INSTANT_MS || this.sustainedMs > SUSTAINED_MS) this.blown = true;
    return this.blown;
  }

  reset(): void {
    this.sustainedMs = 0;
    this.instantMs = 0;
    this.blown = false;
  }
}
