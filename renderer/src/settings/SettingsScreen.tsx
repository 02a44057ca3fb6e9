import { Suspense } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useHubInfo } from '../../api/index.js';
import { languages, nativeNames } from '../i18n/languages.js';
import { hrefOf } from '../nav/route.js';
import { useSiteTimeZone } from '../site/timeZone.js';
import { EmptyState } from '../ui/EmptyState.js';
import { Switch } from '../ui/Switch.js';
import { InstallerScreen, PairingPanel } from './extensions.js';
import type { Extension } from './extensions.js';
import { setPreferences, themeChoices, usePreferences } from './preferences.js';
import type { ThemeChoice } from './preferences.js';
import './settings.css';

const themeKeys = { dark: 'settings.theme.dark', light: 'settings.theme.light', auto: 'settings.theme.auto' } as const satisfies Record<ThemeChoice, string>;

/** A screen from another feature, or a marked placeholder while it is not built in. */
function ExtensionSlot(props: { readonly component: Extension; readonly placeholder: string; readonly testId: string }): ReactElement {
  const { t } = useTranslation();
  const Component = props.component;
  if (Component === null) {
    return (
      <EmptyState title={t('settings.notAvailable')} testId={props.testId}>
        {props.placeholder}
      </EmptyState>
    );
  }
  return (
    <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
      <Component />
    </Suspense>
  );
}

function InstallerPage(): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="settings-sub">
      <a className="button button--quiet settings-sub__back" href={hrefOf('settings')} data-testid="settings-back">
        ‹ {t('settings.back')}
      </a>
      <ExtensionSlot component={InstallerScreen} placeholder={t('settings.installer.placeholder')} testId="installer-placeholder" />
    </div>
  );
}

/** Language, theme, night dimming, LAN access and pairing, installer mode, about. */
export function SettingsScreen(props: { readonly sub: string | null }): ReactElement {
  const { t } = useTranslation();
  const prefs = usePreferences();
  const info = useHubInfo();
  const timeZone = useSiteTimeZone();
  if (props.sub === 'installer') return <InstallerPage />;

  return (
    <div className="settings-screen">
      <section className="panel settings-screen__language" aria-labelledby="language-title">
        <h2 id="language-title" className="panel__title">
          {t('settings.language.title')}
        </h2>
        <div className="choice-grid" role="group" aria-labelledby="language-title">
          {languages.map((lang) => (
            <button
              key={lang}
              type="button"
              lang={lang}
              className="choice"
              aria-pressed={prefs.language === lang}
              data-testid={`language-${lang}`}
              onClick={() => setPreferences({ language: lang })}
            >
              {nativeNames[lang]}
            </button>
          ))}
          <button type="button" className="choice" aria-pressed={prefs.language === null} data-testid="language-auto" onClick={() => setPreferences({ language: null })}>
            {t('settings.language.auto')}
          </button>
        </div>
      </section>

      <section className="panel settings-screen__display" aria-labelledby="display-title">
        <h2 id="display-title" className="panel__title">
          {t('settings.display')}
        </h2>
        <div className="segmented" role="group" aria-label={t('settings.theme.label')}>
          {themeChoices.map((choice) => (
            <button key={choice} type="button" className="segmented__button" aria-pressed={prefs.theme === choice} data-testid={`theme-${choice}`} onClick={() => setPreferences({ theme: choice })}>
              {t(themeKeys[choice])}
            </button>
          ))}
        </div>
        <Switch checked={prefs.nightDim} label={t('settings.dim.label')} testId="night-dim-switch" describedBy="dim-explain" onChange={(on) => setPreferences({ nightDim: on })} />
        <p id="dim-explain" className="explain">
          {t('settings.dim.explain')}
        </p>
      </section>

      <section className="panel settings-screen__lan" aria-labelledby="lan-title">
        <h2 id="lan-title" className="panel__title">
          {t('settings.lan.title')}
        </h2>
        <ExtensionSlot component={PairingPanel} placeholder={t('settings.lan.placeholder')} testId="pairing-placeholder" />
      </section>

      <section className="panel settings-screen__installer" aria-labelledby="installer-title">
        <h2 id="installer-title" className="panel__title">
          {t('settings.installer.title')}
        </h2>
        <p className="explain">{t('settings.installer.explain')}</p>
        <a className="button" href={hrefOf('settings', 'installer')} data-testid="open-installer">
          {t('settings.installer.open')}
        </a>
      </section>

      <section className="panel settings-screen__about" aria-labelledby="about-title">
        <h2 id="about-title" className="panel__title">
          {t('settings.about.title')}
        </h2>
        <dl className="detail-list" data-testid="about">
          <div className="detail-list__row">
            <dt>{t('settings.about.version')}</dt>
            <dd data-testid="about-version">{info === null ? t('units.unknown') : `${info.name} ${info.version}`}</dd>
          </div>
          <div className="detail-list__row">
            <dt>{t('settings.about.mode')}</dt>
            <dd>{info === null ? t('units.unknown') : info.simulated ? t('settings.about.simulated', { speed: info.speed }) : t('settings.about.real')}</dd>
          </div>
          <div className="detail-list__row">
            <dt>{t('settings.about.timeZone')}</dt>
            <dd>{timeZone ?? t('units.unknown')}</dd>
          </div>
          <div className="detail-list__row">
            <dt>{t('settings.about.licence')}</dt>
            <dd>Apache-2.0</dd>
          </div>
        </dl>
      </section>
    </div>
  );
}
