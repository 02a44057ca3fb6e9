/**
 * Every translation key the UI uses exists in the English resource (so no
 * screen shows a raw key), and keys are written out literally so this test
 * (and the translators) can find them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = fileURLToPath(new URL('../../renderer/src', import.meta.url));
const en = JSON.parse(readFileSync(path.join(srcDir, 'i18n/locales/en/translation.json'), 'utf8')) as Record<string, unknown>;

// Features with their own namespace (installer, pairing) check their own keys.
const otherNamespaceDirs = new Set(['installer', 'pairing']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return otherNamespaceDirs.has(entry.name) ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function lookup(key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined), en);
}

function leafKeys(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([k, v]) => leafKeys(v, prefix === '' ? k : `${prefix}.${k}`));
}

// Import lines are not translation keys ('chart.js', './App.js').
const files = sourceFiles(srcDir).map((file) => ({ file: path.relative(srcDir, file), text: readFileSync(file, 'utf8').replace(/^import .*$/gm, '') }));
const topLevel = new Set(Object.keys(en));

/** String literals shaped like "section.key[.sub]" whose section is a resource section. */
function usedKeys(): Map<string, string> {
  const keys = new Map<string, string>();
  for (const { file, text } of files) {
    for (const match of text.matchAll(/['"]([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+)['"]/g)) {
      const key = match[1] ?? '';
      if (topLevel.has(key.split('.')[0] ?? '')) keys.set(key, file);
    }
  }
  return keys;
}

describe('i18n keys', () => {
  it('finds the keys in the sources', () => {
    expect(usedKeys().size).toBeGreaterThan(30);
  });

  it('every key used in renderer/src exists in en/translation.json as a string', () => {
    const missing = [...usedKeys()].filter(([key]) => typeof lookup(key) !== 'string').map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('t() is only called with literal keys', () => {
    const dynamic = files.flatMap(({ file, text }) => [...text.matchAll(/\bt\(\s*`/g)].map(() => file));
    expect(dynamic).toEqual([]);
  });

  it('every string in en/translation.json is used somewhere', () => {
    const used = usedKeys();
    expect(leafKeys(en).filter((key) => !used.has(key))).toEqual([]);
  });
});
