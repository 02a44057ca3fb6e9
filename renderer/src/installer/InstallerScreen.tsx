import { useCallback, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { pinMaxDigits, pinMinDigits } from '../../../main/common/auth.js';
import { installerLogin, installerLogout, setFirstPin, useAuthStatus } from '../../api/auth.js';
import { HubRequestError } from '../../api/errors.js';
import { Keypad } from './Keypad.js';
import { Wizard } from './Wizard.js';
import './i18n.js';
import './installer.css';
import './keypad.css';

/** Entering the PIN: the first one is set (twice), later ones unlock; lockouts count down. */
function PinGate(props: { readonly pinSet: boolean; readonly lockedForMs: number; readonly attemptsLeft: number; readonly onUnlocked: () => void; readonly onRefresh: () => void }): ReactElement {
  const { t } = useTranslation('installer');
  const [first, setFirst] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [lockedUntil, setLockedUntil] = useState(Date.now() + props.lockedForMs);
  const [now, setNow] = useState(Date.now());
  useEffect(() => setLockedUntil(Date.now() + props.lockedForMs), [props.lockedForMs]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  const lockedS = Math.max(0, Math.ceil((lockedUntil - now) / 1000));

  const done = (p: Promise<unknown>): void => {
    setBusy(true);
    setError(null);
    p.then(
      () => props.onUnlocked(),
      (err: unknown) => {
        const e = err instanceof HubRequestError ? err : null;
        setError(e?.code === 'unauthorized' ? t('pin.wrong', { message: e.message }) : e?.code === 'locked_out' ? t('pin.locked') : (e?.message ?? String(err)));
        props.onRefresh();
      },
    ).finally(() => setBusy(false));
  };

  if (!props.pinSet) {
    return (
      <section className="panel installer-pin" aria-labelledby="pin-title" data-testid="pin-setup">
        <h2 id="pin-title" className="panel__title">
          {first === null ? t('pin.setTitle') : t('pin.repeatTitle')}
        </h2>
        <p className="explain">{t('pin.setExplain', { min: pinMinDigits, max: pinMaxDigits })}</p>
        <Keypad
          key={first === null ? 'first' : 'repeat'}
          label={first === null ? t('pin.newPin') : t('pin.repeatPin')}
          minDigits={pinMinDigits}
          maxDigits={pinMaxDigits}
          masked
          submitLabel={t('pin.ok')}
          clearLabel={t('pin.clear')}
          disabled={busy}
          testId="pin-keypad"
          onSubmit={(pin) => {
            if (first === null) {
              setFirst(pin);
              setError(null);
            } else if (pin !== first) {
              setFirst(null);
              setError(t('pin.mismatch'));
            } else done(setFirstPin(pin));
          }}
        />
        {error !== null && (
          <p className="installer-error" role="alert" data-testid="pin-error">
            {error}
          </p>
        )}
      </section>
    );
  }
  return (
    <section className="panel installer-pin" aria-labelledby="pin-title" data-testid="pin-login">
      <h2 id="pin-title" className="panel__title">
        {t('pin.enterTitle')}
      </h2>
      <p className="explain">{t('pin.enterExplain')}</p>
      {lockedS > 0 ? (
        <p className="installer-locked" role="alert" data-testid="pin-locked">
          {t('pin.lockedFor', { seconds: lockedS })}
        </p>
      ) : (
        <p className="muted" data-testid="pin-attempts">
          {t('pin.attemptsLeft', { count: props.attemptsLeft })}
        </p>
      )}
      <Keypad label={t('pin.pin')} minDigits={1} maxDigits={pinMaxDigits} masked submitLabel={t('pin.ok')} clearLabel={t('pin.clear')} disabled={busy || lockedS > 0} testId="pin-keypad" onSubmit={(pin) => done(installerLogin(pin))} />
      {error !== null && lockedS === 0 && (
        <p className="installer-error" role="alert" data-testid="pin-error">
          {error}
        </p>
      )}
    </section>
  );
}

/**
 * Installer mode: the PIN, then the commissioning wizard (devices, scan,
 * probe, sign check, site, battery and car, tariff, save and report).
 */
export function InstallerScreen(): ReactElement {
  const { t } = useTranslation('installer');
  const { status, error, refresh } = useAuthStatus(10_000);
  const leave = useCallback(() => {
    installerLogout().then(refresh, refresh);
  }, [refresh]);
  if (status === null) {
    return (
      <p className={error === null ? 'muted' : 'installer-error'} data-testid="installer-loading">
        {error === null ? t('loading') : error.message}
      </p>
    );
  }
  if (status.principal === 'none') {
    return (
      <p className="installer-error" data-testid="installer-not-paired">
        {t('notPaired')}
      </p>
    );
  }
  const { installer } = status;
  if (installer.session === null) {
    return (
      <div className="installer" data-testid="installer-screen">
        <PinGate pinSet={installer.pinSet} lockedForMs={installer.lockedForMs} attemptsLeft={installer.attemptsBeforeLockout} onUnlocked={refresh} onRefresh={refresh} />
      </div>
    );
  }
  return (
    <div className="installer" data-testid="installer-screen">
      <div className="installer__bar">
        <span className="muted" data-testid="installer-session">
          {t('session.expires', { minutes: Math.max(1, Math.round(installer.session.expiresInMs / 60_000)) })}
        </span>
        <button type="button" className="button button--quiet" data-testid="installer-logout" onClick={leave}>
          {t('session.leave')}
        </button>
      </div>
      <Wizard onRefused={refresh} />
    </div>
  );
}
