// Lint: typescript-eslint's recommended rules, syntax-only (no type information), so that it is fast enough to run
// on every `npm test`. Prettier owns the layout (.prettierrc.json); ESLint owns correctness.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/generated/**',
      'examples/client/gql/**',
      'data/**',
      '.buildings/**',
      '**/node_modules/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      // `_`-prefixed names are deliberately unused (destructuring a field away, a required positional parameter).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // CommonJS files (jest's config and global set-up, the script tests) load with require().
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests read loosely typed GraphQL answers and reach into modules at run time; test tooling (tools/: fakes of
    // outside systems, test PKI) builds loosely typed ASN.1 and SOAP structures.
    files: ['**/*.test.ts', '**/*.test.js', 'e2e/**', 'tools/**', '**/test-helpers.ts', 'subgraphs/kit/src/testing.ts'],
    languageOptions: { globals: { ...globals.jest } },
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The explorer's start-up script runs in the browser with GraphiQL's UMD bundles loaded before it.
    files: ['gateway/explorer/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { ...globals.browser, GraphiQL: 'readonly', React: 'readonly', ReactDOM: 'readonly' },
    },
  },
);
