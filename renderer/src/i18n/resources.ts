/**
 * Translation files: `locales/<language>/<namespace>.json`. English is built
 * into the main bundle (it is the fallback and the type of every key); the
 * other languages are separate chunks loaded when chosen. New namespace files
 * are found by the globs below without changing this file.
 */
import en from './locales/en/translation.json' with { type: 'json' };
import { defaultLanguage } from './languages.js';

/** Every language's strings have the shape of the English ones. */
export type Translations = typeof en;

export type Bundles = Record<string, Record<string, unknown>>;

const pathPattern = /\/locales\/([a-z]{2,3})\/([A-Za-z0-9_-]+)\.json$/;

function bundlesOf(files: Record<string, unknown>): Map<string, Bundles> {
  const out = new Map<string, Bundles>();
  for (const [path, mod] of Object.entries(files)) {
    const match = pathPattern.exec(path);
    if (match === null) continue;
    const [, language = '', ns = ''] = match;
    const bundles = out.get(language) ?? {};
    bundles[ns] = typeof mod === 'object' && mod !== null && 'default' in mod ? (mod.default as Record<string, unknown>) : (mod as Record<string, unknown>);
    out.set(language, bundles);
  }
  return out;
}

/** English, every namespace, in the main bundle. */
export const builtIn: Bundles = bundlesOf(import.meta.glob('./locales/en/*.json', { eager: true })).get(defaultLanguage) ?? { translation: en };

const lazyFiles = import.meta.glob(['./locales/*/*.json', '!./locales/en/*.json']);

/** Loads every namespace of a language (empty for unknown languages). */
export async function loadBundles(language: string): Promise<Bundles> {
  const entries = Object.entries(lazyFiles).filter(([path]) => pathPattern.exec(path)?.[1] === language);
  const loaded = await Promise.all(entries.map(async ([path, load]) => [path, await load()] as const));
  return bundlesOf(Object.fromEntries(loaded)).get(language) ?? {};
}

export { en };
