import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CarSettingsBody } from '../../../main/common/api.js';
import { HubRequestError, setCarSettings, useLive } from '../../api/index.js';
import { shallowEqual } from '../equality.js';
import { useToast } from '../toast/toastContext.js';

/** The car settings the car screen edits. */
export interface CarGoals {
  readonly minSocPct: number;
  readonly targetSocPct: number;
  readonly readyBy: string | null;
  readonly v2h: boolean;
  readonly v2g: boolean;
}

type Draft = { -readonly [K in keyof CarGoals]?: CarGoals[K] };

/** Taps within this time are sent together (several +5 % in a row make one request). */
const sendAfterMs = 600;
/** A change the snapshots never confirm stops being shown after this. */
const draftTimeoutMs = 10_000;

/**
 * Editing the car's goals by touch: each change shows at once (a draft over
 * the live values), is sent shortly after the last tap, and gives way to the
 * live value once a snapshot reports it. A refusal or a lost hub shows a
 * message and the live value comes back.
 */
export function useCarEditor(): { readonly goals: CarGoals | null; readonly live: CarGoals | null; readonly change: (patch: Partial<CarGoals>) => void; readonly pending: boolean } {
  const { t } = useTranslation();
  const toast = useToast();
  const live = useLive((s): CarGoals | null => {
    const c = s.snapshot?.car;
    return c === undefined ? null : { minSocPct: c.minSocPct, targetSocPct: c.targetSocPct, readyBy: c.readyBy, v2h: c.v2h, v2g: c.v2g };
  }, shallowEqual<CarGoals>);
  const [draft, setDraft] = useState<Draft>({});
  const unsent = useRef<CarSettingsBody>({});
  const sendTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [lastChange, setLastChange] = useState(0);

  // Draft values the hub now reports are no longer drafts.
  useEffect(() => {
    if (live === null) return;
    setDraft((d) => {
      const keys = (Object.keys(d) as (keyof CarGoals)[]).filter((k) => d[k] !== live[k]);
      return keys.length === Object.keys(d).length ? d : Object.fromEntries(keys.map((k) => [k, d[k]]));
    });
  }, [live]);
  useEffect(() => {
    if (lastChange === 0) return;
    const timer = setTimeout(() => setDraft({}), draftTimeoutMs);
    return () => clearTimeout(timer);
  }, [lastChange]);
  useEffect(() => () => clearTimeout(sendTimer.current), []);

  const send = useCallback(() => {
    const body = unsent.current;
    unsent.current = {};
    if (Object.keys(body).length === 0) return;
    setCarSettings(body).catch((err: unknown) => {
      setDraft((d) => Object.fromEntries(Object.entries(d).filter(([k]) => !(k in body))));
      if (err instanceof HubRequestError && err.code !== 'network') toast.show(t('car.refused', { message: err.message }));
      else toast.show(t('car.unreachable'));
    });
  }, [t, toast]);

  const change = useCallback(
    (patch: Partial<CarGoals>) => {
      setDraft((d) => ({ ...d, ...patch }));
      unsent.current = { ...unsent.current, ...patch };
      setLastChange(Date.now());
      clearTimeout(sendTimer.current);
      sendTimer.current = setTimeout(send, sendAfterMs);
    },
    [send],
  );

  const goals = live === null ? null : { ...live, ...draft };
  return { goals, live, change, pending: Object.keys(draft).length > 0 };
}
