import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultLanguage, resources } from './resources.js';

/** Initialises i18next synchronously (resources are bundled, nothing to load). */
export function setupI18n(language: string = defaultLanguage): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: defaultLanguage,
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return i18next;
}
