import { useSyncExternalStore } from 'react';
import { statisticsResource } from '../../api/index.js';

/**
 * The site's IANA time zone, which the statistics answer carries: departure
 * times, plan slots and history days are the site's local times, whatever
 * zone the browser showing them is in. Undefined (the browser's zone) until
 * the hub has told.
 */
export function useSiteTimeZone(): string | undefined {
  const today = statisticsResource('day', null);
  return useSyncExternalStore(today.subscribe, () => today.getState().data?.timeZone);
}
