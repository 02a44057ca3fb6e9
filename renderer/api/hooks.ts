import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { routes } from './routes.js';
import type { HubInfo } from '../../main/common/api.js';
import type { SiteSnapshot } from '../../main/common/snapshot.js';
import { fetchInfo, fetchState } from './http.js';
import { LiveConnection, streamUrl } from './live.js';
import type { LinkStatus, LiveState } from './live.js';
import type { PolledResource, ResourceState } from './resources.js';

let shared: LiveConnection | null = null;

/** The one live connection of this page, opened on first use. */
export function hubConnection(): LiveConnection {
  if (shared === null) {
    const connection = new LiveConnection({ url: streamUrl(window.location, routes.ws) });
    shared = connection;
    connection.start();
    // Paint real numbers before the first push arrives.
    fetchState().then(
      (snapshot) => connection.seed(snapshot),
      () => undefined,
    );
  }
  return shared;
}

/**
 * A slice of the live state; the component re-renders only when the slice
 * changes. By default "changes" means !==, which suits a field or a
 * sub-object of the snapshot; pass `isEqual` for slices that are rebuilt on
 * every tick but rarely differ (e.g. the device list).
 */
export function useLive<T>(select: (state: LiveState) => T, isEqual: (a: T, b: T) => boolean = Object.is): T {
  const connection = hubConnection();
  const last = useRef<{ readonly value: T } | null>(null);
  const getSelected = (): T => {
    const next = select(connection.getState());
    if (last.current !== null && isEqual(last.current.value, next)) return last.current.value;
    last.current = { value: next };
    return next;
  };
  return useSyncExternalStore(connection.subscribe, getSelected);
}

export function useSnapshot(): SiteSnapshot | null {
  return useLive((s) => s.snapshot);
}

export function useLinkStatus(): LinkStatus {
  return useLive((s) => s.status);
}

/** Hub name, version and simulation speed; null until known. */
export function useHubInfo(): HubInfo | null {
  const [info, setInfo] = useState<HubInfo | null>(null);
  const status = useLinkStatus();
  useEffect(() => {
    if (status !== 'live' || info !== null) return;
    let cancelled = false;
    fetchInfo().then(
      (value) => {
        if (!cancelled) setInfo(value);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [status, info]);
  return info;
}

/** The current state of a polled hub resource (tariff, plan, statistics...); polls while mounted. */
export function useResource<T>(resource: PolledResource<T>): ResourceState<T> {
  return useSyncExternalStore(resource.subscribe, resource.getState);
}
