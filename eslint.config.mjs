// Lint for src/, test/ and bench/: typescript-eslint's recommended rules, plus the promise rules that
// need type information (a promise nobody awaits loses its error; a promise where a callback
// expects nothing runs unawaited).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'media/codicons/**', 'roadmap/starters/**', 'test/fixtures/**', 'bench/baseline-*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Bundles are loaded by a computed path on purpose (src/bundles.ts).
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  { rules: { 'no-empty': ['error', { allowEmptyCatch: true }] } },
  {
    files: ['**/*.mjs', 'media/**/*.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', fetch: 'readonly', AbortController: 'readonly', performance: 'readonly', structuredClone: 'readonly', URLSearchParams: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly' } },
  },
  {
    // Functions Playwright runs inside the page.
    files: ['bench/view.mjs'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', MutationObserver: 'readonly', requestAnimationFrame: 'readonly' } },
  },
  {
    files: ['media/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { window: 'readonly', document: 'readonly', acquireVsCodeApi: 'readonly', MutationObserver: 'readonly', requestAnimationFrame: 'readonly', HTMLElement: 'readonly', Element: 'readonly', Node: 'readonly', Event: 'readonly', KeyboardEvent: 'readonly', MouseEvent: 'readonly', getComputedStyle: 'readonly', navigator: 'readonly' } },
  },
);
