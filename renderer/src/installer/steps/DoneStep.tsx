import { useEffect, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { reportLanguages } from '../../../../main/common/installer.js';
import type { ReportLanguage } from '../../../../main/common/installer.js';
import { fetchReport } from '../../../api/installer.js';
import type { StepProps } from './types.js';

function reportLanguage(lang: string): ReportLanguage {
  return (reportLanguages as readonly string[]).includes(lang) ? (lang as ReportLanguage) : 'en';
}

/** Saved: the commissioning report (printable page and PDF), and the way back in to reconfigure. */
export function DoneStep({ w, flow }: StepProps): ReactElement {
  const { t, i18n } = useTranslation('installer');
  const saved = flow.saved;
  const frame = useRef<HTMLIFrameElement>(null);
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lang = reportLanguage(i18n.language);

  useEffect(() => {
    if (saved === null) return;
    let cancelled = false;
    fetchReport(saved.revision, 'html', lang)
      .then((b) => b.text())
      .then(
        (text) => !cancelled && setHtml(text),
        (err: unknown) => !cancelled && setError(String(err instanceof Error ? err.message : err)),
      );
    return () => {
      cancelled = true;
    };
  }, [saved, lang]);

  if (saved === null) return <p className="muted">{t('loading')}</p>;

  const download = (): void => {
    setError(null);
    fetchReport(saved.revision, 'pdf', lang).then(
      (blob) => {
        const url = URL.createObjectURL(blob);
        const a = document.createElement('a');
        a.href = url;
        a.download = `scale-hub-commissioning-${saved.revision}.pdf`;
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      },
      (err: unknown) => setError(String(err instanceof Error ? err.message : err)),
    );
  };

  return (
    <section className="panel wizard-step" data-testid="step-done">
      <h2 className="panel__title">{t('done.title')}</h2>
      <p data-testid="done-saved">{t('done.saved', { revision: saved.revision, file: saved.configFile })}</p>
      {saved.restartRequired && <p className="note">{t('done.restart')}</p>}
      {saved.simulatedDevices.length > 0 && <p className="muted">{t('done.simulated', { ids: saved.simulatedDevices.join(', ') })}</p>}
      <div className="wizard-actions">
        <button type="button" className="button" data-testid="report-pdf" onClick={download}>
          {t('done.pdf')}
        </button>
        <button type="button" className="button button--quiet" disabled={html === null} data-testid="report-print" onClick={() => frame.current?.contentWindow?.print()}>
          {t('done.print')}
        </button>
        <button type="button" className="button button--quiet" disabled={w.busy} data-testid="wizard-reconfigure" onClick={() => w.start(true)}>
          {t('done.reconfigure')}
        </button>
      </div>
      {error !== null && (
        <p className="installer-error" role="alert">
          {error}
        </p>
      )}
      {html !== null && <iframe ref={frame} className="report-preview" title={t('done.preview')} sandbox="allow-modals allow-same-origin" srcDoc={html} data-testid="report-preview" />}
    </section>
  );
}
