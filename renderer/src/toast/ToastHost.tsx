import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ToastContext } from './toastContext.js';
import type { ToastApi, ToastKind } from './toastContext.js';

interface Toast {
  readonly id: number;
  readonly message: string;
  readonly kind: ToastKind;
}

const visibleMs = 6_000;

/** Shows one message at a time at the bottom of the screen; tap to dismiss. */
export function ToastHost(props: { readonly children: ReactNode }): ReactElement {
  const { t } = useTranslation();
  const [toast, setToast] = useState<Toast | null>(null);
  const nextId = useRef(1);

  const show = useCallback((message: string, kind: ToastKind = 'error') => {
    setToast({ id: nextId.current++, message, kind });
  }, []);
  const api = useMemo<ToastApi>(() => ({ show }), [show]);

  useEffect(() => {
    if (toast === null) return;
    const timer = setTimeout(() => setToast((current) => (current?.id === toast.id ? null : current)), visibleMs);
    return () => clearTimeout(timer);
  }, [toast]);

  return (
    <ToastContext.Provider value={api}>
      {props.children}
      <div className="toast-region" aria-live="assertive">
        {toast !== null && (
          <button type="button" key={toast.id} className={`toast toast--${toast.kind}`} data-testid="toast" onClick={() => setToast(null)} aria-label={`${toast.message} (${t('toast.dismiss')})`}>
            {toast.message}
          </button>
        )}
      </div>
    </ToastContext.Provider>
  );
}
