/**
 * Per-screen preferences (this wall tablet or this phone), kept in the
 * browser: language, theme and night dimming. The hub does not need them and
 * two screens in one home may well want different ones.
 */
import { useSyncExternalStore } from 'react';
import { isLanguage } from '../i18n/languages.js';
import type { Language } from '../i18n/languages.js';

export const themeChoices = ['dark', 'light', 'auto'] as const;
export type ThemeChoice = (typeof themeChoices)[number];

export interface Preferences {
  /** null: follow the browser's language. */
  readonly language: Language | null;
  readonly theme: ThemeChoice;
  /** Dim the screen from 22:00 to 06:00 site time; a tap wakes it. */
  readonly nightDim: boolean;
}

const storageKey = 'scale-hub.preferences';
export const defaultPreferences: Preferences = { language: null, theme: 'dark', nightDim: true };

function read(): Preferences {
  try {
    const raw: unknown = JSON.parse(window.localStorage.getItem(storageKey) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return defaultPreferences;
    const r = raw as Record<string, unknown>;
    return {
      language: isLanguage(r.language) ? r.language : null,
      theme: themeChoices.find((t) => t === r.theme) ?? defaultPreferences.theme,
      nightDim: typeof r.nightDim === 'boolean' ? r.nightDim : defaultPreferences.nightDim,
    };
  } catch {
    // Private mode or a corrupt entry: defaults, and the screen still works.
    return defaultPreferences;
  }
}

let current: Preferences | null = null;
const listeners = new Set<() => void>();

export function getPreferences(): Preferences {
  current ??= read();
  return current;
}

export function setPreferences(patch: Partial<Preferences>): void {
  current = { ...getPreferences(), ...patch };
  try {
    window.localStorage.setItem(storageKey, JSON.stringify(current));
  } catch {
    // Not persisted; still applied for this session.
  }
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePreferences(): Preferences {
  return useSyncExternalStore(subscribe, getPreferences);
}
