import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceRole } from '../../../main/common/snapshot.js';
import { useLive } from '../../api/index.js';
import { shallowEqual, shallowEqualItems } from '../equality.js';
import { useFormat } from '../i18n/useFormat.js';
import { FailsafeBanner } from './ControlStatus.js';
import { pickLimit } from './limitBanner.js';
import type { LimitBannerModel } from './limitBanner.js';

const roleKeys = {
  grid: 'devices.role.grid',
  pv: 'devices.role.pv',
  battery: 'devices.role.battery',
  charger: 'devices.role.charger',
} as const satisfies Record<DeviceRole, string>;

/** A grid operator's or utility's limit in force, in the user's words and units. */
function LimitBanner(): ReactElement | null {
  const { t } = useTranslation();
  const f = useFormat();
  const limit = useLive((s) => pickLimit(s.snapshot?.limits), shallowEqual<LimitBannerModel>);
  if (limit === null) return null;
  const kw = f.number(limit.limitW / 1000, 1);
  const who = limit.source === 'dso-14a' ? t('banner.who.dso') : limit.source === 'failsafe' ? t('banner.who.failsafe') : t('banner.who.utility');
  const what =
    limit.kind === 'controllable' ? t('banner.what.controllable', { kw }) : limit.kind === 'import' ? t('banner.what.import', { kw }) : t('banner.what.export', { kw });
  const until = limit.endMs !== null ? t('banner.until', { time: f.time(limit.endMs) }) : limit.source === 'failsafe' ? t('banner.untilSignal') : t('banner.untilRevoked');
  return (
    <div className="banner banner--limit" role="status" data-testid="limit-banner">
      <strong>{t('banner.limitTitle')}</strong> <span>{t('banner.limit', { who, what, until })}</span>
    </div>
  );
}

interface Fault {
  readonly id: string;
  readonly role: DeviceRole;
  readonly status: string;
  readonly lastError: string | null;
}

/** Devices without fresh data; while the failsafe is on, its own banner already says why. */
function DeviceFaultBanner(): ReactElement | null {
  const { t } = useTranslation();
  const failsafe = useLive((s) => s.snapshot?.control.failsafe ?? false);
  const faults = useLive(
    (s) => s.snapshot?.devices.filter((d) => d.status === 'error' || d.status === 'stale').map(({ id, role, status, lastError }): Fault => ({ id, role, status, lastError })) ?? [],
    shallowEqualItems<Fault>,
  );
  if (failsafe || faults.length === 0) return null;
  return (
    <div className="banner banner--fault" role="alert" data-testid="fault-banner">
      <strong>{t('banner.faultTitle')}</strong>
      <ul className="banner__list">
        {faults.map((d) => (
          <li key={d.id}>
            {t('banner.fault', { device: t(roleKeys[d.role]), id: d.id })}
            {d.lastError !== null && <span className="banner__detail">: {d.lastError}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Safety-relevant news on every screen: failsafe, grid limits, device faults. */
export function Banners(): ReactElement {
  return (
    <div className="banners">
      <FailsafeBanner />
      <LimitBanner />
      <DeviceFaultBanner />
    </div>
  );
}
