/** Model 1 (common) for the simulated SunSpec devices. */
import type { SimModelSpec } from './sunspec-sim-unit.js';

export function commonModelSpec(identity: { model: string; serial: string; unitId: number; manufacturer?: string | undefined }): SimModelSpec {
  return {
    id: 1,
    initial: {
      Mn: identity.manufacturer ?? 'SCALE Hub',
      Md: identity.model,
      Opt: null,
      Vr: '1.0.0',
      SN: identity.serial,
      DA: identity.unitId,
      Pad: 0x8000,
    },
  };
}
