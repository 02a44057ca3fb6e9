import { useRef } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChargerState } from '../../../main/common/snapshot.js';
import { useLinkStatus, useLive } from '../../api/index.js';
import { shallowEqual } from '../equality.js';
import { useFormat } from '../i18n/useFormat.js';
import { useSiteTimeZone } from '../site/timeZone.js';
import { PercentControl } from '../ui/PercentControl.js';
import { Stepper } from '../ui/Stepper.js';
import { Switch } from '../ui/Switch.js';
import { ModeButtons } from './ModeButtons.js';
import { PlannedSession } from './PlannedSession.js';
import { shiftTime } from './sessionModel.js';
import { useCarEditor } from './useCarEditor.js';
import type { CarGoals } from './useCarEditor.js';
import './car.css';

const chargerKeys = {
  unknown: 'car.charger.unknown',
  disconnected: 'car.charger.disconnected',
  connected: 'car.charger.connected',
  charging: 'car.charger.charging',
  discharging: 'car.charger.discharging',
  paused: 'car.charger.paused',
  error: 'car.charger.error',
} as const satisfies Record<ChargerState, string>;

interface CarNow {
  readonly pluggedIn: boolean;
  readonly socPct: number | null;
  readonly socEstimated: boolean;
  readonly powerW: number | null;
  readonly state: ChargerState;
}

/** The car's state of charge as a bar with the minimum and the target marked. */
function SocGauge(props: { readonly goals: CarGoals | null }): ReactElement {
  const { t } = useTranslation();
  const f = useFormat();
  const car = useLive((s): CarNow | null => {
    const snap = s.snapshot;
    if (snap === null) return null;
    const power = snap.wallbox.powerW;
    return {
      pluggedIn: snap.car.pluggedIn,
      socPct: snap.car.socPct === null ? null : Math.round(snap.car.socPct),
      socEstimated: snap.car.socEstimated,
      // Tenths of a kW: finer changes would re-render for nothing.
      powerW: power === null ? null : Math.round(power / 100) * 100,
      state: snap.wallbox.state,
    };
  }, shallowEqual<CarNow>);
  const soc = car?.socPct ?? null;
  const kw = f.kw(car?.powerW === null || car === null ? null : Math.abs(car.powerW ?? 0));
  return (
    <div className="soc-gauge">
      <p className="soc-gauge__head">
        <span className="soc-gauge__value" data-testid="car-screen-soc">
          {soc === null ? t('units.unknown') : t('units.pct', { value: f.pct(soc) })}
        </span>
        <span className="soc-gauge__state" data-testid="car-state">
          {car === null ? '' : car.pluggedIn ? t(chargerKeys[car.state]) : t('car.unplugged')}
          {car !== null && car.pluggedIn && kw !== null && car.powerW !== 0 && ` · ${t('units.kwValue', { value: kw })}`}
        </span>
      </p>
      <div className="soc-gauge__bar" role="img" aria-label={t('car.gaugeLabel', { soc: soc ?? '?', min: props.goals?.minSocPct ?? '?', target: props.goals?.targetSocPct ?? '?' })}>
        <span className="soc-gauge__fill" style={{ width: `${soc ?? 0}%` }} />
        {props.goals !== null && (
          <>
            <span className="soc-gauge__mark soc-gauge__mark--min" style={{ left: `${props.goals.minSocPct}%` }} />
            <span className="soc-gauge__mark soc-gauge__mark--target" style={{ left: `${props.goals.targetSocPct}%` }} />
          </>
        )}
      </div>
      {props.goals !== null && (
        <p className="soc-gauge__legend">
          <span className="soc-gauge__key soc-gauge__key--min">{t('car.minMark', { value: props.goals.minSocPct })}</span>
          <span className="soc-gauge__key soc-gauge__key--target">{t('car.targetMark', { value: props.goals.targetSocPct })}</span>
        </p>
      )}
      {car?.socEstimated === true && <p className="muted">{t('car.socEstimated')}</p>}
    </div>
  );
}

