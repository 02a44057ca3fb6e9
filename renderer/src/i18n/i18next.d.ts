import type { Translations } from './resources.js';

// Makes t('flow.node.pv') type-checked against the English resource.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Translations };
  }
}
