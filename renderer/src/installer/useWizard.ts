import { useCallback, useEffect, useRef, useState } from 'react';
import type { FlowView, InstallerCatalog, StepSubmission } from '../../../main/common/installer.js';
import { HubRequestError } from '../../api/errors.js';
import { fetchCatalog, fetchFlow, startFlow, submitStep } from '../../api/installer.js';

export interface Wizard {
  readonly catalog: InstallerCatalog | null;
  /** undefined while loading, null when no flow is open. */
  readonly flow: FlowView | null | undefined;
  readonly busy: boolean;
  readonly error: HubRequestError | null;
  start(reconfigure: boolean): void;
  submit(sub: StepSubmission): Promise<FlowView | null>;
  refresh(): void;
  setFlow(flow: FlowView): void;
}

const asError = (err: unknown): HubRequestError => (err instanceof HubRequestError ? err : new HubRequestError('internal', String(err), 0));

/**
 * The open commissioning flow and the catalog; polls while the hub is probing
 * or checking signs. `onRefused` is told when the hub refuses the session
 * (403: expired, or the hub restarted), so the screen can ask the hub again
 * and fall back to the PIN.
 */
export function useWizard(onRefused: () => void): Wizard {
  const [catalog, setCatalog] = useState<InstallerCatalog | null>(null);
  const [flow, setFlow] = useState<FlowView | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<HubRequestError | null>(null);
  const refused = useRef(onRefused);
  refused.current = onRefused;

  const fail = useCallback((err: unknown): void => {
    const e = asError(err);
    setError(e);
    if (e.status === 403 || e.status === 401) refused.current();
  }, []);

  const refresh = useCallback(() => {
    fetchFlow().then(
      // A step the installer went back to stays on screen while the hub's flow is further on.
      (f) => setFlow((prev) => (prev !== null && prev !== undefined && f !== null && prev.flowId === f.flowId && prev.step !== f.step && f.completed.includes(prev.step) ? { ...f, step: prev.step } : f)),
      fail,
    );
  }, [fail]);

  useEffect(() => {
    fetchCatalog().then(setCatalog, fail);
    refresh();
  }, [fail, refresh]);

  const step = flow?.step;
  const polling = step === 'probe' || step === 'sign_check';
  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(refresh, 1000);
    return () => clearInterval(timer);
  }, [polling, refresh]);

  return {
    catalog,
    flow,
    busy,
    error,
    start: (reconfigure) => {
      setBusy(true);
      setError(null);
      startFlow(reconfigure)
        .then(setFlow, fail)
        .finally(() => setBusy(false));
    },
    submit: async (sub) => {
      if (flow === null || flow === undefined) return null;
      setBusy(true);
      setError(null);
      try {
        const next = await submitStep(flow.flowId, sub);
        setFlow(next);
        return next;
      } catch (err) {
        fail(err);
        return null;
      } finally {
        setBusy(false);
      }
    },
    refresh,
    setFlow,
  };
}
