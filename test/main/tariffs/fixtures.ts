/** Reads this project's sample documents in test/fixtures. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

export function fixture(path: string): string {
  return readFileSync(join(root, path), 'utf8');
}
