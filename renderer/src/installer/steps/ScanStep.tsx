import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanHit, ScanSuggestion, ScanView } from '../../../../main/common/installer.js';
import { cancelScan, fetchScan, startScan } from '../../../api/installer.js';
import { HubRequestError } from '../../../api/errors.js';
import { scanPicks } from '../scanPicks.js';
import { StepActions } from './StepActions.js';
import type { StepProps } from './types.js';

function identityText(h: ScanHit): string {
  const id = h.identity;
  if (id === null) return h.note ?? '';
  return [id.manufacturer, id.model, id.serial === null ? null : `SN ${id.serial}`].filter((x) => x !== null && x !== '').join(' · ');
}

/** Step 2: look for devices on the LAN (Modbus 502/1502, P1 dongle ports), with progress; tap a hit to use it. */
export function ScanStep({ w, flow, catalog }: StepProps): ReactElement {
  const { t } = useTranslation('installer');
  const [targets, setTargets] = useState<readonly string[]>(catalog.scan.suggestedTargets.slice(0, 1));
  const [custom, setCustom] = useState('');
  const [scan, setScan] = useState<ScanView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    fetchScan().then(setScan, () => undefined);
  }, []);
  const running = scan?.state === 'running';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void fetchScan().then(setScan, () => undefined), 500);
    return () => clearInterval(timer);
  }, [running]);

  const toggle = (target: string): void => setTargets((ts) => (ts.includes(target) ? ts.filter((x) => x !== target) : [...ts, target]));
  const all = [...targets, ...(custom.trim() === '' ? [] : [custom.trim()])];
  const start = (): void => {
    setError(null);
    startScan({ targets: all }).then(setScan, (err: unknown) => setError(err instanceof HubRequestError ? err.message : String(err)));
  };

  const use = (s: ScanSuggestion, key: string): void => {
    scanPicks.set(s.role, s.settings);
    setPicked((p) => new Set([...p, key]));
    const devices = flow.data.devices;
    // A hit of another type than chosen for the role changes the choice (step 1 again, then back here).
    if (devices !== undefined && devices[s.role] !== s.type) void w.submit({ step: 'devices', input: { ...devices, [s.role]: s.type } });
  };

  const pct = scan === null || scan.total === 0 ? 0 : Math.round((100 * scan.done) / scan.total);
  return (
    <section className="panel wizard-step" data-testid="step-scan">
      <h2 className="panel__title">{t('scan.title')}</h2>
      <p className="explain">{t('scan.explain', { modbus: catalog.scan.modbusPorts.join(', '), stream: catalog.scan.streamPorts.join(', ') })}</p>
      <div className="choice-grid" role="group" aria-label={t('scan.targets')}>
        {catalog.scan.suggestedTargets.map((target) => (
          <button key={target} type="button" className="choice" aria-pressed={targets.includes(target)} data-testid={`scan-target-${target}`} onClick={() => toggle(target)}>
            {target}
          </button>
        ))}
      </div>
      <label className="wizard-field">
        <span className="wizard-field__label">{t('scan.other')}</span>
        <input className="wizard-input" value={custom} inputMode="url" placeholder="192.168.1.0/24" data-testid="scan-custom" onChange={(e) => setCustom(e.target.value)} />
      </label>
      <div className="wizard-actions">
        {running ? (
          <button type="button" className="button button--quiet" data-testid="scan-cancel" onClick={() => void cancelScan().then(setScan)}>
            {t('scan.cancel')}
          </button>
        ) : (
          <button type="button" className="button" disabled={all.length === 0} data-testid="scan-start" onClick={start}>
            {t('scan.start')}
          </button>
        )}
      </div>
      {error !== null && (
        <p className="installer-error" role="alert" data-testid="scan-error">
          {error}
        </p>
      )}
      {scan !== null && scan.state !== 'idle' && (
        <div className="scan-progress" data-testid="scan-progress" data-state={scan.state}>
          <div className="scan-progress__bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={t('scan.progress')}>
            <span style={{ width: `${pct}%` }} />
          </div>
          <span className="muted">{t(`scan.state.${scan.state}`, { done: scan.done, total: scan.total, found: scan.hits.length })}</span>
        </div>
      )}
      {scan !== null && scan.hits.length > 0 && (
        <ul className="scan-hits" data-testid="scan-hits">
          {scan.hits.map((h) => {
            const key = `${h.host}:${h.port}/${h.unitId ?? '-'}`;
            return (
              <li key={key} className="scan-hit" data-testid={`hit-${h.kind}`} data-port={h.port} data-unit={h.unitId ?? ''}>
                <div className="scan-hit__head">
                  <span className={`scan-hit__kind scan-hit__kind--${h.kind}`}>{t(`scan.kind.${h.kind}`)}</span>
                  <span className="scan-hit__addr">
                    {h.host}:{h.port}
                    {h.unitId !== null ? ` · ${t('scan.unit', { unit: h.unitId })}` : ''}
                  </span>
                  {h.inUseBy !== null && <span className="muted">{t('scan.inUse', { id: h.inUseBy })}</span>}
                </div>
                <p className="scan-hit__id">{identityText(h)}</p>
                <div className="scan-hit__use">
                  {h.suggestions.map((s) => {
                    const k = `${key}>${s.role}`;
                    return (
                      <button key={k} type="button" className="button button--quiet" aria-pressed={picked.has(k)} data-testid={`use-${s.role}-${h.port}-${h.unitId ?? 0}`} onClick={() => use(s, k)}>
                        {picked.has(k) ? '✓ ' : ''}
                        {t('scan.useAs', { role: t(`role.${s.role}`) })}
                      </button>
                    );
                  })}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <StepActions busy={w.busy} onNext={() => void w.submit({ step: 'scan', input: {} })} nextLabel={scan === null || scan.state === 'idle' ? t('scan.skip') : t('next')} />
    </section>
  );
}
