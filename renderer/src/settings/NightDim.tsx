import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useLive } from '../../api/index.js';
import { useSiteTimeZone } from '../site/timeZone.js';
import { usePreferences } from './preferences.js';

/** Night runs 22:00-06:00 at the site. */
const nightFromHour = 22;
const nightToHour = 6;
/** How long a tap keeps the screen bright (real ms). */
export const wakeMs = 2 * 60_000;

const hourFormats = new Map<string, Intl.DateTimeFormat>();

export function siteHour(ts: number, timeZone: string | undefined): number {
  const key = timeZone ?? '';
  let f = hourFormats.get(key);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone });
    hourFormats.set(key, f);
  }
  return Number(f.format(ts));
}

export function isNight(ts: number, timeZone: string | undefined): boolean {
  const h = siteHour(ts, timeZone);
  return h >= nightFromHour || h < nightToHour;
}

/**
 * A wall screen should not light up the hallway at night: between 22:00 and
 * 06:00 (site time) a dark veil covers it. The first tap only lifts the veil
 * for two minutes; it never reaches a button underneath.
 */
export function NightDim(): ReactElement | null {
  const { t } = useTranslation();
  const { nightDim } = usePreferences();
  const timeZone = useSiteTimeZone();
  const night = useLive((s) => (s.snapshot === null ? false : isNight(s.snapshot.ts, timeZone)));
  const [awakeUntil, setAwakeUntil] = useState(0);
  const [, setTick] = useState(0);

  useEffect(() => {
    if (awakeUntil === 0) return;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.max(0, awakeUntil - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [awakeUntil]);

  if (!nightDim || !night || Date.now() < awakeUntil) return null;
  return (
    <button
      type="button"
      className="night-dim"
      data-testid="night-dim"
      aria-label={t('settings.dim.wake')}
      onClick={() => setAwakeUntil(Date.now() + wakeMs)}
    />
  );
}
