/**
 * The user's car settings: persisted, validated as a whole (a target below
 * the minimum is refused with a message), and observable so the optimiser
 * re-plans when they change.
 */
import { z } from 'zod';
import type { CarSettingsBody } from '../common/api.js';
import { carModes, readyByPattern } from '../common/car.js';
import type { CarSettings } from '../common/car.js';
import type { Clock } from '../common/clock.js';
import { HubError } from '../common/errors.js';
import { Holder } from '../common/holder.js';
import type { Logger } from '../common/log.js';
import type { SettingsStore } from '../store/settings-store.js';

const carSettingsSchema = z.object({
  mode: z.enum(carModes),
  minSocPct: z.number().int().min(0).max(100),
  targetSocPct: z.number().int().min(0).max(100),
  readyBy: z.string().regex(readyByPattern).nullable(),
  v2h: z.boolean(),
  v2g: z.boolean(),
});

const key = 'car';

export class CarSettingsStore extends Holder<CarSettings> {
  constructor(
    private readonly store: SettingsStore,
    private readonly clock: Clock,
    private readonly log: Logger,
    defaults: CarSettings,
  ) {
    // Older rows (before the V2X settings existed) are completed from the defaults.
    super({ ...defaults, ...store.get(key, carSettingsSchema.partial(), {}) });
  }

  update(change: CarSettingsBody): CarSettings {
    const next: CarSettings = { ...this.get(), ...change };
    if (next.targetSocPct < next.minSocPct) {
      throw new HubError('bad_request', `body.targetSocPct: the target (${next.targetSocPct} %) must not be below the minimum (${next.minSocPct} %)`);
    }
    this.store.set(key, next, this.clock.now());
    this.log.info('car settings changed', { ...next });
    this.set(next);
    return next;
  }
}
