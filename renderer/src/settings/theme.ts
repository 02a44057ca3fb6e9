import type { ThemeChoice } from './preferences.js';

const darkQuery = '(prefers-color-scheme: dark)';

/** The theme to show: "auto" follows the system (and a wall screen without a preference stays dark). */
export function resolveTheme(choice: ThemeChoice): 'dark' | 'light' {
  if (choice !== 'auto') return choice;
  return window.matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

/** Applies the theme to the document (CSS variables switch on data-theme) and follows system changes for "auto". */
export function applyTheme(choice: ThemeChoice): () => void {
  const apply = (): void => {
    const theme = resolveTheme(choice);
    document.documentElement.dataset.theme = theme;
    document.querySelector('meta[name="color-scheme"]')?.setAttribute('content', theme);
    document.querySelector('meta[name="theme-color"]')?.setAttribute('content', theme === 'dark' ? '#0b1118' : '#f4f6f9');
  };
  apply();
  if (choice !== 'auto') return () => undefined;
  const media = window.matchMedia(darkQuery);
  media.addEventListener('change', apply);
  return () => media.removeEventListener('change', apply);
}
