import { lazy, Suspense, useEffect } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useLinkStatus } from '../api/index.js';
import { CarScreen } from './car/CarScreen.js';
import { HomeScreen } from './home/HomeScreen.js';
import { applyLanguage } from './i18n/setup.js';
import { languageFor } from './i18n/languages.js';
import { NavBar } from './nav/NavBar.js';
import { useRoute } from './nav/route.js';
import type { Route } from './nav/route.js';
import { NightDim } from './settings/NightDim.js';
import { usePreferences } from './settings/preferences.js';
import { SettingsScreen } from './settings/SettingsScreen.js';
import { applyTheme } from './settings/theme.js';
import { SignalsScreen } from './signals/SignalsScreen.js';
import { Banners } from './status/Banners.js';
import { Header } from './status/Header.js';
import { ToastHost } from './toast/ToastHost.js';
import { ScreenBoundary } from './ui/ScreenBoundary.js';

// The two chart screens carry chart.js: loaded when first opened, so the home screen's first live value comes sooner.
const PlanScreen = lazy(() => import('./plan/PlanScreen.js').then((m) => ({ default: m.PlanScreen })));
const HistoryScreen = lazy(() => import('./history/HistoryScreen.js').then((m) => ({ default: m.HistoryScreen })));

function ScreenFor(props: { readonly route: Route }): ReactElement {
  switch (props.route.screen) {
    case 'home':
      return <HomeScreen />;
    case 'car':
      return <CarScreen />;
    case 'plan':
      return <PlanScreen />;
    case 'history':
      return <HistoryScreen />;
    case 'signals':
      return <SignalsScreen />;
    case 'settings':
      return <SettingsScreen sub={props.route.sub} />;
  }
}

function Loading(): ReactElement {
  const { t } = useTranslation();
  return (
    <p className="screen-loading" role="status">
      {t('app.loading')}
    </p>
  );
}

/** Theme and language follow the preferences of this screen. */
function usePreferenceEffects(): void {
  const { theme, language } = usePreferences();
  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => {
    void applyLanguage(language ?? languageFor(navigator.languages));
  }, [language]);
}

/** The app shell: tab bar, header, safety banners and the current screen. */
export function App(): ReactElement {
  const { t } = useTranslation();
  const link = useLinkStatus();
  const route = useRoute();
  usePreferenceEffects();
  useEffect(() => {
    // A new screen starts at its top, and screen readers land in it.
    const main = document.getElementById('main');
    main?.scrollTo({ top: 0 });
  }, [route.screen, route.sub]);
  return (
    <ToastHost>
      <div className={`app${link === 'live' ? '' : ' app--stale'}`} data-link={link} data-screen={route.screen}>
        <NavBar current={route.screen} />
        <div className="frame">
          <Header />
          <Banners />
          <main id="main" className={`screen screen--${route.screen}`} aria-busy={link === 'connecting'}>
            <ScreenBoundary
              resetKey={`${route.screen}/${route.sub ?? ''}`}
              fallback={(retry) => (
                <div className="screen-error" role="alert">
                  <p>{t('app.screenFailed')}</p>
                  <button type="button" className="button" onClick={retry}>
                    {t('app.retry')}
                  </button>
                </div>
              )}
            >
              <Suspense fallback={<Loading />}>
                <ScreenFor route={route} />
              </Suspense>
            </ScreenBoundary>
          </main>
        </div>
        <NightDim />
      </div>
    </ToastHost>
  );
}
