// Lint, including the zone rules of DESIGN.md. Do not relax the zone rules:
// they are what keeps the renderer, the control loop and the kiosk shell apart.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'net', 'http', 'https', 'child_process', 'os', 'crypto', 'events', 'stream', 'worker_threads'];

/** Zone rules: which source folders may import what. */
const zones = [
  {
    files: ['main/common/**'],
    patterns: [
      { group: nodeBuiltins, message: 'main/common is shared with the renderer: no Node built-ins.' },
      { group: ['electron', 'react', 'react-dom'], message: 'main/common is pure: no electron, no UI.' },
      { group: ['**/drivers/**', '../*/**', '!../common/**'], message: 'main/common imports nothing from the rest of the tree.' },
    ],
  },
  {
    files: ['renderer/**'],
    patterns: [
      { group: ['**/main/**', '!**/main/common/', '!**/main/common/**'], message: 'The renderer talks to the hub only through renderer/api and main/common types.' },
      { group: ['**/drivers/**'], message: 'The renderer never imports drivers.' },
      { group: nodeBuiltins, message: 'The renderer runs in a browser: no Node built-ins.' },
      { group: ['electron'], message: 'Only main/electron imports electron.' },
    ],
  },
  {
    files: ['main/control/**', 'main/optimiser/**'],
    patterns: [
      { group: ['**/drivers/**', '!**/drivers/api.js'], message: 'Control and optimiser know drivers only through drivers/api.ts.' },
      { group: ['electron'], message: 'Only main/electron imports electron.' },
    ],
  },
  {
    files: ['main/hub/**', 'main/api/**', 'main/store/**', 'main/tariffs/**', 'main/signals/**', 'drivers/**', 'scripts/**', 'bench/**', 'test/**'],
    patterns: [{ group: ['electron'], message: 'Only main/electron imports electron.' }],
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true, named: true, defaultFrom: true, namedFrom: true, namespaceFrom: true } }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // Config files of tools that require a default export.
  { files: ['*.config.ts', '*.config.js', 'renderer/vite.config.ts', 'test/e2e/**/*.config.ts'], rules: { 'no-restricted-exports': 'off' } },
  ...zones.map((z) => ({ files: z.files, rules: { 'no-restricted-imports': ['error', { patterns: z.patterns }] } })),
  // The only file allowed to load electron; it does so via createRequire (see its comment).
  {
    files: ['main/**', 'drivers/**', 'renderer/**', 'scripts/**', 'test/**', 'bench/**'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.name='require'][arguments.0.value='electron']", message: 'Only main/electron loads electron.' }],
    },
  },
);
