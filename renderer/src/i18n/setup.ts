import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultLanguage, isLanguage } from './languages.js';
import type { Language } from './languages.js';
import { builtIn, loadBundles } from './resources.js';

/** Initialises i18next synchronously with English (bundled); other languages load with applyLanguage(). */
export function setupI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { [defaultLanguage]: builtIn },
    lng: defaultLanguage,
    fallbackLng: defaultLanguage,
    ns: Object.keys(builtIn),
    defaultNS: 'translation',
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return i18next;
}

/** Switches the UI language, loading its strings first; the page's lang attribute follows. */
export async function applyLanguage(language: Language): Promise<void> {
  if (!isLanguage(language)) return;
  if (language !== defaultLanguage && !i18next.hasResourceBundle(language, 'translation')) {
    const bundles = await loadBundles(language);
    for (const [ns, strings] of Object.entries(bundles)) i18next.addResourceBundle(language, ns, strings, true, true);
  }
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
