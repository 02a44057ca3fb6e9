import type { ReactElement } from 'react';
import type { Screen } from './route.js';

/** Line icons on a 24x24 grid for the tab bar, drawn with the current colour. */
const paths: Readonly<Record<Screen, ReactElement>> = {
  home: <path d="M3 11.5 12 4l9 7.5M5.5 9.8V20h13V9.8M10 20v-5.5h4V20" />,
  car: (
    <>
      <path d="M3 16v-4l2.4-5h13.2L21 12v4zM3 12h18" />
      <circle cx="7.5" cy="16.5" r="1.8" />
      <circle cx="16.5" cy="16.5" r="1.8" />
    </>
  ),
  plan: (
    <>
      <rect x="3.5" y="5" width="17" height="15" rx="2" />
      <path d="M3.5 9.5h17M8 3v4M16 3v4M7.5 13.5h3M13.5 13.5h3M7.5 16.5h3" />
    </>
  ),
  history: <path d="M4 20V10M9.3 20V5M14.6 20v-8M20 20V7.5M2.5 20.5h19" />,
  signals: (
    <>
      <path d="M12 13.5V21M8.5 21h7" />
      <circle cx="12" cy="11.5" r="1.8" />
      <path d="M8.2 7.8a5.3 5.3 0 0 0 0 7.4M15.8 7.8a5.3 5.3 0 0 1 0 7.4M5.3 4.9a9.4 9.4 0 0 0 0 13.2M18.7 4.9a9.4 9.4 0 0 1 0 13.2" />
    </>
  ),
  settings: (
    <>
      <circle cx="12" cy="12" r="3" />
      <path d="M12 2.8v2.6M12 18.6v2.6M2.8 12h2.6M18.6 12h2.6M5.5 5.5l1.9 1.9M16.6 16.6l1.9 1.9M5.5 18.5l1.9-1.9M16.6 7.4l1.9-1.9" />
    </>
  ),
};

export function ScreenIcon(props: { readonly screen: Screen }): ReactElement {
  return (
    <svg className="nav-icon" viewBox="0 0 24 24" width="26" height="26" fill="none" stroke="currentColor" strokeWidth={1.7} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {paths[props.screen]}
    </svg>
  );
}
