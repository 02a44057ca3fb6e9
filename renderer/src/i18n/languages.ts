/** The UI's languages (the SCALE demo countries' plus English), their own names and formatting locales. */
export const languages = ['en', 'nl', 'de', 'fr', 'nb', 'sv', 'hu'] as const;
export type Language = (typeof languages)[number];

export const defaultLanguage: Language = 'en';

/** Each language's name in itself: the language picker must be readable whatever is selected. */
export const nativeNames: Readonly<Record<Language, string>> = {
  en: 'English',
  nl: 'Nederlands',
  de: 'Deutsch',
  fr: 'Français',
  nb: 'Norsk bokmål',
  sv: 'Svenska',
  hu: 'Magyar',
};

/**
 * Locale for numbers, dates and currency. English uses British conventions
 * (24-hour clock, day before month), as the hub's European users expect.
 */
export const formatLocales: Readonly<Record<Language, string>> = {
  en: 'en-GB',
  nl: 'nl-NL',
  de: 'de-DE',
  fr: 'fr-FR',
  nb: 'nb-NO',
  sv: 'sv-SE',
  hu: 'hu-HU',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The best UI language for the browser's preferences ("nb-NO" -> nb, "no" -> nb), English otherwise. */
export function languageFor(preferences: readonly string[]): Language {
  for (const tag of preferences) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    const mapped = base === 'no' || base === 'nn' ? 'nb' : base;
    if (isLanguage(mapped)) return mapped;
  }
  return defaultLanguage;
}

export function formatLocale(language: string): string {
  return isLanguage(language) ? formatLocales[language] : formatLocales[defaultLanguage];
}
