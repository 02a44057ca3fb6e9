import { useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceHealth, DeviceRole, DeviceStatus } from '../../../main/common/snapshot.js';
import { useLive } from '../../api/index.js';
import { shallowEqualItems } from '../equality.js';
import { useFormat } from '../i18n/useFormat.js';
import './devices.css';

const roleKeys = {
  grid: 'devices.role.grid',
  pv: 'devices.role.pv',
  battery: 'devices.role.battery',
  charger: 'devices.role.charger',
} as const satisfies Record<DeviceRole, string>;

const statusKeys = {
  connecting: 'devices.status.connecting',
  ok: 'devices.status.ok',
  stale: 'devices.status.stale',
  error: 'devices.status.error',
} as const satisfies Record<DeviceStatus, string>;

/** What the strip shows of a device; lastValidTs and counters change every tick and are read only by the open detail. */
interface DeviceSummary {
  readonly id: string;
  readonly role: DeviceRole;
  readonly type: string;
  readonly status: DeviceStatus;
  readonly lastError: string | null;
}

function summarise(devices: readonly DeviceHealth[] | undefined): readonly DeviceSummary[] | null {
  return devices === undefined ? null : devices.map(({ id, role, type, status, lastError }) => ({ id, role, type, status, lastError }));
}

/** One chip per device with a status dot; tapping a chip shows its last error. */
export function DeviceStrip(): ReactElement {
  const { t } = useTranslation();
  const devices = useLive((s) => summarise(s.snapshot?.devices), shallowEqualItems);
  const [openId, setOpenId] = useState<string | null>(null);
  const open = devices?.find((d) => d.id === openId) ?? null;

  return (
    <section className="devices" aria-label={t('devices.title')}>
      <ul className="devices__list">
        {devices?.length === 0 && <li className="devices__none">{t('devices.none')}</li>}
        {devices?.map((device) => (
          <li key={device.id}>
            <button
              type="button"
              className={`device-chip device-chip--${device.status}${openId === device.id ? ' device-chip--open' : ''}`}
              data-testid={`device-${device.id}`}
              aria-expanded={openId === device.id}
              aria-controls="device-detail"
              onClick={() => setOpenId(openId === device.id ? null : device.id)}
            >
              <span className={`status-dot status-dot--${device.status}`} aria-hidden="true" />
              <span className="device-chip__name">{device.id}</span>
              <span className="device-chip__role">{t(roleKeys[device.role])}</span>
              <span className="visually-hidden">{t(statusKeys[device.status])}</span>
            </button>
          </li>
        ))}
      </ul>
      {open !== null && <DeviceDetail device={open} onClose={() => setOpenId(null)} />}
    </section>
  );
}

function DeviceDetail(props: { readonly device: DeviceSummary; readonly onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const f = useFormat();
  const { device } = props;
  const lastValidTs = useLive((s) => s.snapshot?.devices.find((d) => d.id === device.id)?.lastValidTs ?? null);
  return (
    <div id="device-detail" className={`device-detail device-detail--${device.status}`} role="status" data-testid="device-detail">
      <div className="device-detail__head">
        <span className={`status-dot status-dot--${device.status}`} aria-hidden="true" />
        <strong>{device.id}</strong>
        <span>
          {t(roleKeys[device.role])} · {device.type} · {t(statusKeys[device.status])}
        </span>
        <button type="button" className="device-detail__close" onClick={props.onClose}>
          {t('devices.close')}
        </button>
      </div>
      <p className="device-detail__error">
        {device.lastError === null ? (
          t('devices.noError')
        ) : (
          <>
            <span className="device-detail__label">{t('devices.lastError')}: </span>
            {device.lastError}
          </>
        )}
      </p>
      <p className="device-detail__valid">
        {lastValidTs === null ? t('devices.neverValid') : t('devices.lastValid', { time: f.clock(lastValidTs) })}
      </p>
    </div>
  );
}