/** The car screen: state, mode, departure and target, V2H/V2G with their minimum, and the planned session. */
export function CarScreen(): ReactElement {
  const { t } = useTranslation();
  const link = useLinkStatus();
  const timeZone = useSiteTimeZone();
  const { goals, change } = useCarEditor();
  const disabled = link !== 'live' || goals === null;
  const g: CarGoals = goals ?? { minSocPct: 30, targetSocPct: 80, readyBy: null, v2h: false, v2g: false };
  const readyBy = g.readyBy;
  // Switching the departure off and on again brings back the time it had.
  const lastReadyBy = useRef('07:30');
  if (readyBy !== null) lastReadyBy.current = readyBy;

  return (
    <div className="car-screen">
      <div className="car-screen__column">
        <section className="panel car-screen__status" aria-labelledby="car-status-title">
          <h2 id="car-status-title" className="panel__title">
            {t('car.title')}
          </h2>
          <SocGauge goals={goals} />
          <ModeButtons size="large" />
        </section>

        <section className="panel car-screen__session" aria-labelledby="car-session-title">
          <h2 id="car-session-title" className="panel__title">
            {t('session.title')}
          </h2>
          <PlannedSession readyBy={readyBy} timeZone={timeZone} />
        </section>
      </div>
      <div className="car-screen__column">
        <section className="panel car-screen__departure" aria-labelledby="car-departure-title">
          <h2 id="car-departure-title" className="panel__title">
            {t('car.departure.title')}
          </h2>
          <Switch
            checked={readyBy !== null}
            label={t('car.departure.enabled')}
            disabled={disabled}
            testId="ready-by-enabled"
            onChange={(on) => change({ readyBy: on ? lastReadyBy.current : null })}
          />
          {readyBy !== null && (
            <Stepper
              label={t('car.departure.time')}
              value={<span className="stepper__time">{readyBy}</span>}
              down={[
                { delta: -60, text: t('controls.hourShort', { sign: '−' }), label: t('controls.hourEarlier') },
                { delta: -15, text: '−15', label: t('controls.quarterEarlier') },
              ]}
              up={[
                { delta: 15, text: '+15', label: t('controls.quarterLater') },
                { delta: 60, text: t('controls.hourShort', { sign: '+' }), label: t('controls.hourLater') },
              ]}
              onStep={(d) => change({ readyBy: shiftTime(readyBy, d) })}
              canStep={() => true}
              disabled={disabled}
              testId="ready-by"
              wrap
            />
          )}
          <h3 className="control-label" id="target-label">
            {t('car.departure.target')}
          </h3>
          <PercentControl
            label={t('car.departure.target')}
            value={g.targetSocPct}
            min={g.minSocPct}
            max={100}
            disabled={disabled}
            testId="target-soc"
            onChange={(v) => change({ targetSocPct: v })}
          />
          <p className="muted">{readyBy === null ? t('car.departure.explainNoTime') : t('car.departure.explain', { time: readyBy, target: g.targetSocPct })}</p>
        </section>

        <section className="panel car-screen__v2x" aria-labelledby="car-v2x-title">
          <h2 id="car-v2x-title" className="panel__title">
            {t('car.v2x.title')}
          </h2>
          <Switch checked={g.v2h} label={t('car.v2x.v2h')} disabled={disabled} testId="v2h" describedBy="v2h-explain" onChange={(on) => change({ v2h: on })} />
          <p id="v2h-explain" className="explain">
            {t('car.v2x.v2hExplain')}
          </p>
          <Switch checked={g.v2g} label={t('car.v2x.v2g')} disabled={disabled} testId="v2g" describedBy="v2g-explain" onChange={(on) => change({ v2g: on })} />
          <p id="v2g-explain" className="explain">
            {t('car.v2x.v2gExplain')}
          </p>
          <h3 className="control-label">{t('car.v2x.min')}</h3>
          <PercentControl
            label={t('car.v2x.min')}
            value={g.minSocPct}
            min={0}
            max={g.targetSocPct}
            disabled={disabled}
            testId="min-soc"
            describedBy="min-explain"
            onChange={(v) => change({ minSocPct: v })}
          />
          <p id="min-explain" className="explain">
            {t('car.v2x.minExplain', { value: g.minSocPct })}
          </p>
        </section>
      </div>
    </div>
  );
}
