import type { I18nNamespaces } from './namespaces.js';

// Makes t('flow.node.pv') type-checked against the English resources.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: I18nNamespaces;
  }
}
