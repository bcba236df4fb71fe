import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

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
  {
    // Import boundary: what ships (the bot, the tab) never imports development, test or bench code.
    // Those need dev dependencies that a production install (`npm prune --omit=dev`) does not have, so
    // such an import passes every test and fails only in production. Development code composes the
    // production code instead (bot/dev/dev-main.ts). test/ship/import-boundaries.test.ts proves the rule.
    files: ['bot/**/*.ts', 'tab/**/*.ts', 'tab/**/*.tsx'],
    ignores: ['bot/dev/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(dev|test|bench)(/|$)',
              message:
                'Production code (bot/, tab/) must not import dev, test or bench code: it needs dev dependencies. Pass it in from bot/dev/ instead.',
            },
          ],
        },
      ],
    },
  },
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
