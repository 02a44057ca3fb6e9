import { describe, expect, it } from 'vitest';
import { formatLocale, languageFor } from '../../renderer/src/i18n/languages.js';
import { parseHash } from '../../renderer/src/nav/route.js';
import { pickLimit } from '../../renderer/src/status/limitBanner.js';
import { isNight } from '../../renderer/src/settings/NightDim.js';

describe('routes', () => {
  it('reads the screen and sub-page from the hash, home otherwise', () => {
    expect(parseHash('#/car')).toEqual({ screen: 'car', sub: null });
    expect(parseHash('#/settings/installer')).toEqual({ screen: 'settings', sub: 'installer' });
    expect(parseHash('')).toEqual({ screen: 'home', sub: null });
    expect(parseHash('#/nonsense')).toEqual({ screen: 'home', sub: null });
    expect(parseHash('#/settings/<script>')).toEqual({ screen: 'settings', sub: null });
  });
});

describe('languages', () => {
  it('picks the first supported language of the browser, Norwegian variants as bokmål', () => {
    expect(languageFor(['fr-CA', 'en'])).toBe('fr');
    expect(languageFor(['no'])).toBe('nb');
    expect(languageFor(['nn-NO'])).toBe('nb');
    expect(languageFor(['es', 'pt'])).toBe('en');
  });

  it('formats English the European way', () => {
    expect(formatLocale('en')).toBe('en-GB');
    expect(formatLocale('hu')).toBe('hu-HU');
    expect(formatLocale('xx')).toBe('en-GB');
  });
});

describe('limit banner', () => {
  it('announces the strictest grid-operator limit and never the installer’s', () => {
    const base = { startMs: 0, issuer: 'x' };
    const limits = {
      importLimitW: 5000,
      exportLimitW: null,
      controllableLimitW: 4200,
      signals: [
        { ...base, id: 'a', source: 'config' as const, kind: 'import' as const, limitW: 3000, endMs: null },
        { ...base, id: 'b', source: 'mqtt' as const, kind: 'import' as const, limitW: 5000, endMs: 10 },
        { ...base, id: 'c', source: 'dso-14a' as const, kind: 'controllable' as const, limitW: 4200, endMs: null },
      ],
    };
    expect(pickLimit(limits)).toEqual({ source: 'dso-14a', kind: 'controllable', limitW: 4200, endMs: null });
    expect(pickLimit({ ...limits, signals: [limits.signals[0]!] })).toBeNull();
    expect(pickLimit(undefined)).toBeNull();
  });
});

describe('night dimming', () => {
  it('is night from 22:00 to 06:00 at the site', () => {
    const tz = 'Europe/Amsterdam';
    expect(isNight(Date.parse('2026-08-15T22:30:00+02:00'), tz)).toBe(true);
    expect(isNight(Date.parse('2026-08-15T05:59:00+02:00'), tz)).toBe(true);
    expect(isNight(Date.parse('2026-08-15T06:00:00+02:00'), tz)).toBe(false);
    expect(isNight(Date.parse('2026-08-15T21:59:00+02:00'), tz)).toBe(false);
  });
});
