import type { Translations } from './resources.js';

/**
 * The translation namespaces and their English shape, for type-checked keys.
 * A feature with its own strings (installer, pairing...) adds
 * `locales/<lang>/<namespace>.json` for every language (they are picked up
 * automatically) and declares its namespace from its own folder:
 *
 *   import type en from '../i18n/locales/en/installer.json';
 *   declare module '../i18n/namespaces.js' {
 *     interface I18nNamespaces { installer: typeof en }
 *   }
 *
 * then uses `useTranslation('installer')`.
 */
export interface I18nNamespaces {
  translation: Translations;
}
