// ESLint flat config: typescript-eslint's type-aware rules catch floating promises
// (an un-awaited adapter.process is a classic Bot Framework bug) and stray `any`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'teams/build/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Layers point one way, bot → dialogs → knowledge: dialogs never import the bot layer, and the
    // knowledge core imports neither layer nor the Bot Framework SDK (a port to the Agents SDK stays mechanical).
    files: ['dialogs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/bot/**', '../bot'], message: 'dialogs/ must not import from bot/ (layers: bot → dialogs → knowledge).' }] }] },
  },
  {
    files: ['knowledge/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/bot/**', '**/dialogs/**'], message: 'knowledge/ is the core: it must not import from bot/ or dialogs/.' },
          { group: ['botbuilder', 'botbuilder-*', 'botframework-*'], message: 'knowledge/ is plain TypeScript with no Bot Framework imports.' },
        ],
      }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Jest's config and reporter are CommonJS files run by Node.
    files: ['jest.config.js', 'tests/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: Object.fromEntries(['module', 'require', 'process', '__dirname'].map((name) => [name, 'readonly'])),
    },
  },
  {
    // scripts/ are plain CommonJS run by Node before anything is compiled (npm start's prestart).
    files: ['scripts/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: Object.fromEntries(['module', 'require', 'process', '__dirname', 'console'].map((name) => [name, 'readonly'])),
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The website widget is served to browsers as-is (no bundler): a classic script with browser globals.
    files: ['bot/web/public/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: Object.fromEntries(
        ['window', 'document', 'navigator', 'console', 'fetch', 'URL', 'requestAnimationFrame', 'setTimeout', 'clearTimeout'].map((name) => [name, 'readonly']),
      ),
    },
  },
);
