// The pairing panel's strings live in locales/<lang>/pairing.json (every language).
import type en from '../i18n/locales/en/pairing.json';

declare module '../i18n/namespaces.js' {
  interface I18nNamespaces {
    pairing: typeof en;
  }
}
