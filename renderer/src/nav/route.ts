/**
 * Screens are addressed by the URL hash (#/car, #/settings/installer): no
 * router library, a reload or a bookmark on a LAN tablet keeps the screen,
 * and the hub's static server needs no knowledge of the UI's paths.
 */
import { useSyncExternalStore } from 'react';

export const screens = ['home', 'car', 'plan', 'history', 'signals', 'settings'] as const;
export type Screen = (typeof screens)[number];

export interface Route {
  readonly screen: Screen;
  /** A sub-page, e.g. "installer" or "pairing" under settings. */
  readonly sub: string | null;
}

const home: Route = { screen: 'home', sub: null };
const cache = new Map<string, Route>();

export function parseHash(hash: string): Route {
  const cached = cache.get(hash);
  if (cached !== undefined) return cached;
  const [screen, sub] = hash.replace(/^#\/?/, '').split('/');
  const route = (screens as readonly string[]).includes(screen ?? '') ? { screen: screen as Screen, sub: sub !== undefined && /^[a-z-]+$/.test(sub) ? sub : null } : home;
  cache.set(hash, route);
  return route;
}

export function hrefOf(screen: Screen, sub?: string): string {
  return `#/${screen}${sub === undefined ? '' : `/${sub}`}`;
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, () => parseHash(window.location.hash));
}
