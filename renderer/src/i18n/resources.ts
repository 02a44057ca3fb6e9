import en from './locales/en.json' with { type: 'json' };

/** Every language's strings have the shape of the English ones. */
export type Translations = typeof en;

export const defaultLanguage = 'en';

export const resources = {
  en: { translation: en },
} as const satisfies Record<string, { translation: Translations }>;

export { en };
