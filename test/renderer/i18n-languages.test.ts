/**
 * No string left untranslated: every namespace file that English has exists
 * in every language, with exactly the same keys, non-empty strings and the
 * same {{placeholders}}. Covers every namespace (installer, pairing...), not
 * only the default one.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { languages } from '../../renderer/src/i18n/languages.js';

const localesDir = fileURLToPath(new URL('../../renderer/src/i18n/locales', import.meta.url));

type Tree = { readonly [key: string]: Tree | string };

function load(language: string, file: string): Tree {
  return JSON.parse(readFileSync(path.join(localesDir, language, file), 'utf8')) as Tree;
}

function leaves(node: Tree | string, prefix = ''): Map<string, string> {
  if (typeof node === 'string') return new Map([[prefix, node]]);
  return new Map(Object.entries(node).flatMap(([k, v]) => [...leaves(v, prefix === '' ? k : `${prefix}.${k}`)]));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

const namespaceFiles = readdirSync(path.join(localesDir, 'en')).filter((f) => f.endsWith('.json'));

describe('translations', () => {
  it('has the seven languages and no stray folders', () => {
    expect([...languages].sort()).toEqual(['de', 'en', 'fr', 'hu', 'nb', 'nl', 'sv']);
    const folders = readdirSync(localesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(folders.filter((f) => !(languages as readonly string[]).includes(f))).toEqual([]);
    expect(namespaceFiles).toContain('translation.json');
  });

  for (const file of namespaceFiles) {
    const english = leaves(load('en', file));
    for (const language of languages.filter((l) => l !== 'en')) {
      describe(`${language}/${file}`, () => {
        it('exists', () => {
          expect(existsSync(path.join(localesDir, language, file)), `${language}/${file} is missing`).toBe(true);
        });

        it('has every English key and no others', () => {
          if (!existsSync(path.join(localesDir, language, file))) return;
          const other = leaves(load(language, file));
          expect([...english.keys()].filter((k) => !other.has(k)), 'missing keys').toEqual([]);
          expect([...other.keys()].filter((k) => !english.has(k)), 'keys English does not have').toEqual([]);
        });

        it('has non-empty strings with the same placeholders', () => {
          if (!existsSync(path.join(localesDir, language, file))) return;
          const other = leaves(load(language, file));
          const problems: string[] = [];
          for (const [key, text] of english) {
            const translated = other.get(key);
            if (translated === undefined) continue;
            if (typeof translated !== 'string' || translated.trim() === '') problems.push(`${key}: empty`);
            else if (placeholders(translated).join() !== placeholders(text).join()) problems.push(`${key}: placeholders ${placeholders(translated).join()} vs ${placeholders(text).join()}`);
          }
          expect(problems).toEqual([]);
        });
      });
    }
  }
});
