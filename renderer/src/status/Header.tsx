import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useHubInfo, useLinkStatus, useLive } from '../../api/index.js';
import { useFormat } from '../i18n/useFormat.js';

const linkKeys = { connecting: 'link.connecting', live: 'link.live', reconnecting: 'link.reconnecting' } as const;

export function Header(): ReactElement {
  const { t } = useTranslation();
  const f = useFormat();
  const link = useLinkStatus();
  const info = useHubInfo();
  const ts = useLive((s) => s.snapshot?.ts ?? null);
  return (
    <header className="topbar">
      <h1 className="topbar__title">{t('app.title')}</h1>
      {info?.simulated === true && <span className="topbar__badge">{t('app.simulated', { speed: info.speed })}</span>}
      <span className="topbar__spacer" />
      {/* Frozen while the hub is away: then it says how old the greyed-out numbers are. */}
      <span className={`topbar__clock${link === 'live' ? '' : ' topbar__clock--stale'}`} aria-label={t('app.siteTime')} data-testid="site-clock">
        {ts === null ? '' : link === 'live' ? f.clock(ts) : t('link.staleData', { time: f.clock(ts) })}
      </span>
      <span className={`link-pill link-pill--${link}`} role="status" data-testid="link-status" data-status={link}>
        <span className="link-pill__dot" aria-hidden="true" />
        {t(linkKeys[link])}
      </span>
    </header>
  );
}
