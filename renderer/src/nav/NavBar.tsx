import { memo } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenIcon } from './icons.js';
import { hrefOf, screens } from './route.js';
import type { Screen } from './route.js';

const labelKeys = {
  home: 'nav.home',
  car: 'nav.car',
  plan: 'nav.plan',
  history: 'nav.history',
  signals: 'nav.signals',
  settings: 'nav.settings',
} as const satisfies Record<Screen, string>;

/**
 * The tab bar: a rail on the left of landscape screens (wall tablet, 7-inch
 * panel), a bar at the bottom of portrait phones. Plain links, so the
 * browser's back button and a long press behave as expected.
 */
function NavBarImpl(props: { readonly current: Screen }): ReactElement {
  const { t } = useTranslation();
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <ul className="nav__list">
        {screens.map((screen) => (
          <li key={screen}>
            <a className="nav__item" href={hrefOf(screen)} aria-current={props.current === screen ? 'page' : undefined} data-testid={`nav-${screen}`}>
              <ScreenIcon screen={screen} />
              <span className="nav__label">{t(labelKeys[screen])}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export const NavBar = memo(NavBarImpl);
