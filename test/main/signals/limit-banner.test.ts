import { describe, expect, it } from 'vitest';
import { gridLimitBanner } from '../../../main/common/limit-banner.js';
import type { GridLimitSignal } from '../../../main/common/limits.js';
import { noLimits } from '../../../main/common/limits.js';

const limit = (o: Partial<GridLimitSignal>): GridLimitSignal => ({ id: 'x', source: 'dso-14a', kind: 'controllable', limitW: 4200, startMs: 0, endMs: Date.parse('2026-01-06T18:00:00Z'), issuer: 'dso', ...o });

describe('grid limit banner', () => {
  it('says who limits what, and until when in site time', () => {
    expect(gridLimitBanner({ ...noLimits, signals: [limit({})] }, 'Europe/Berlin')).toBe('Grid operator limit 4.2 kW active until 19:00');
    expect(gridLimitBanner({ ...noLimits, signals: [limit({ source: 'failsafe', endMs: null })] }, 'Europe/Berlin')).toBe('Grid operator (failsafe: signal lost) limit 4.2 kW active until the signal returns');
    expect(gridLimitBanner({ ...noLimits, signals: [limit({ source: 'mqtt', kind: 'import', limitW: 5000, endMs: null })] }, 'Europe/Berlin')).toBe('Utility import limit 5.0 kW active until revoked');
  });

  it('is silent without utility limits (installer config limits are not news)', () => {
    expect(gridLimitBanner(noLimits, 'Europe/Berlin')).toBeNull();
    expect(gridLimitBanner({ ...noLimits, signals: [limit({ source: 'config', kind: 'export', limitW: 0 })] }, 'Europe/Berlin')).toBeNull();
  });
});
