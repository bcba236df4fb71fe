import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { readdirSync } from 'node:fs';
import { URL } from 'node:url';

/**
 * Import boundaries (ARCHITECTURE.md). ESLint's own no-restricted-imports, one block per zone; a block
 * replaces the rule's options of an earlier one, so every block repeats the rule that holds everywhere.
 * test/ship/import-boundaries.test.ts proves each rule fires and the tree is clean.
 *
 * - What ships (bot/ except bot/dev/, tab/) never imports dev, test or bench code: those need dev
 *   dependencies a production install (`npm prune --omit=dev`) lacks, so such an import passes every
 *   test and fails only in production. bot/dev/dev-main.ts composes the production code instead.
 * - A capability (every folder of bot/ that is not the kernel, platform, config or dev; found on disk,
 *   so a new one is covered at once) imports another only through that one's index.ts.
 * - bot/platform/ (generic infrastructure) imports no capability; bot/shared/ (the kernel) imports
 *   nothing outside itself.
 */
function importBoundaries() {
  const infrastructure = ['shared', 'platform', 'config', 'dev'];
  const capabilities = readdirSync(new URL('./bot', import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !infrastructure.includes(entry.name))
    .map((entry) => entry.name);
  const anyCapability = capabilities.join('|');
  const shipsNoDevCode = {
    regex: '(^|/)(dev|test|bench)(/|$)',
    message:
      'Production code (bot/, tab/) must not import dev, test or bench code: it needs dev dependencies. Pass it in from bot/dev/ instead.',
  };
  const rule = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns: [shipsNoDevCode, ...patterns] }] });
  return [
    { files: ['bot/**/*.ts', 'tab/**/*.ts', 'tab/**/*.tsx'], ignores: ['bot/dev/**'], rules: rule() },
    ...capabilities.map((name) => ({
      files: [`bot/${name}/**/*.ts`],
      rules: rule({
        regex: `^(\\.\\./)+(?!${name}/)(${anyCapability})/`,
        message: `A capability imports another only through its index.ts (e.g. '../reports', not '../reports/report-model').`,
      }),
    })),
    {
      files: ['bot/platform/**/*.ts'],
      rules: rule({
        regex: `^(\\.\\./)+(${anyCapability})(/|$)`,
        message:
          'bot/platform/ is generic infrastructure and imports no capability: take what it needs as a parameter.',
      }),
    },
    {
      files: ['bot/shared/**/*.ts'],
      rules: rule({
        regex: '^\\.\\./',
        message: 'bot/shared/ is the kernel and imports nothing outside itself.',
      }),
    },
  ];
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.data/**',
      'devTools/**',
      'manifest/build/**',
      'test/artifacts/**',
      'tab/dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  ...importBoundaries(),
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        module: 'writable',
        require: 'readonly',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
