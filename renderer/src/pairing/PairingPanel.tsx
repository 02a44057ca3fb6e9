import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { pairingCodeDigits } from '../../../main/common/auth.js';
import type { PairedDevice, PairingOffer } from '../../../main/common/auth.js';
import { claimPairing, forgetPairing, hasDeviceToken, listPairedDevices, openPairing, revokeDevice, useAuthStatus, usePairingFromLink } from '../../api/auth.js';
import { HubRequestError } from '../../api/errors.js';
import { Keypad } from '../installer/Keypad.js';
import { formatLocale } from '../i18n/languages.js';
import './i18n.js';
import './pairing.css';
import '../installer/keypad.css';

function message(err: unknown): string {
  return err instanceof HubRequestError ? err.message : String(err);
}

/** The wall screen: open a pairing (QR code + code), see and revoke paired devices. */
function WallScreenPairing(props: { readonly lanUrls: readonly string[] }): ReactElement {
  const { t, i18n } = useTranslation('pairing');
  const [offer, setOffer] = useState<PairingOffer | null>(null);
  const [openedAt, setOpenedAt] = useState(0);
  const [now, setNow] = useState(Date.now());
  const [devices, setDevices] = useState<readonly PairedDevice[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let cancelled = false;
    listPairedDevices().then(
      (list) => {
        if (cancelled) return;
        // A device that appears while the QR code is shown has just paired: the offer is used up.
        setDevices((before) => {
          if (before !== null && offer !== null && list.length > before.length) setOffer(null);
          return list;
        });
      },
      (err: unknown) => !cancelled && setError(message(err)),
    );
    // While a QR code is up, look for the new device every 2 s.
    const timer = offer === null ? undefined : setTimeout(() => setReload((n) => n + 1), 2000);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [reload, offer]);

  useEffect(() => {
    if (offer === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [offer]);

  const remainingS = offer === null ? 0 : Math.max(0, Math.round((openedAt + offer.expiresInMs - now) / 1000));
  useEffect(() => {
    if (offer !== null && remainingS === 0) setOffer(null);
  }, [offer, remainingS]);

  const open = (): void => {
    setError(null);
    openPairing().then(
      (o) => {
        setOffer(o);
        setOpenedAt(Date.now());
        setNow(Date.now());
      },
      (err: unknown) => setError(message(err)),
    );
  };

  const revoke = (id: string): void => {
    if (confirm !== id) {
      setConfirm(id);
      return;
    }
    setConfirm(null);
    revokeDevice(id).then(
      () => setReload((n) => n + 1),
      (err: unknown) => setError(message(err)),
    );
  };

  const date = new Intl.DateTimeFormat(formatLocale(i18n.language), { dateStyle: 'medium', timeStyle: 'short' });
  const code = offer?.code.replace(/(\d{4})(?=\d)/, '$1 ') ?? '';

  return (
    <div className="pairing" data-testid="pairing-panel" data-principal="local">
      <p className="explain">{t('wall.explain')}</p>
      {offer === null ? (
        <button type="button" className="button" data-testid="pairing-open" onClick={open}>
          {t('wall.open')}
        </button>
      ) : (
        <div className="pairing__offer" data-testid="pairing-offer">
          <img className="pairing__qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(offer.qrSvg)}`} alt={t('wall.qrAlt')} data-testid="pairing-qr" />
          <div className="pairing__offer-text">
            <p>{t('wall.scan')}</p>
            <p className="pairing__or">{t('wall.orType', { url: offer.urls[0] ?? '' })}</p>
            <p className="pairing__code" data-testid="pairing-code" aria-label={t('wall.codeLabel')}>
              {code}
            </p>
            <p className="muted" data-testid="pairing-expires">
              {t('wall.expires', { seconds: remainingS })}
            </p>
            <button type="button" className="button button--quiet" data-testid="pairing-close" onClick={() => setOffer(null)}>
              {t('wall.close')}
            </button>
          </div>
        </div>
      )}
      {error !== null && (
        <p className="pairing__error" role="alert" data-testid="pairing-error">
          {error}
        </p>
      )}
      <h3 className="pairing__subtitle">{t('wall.devices')}</h3>
      {devices === null ? (
        <p className="muted">{t('loading')}</p>
      ) : devices.length === 0 ? (
        <p className="muted" data-testid="paired-none">
          {t('wall.noDevices')}
        </p>
      ) : (
        <ul className="pairing__devices" data-testid="paired-devices">
          {devices.map((d) => (
            <li key={d.id} className="pairing__device" data-testid={`paired-${d.id}`}>
              <span className="pairing__device-name">{d.name}</span>
              <span className="muted pairing__device-when">
                {d.lastUsedMs === null ? t('wall.neverUsed') : t('wall.lastUsed', { when: date.format(new Date(d.lastUsedMs)) })}
              </span>
              <button type="button" className={`button ${confirm === d.id ? 'button--danger' : 'button--quiet'}`} data-testid={`revoke-${d.id}`} onClick={() => revoke(d.id)}>
                {confirm === d.id ? t('wall.confirmRevoke') : t('wall.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="muted pairing__lan" data-testid="lan-urls">
        {t('wall.lanOn', { urls: props.lanUrls.join(', ') })}
      </p>
    </div>
  );
}

/** A LAN device without a (valid) token: pair it by typing the wall screen's code. */
function PairThisDevice(props: { readonly revoked: boolean }): ReactElement {
  const { t } = useTranslation('pairing');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (code: string): void => {
    setBusy(true);
    setError(null);
    claimPairing({ code }).then(
      () => window.location.reload(),
      (err: unknown) => {
        setBusy(false);
        setError(err instanceof HubRequestError && err.status === 401 ? t('device.wrongCode') : message(err));
      },
    );
  };
  return (
    <div className="pairing pairing--unpaired" data-testid="pairing-panel" data-principal="none">
      <p className="pairing__warning" role="status" data-testid="not-paired">
        {props.revoked ? t('device.revoked') : t('device.notPaired')}
      </p>
      <p className="explain">{t('device.howTo')}</p>
      <Keypad label={t('device.codeLabel')} minDigits={pairingCodeDigits} maxDigits={pairingCodeDigits} masked={false} submitLabel={t('device.pair')} clearLabel={t('clear')} disabled={busy} testId="pair-keypad" onSubmit={submit} />
      {error !== null && (
        <p className="pairing__error" role="alert" data-testid="pairing-error">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * LAN access and pairing (Settings). On the wall screen: pair a tablet by QR
 * code and manage paired devices. On a paired tablet: which device this is.
 * On an unpaired one: a keypad for the wall screen's code.
 */
export function PairingPanel(): ReactElement {
  const { t } = useTranslation('pairing');
  const { status, error } = useAuthStatus();
  const link = usePairingFromLink();
  if (link.state === 'pairing') return <p className="muted">{t('link.pairing')}</p>;
  if (status === null) {
    return (
      <p className={error === null ? 'muted' : 'pairing__error'} data-testid="pairing-loading">
        {error === null ? t('loading') : message(error)}
      </p>
    );
  }
  const linkFailed =
    link.state === 'failed' ? (
      <p className="pairing__error" role="alert">
        {t('link.failed', { reason: link.error ?? '' })}
      </p>
    ) : null;
  if (status.principal === 'none') {
    return (
      <>
        {linkFailed}
        <PairThisDevice revoked={hasDeviceToken()} />
      </>
    );
  }
  if (status.principal === 'device') {
    return (
      <div className="pairing" data-testid="pairing-panel" data-principal="device">
        <p data-testid="paired-as">{t('device.pairedAs', { name: status.device?.name ?? '' })}</p>
        <p className="explain">{t('device.pairedExplain')}</p>
        <button
          type="button"
          className="button button--quiet"
          data-testid="forget-pairing"
          onClick={() => {
            forgetPairing();
            window.location.reload();
          }}
        >
          {t('device.forget')}
        </button>
      </div>
    );
  }
  if (!status.lan.enabled) {
    return (
      <div className="pairing" data-testid="pairing-panel" data-principal="local">
        <p data-testid="lan-off">{t('wall.lanOff')}</p>
        <p className="explain">{t('wall.lanHowTo')}</p>
      </div>
    );
  }
  return <WallScreenPairing lanUrls={status.lan.urls} />;
}
