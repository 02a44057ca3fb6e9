// The installer screens' strings live in locales/<lang>/installer.json (every language).
import type en from '../i18n/locales/en/installer.json';

declare module '../i18n/namespaces.js' {
  interface I18nNamespaces {
    installer: typeof en;
  }
}
