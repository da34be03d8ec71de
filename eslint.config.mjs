import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import prettier from 'eslint-config-prettier'

export default tseslint.config(
  { ignores: ['dist/', 'public/', 'node_modules/', 'coverage/', '.data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
      },
    },
    rules: {
      'no-console': 'error',
      'no-param-reassign': [
        'error',
        { props: true, ignorePropertyModificationsFor: ['req', 'res', 'acc', 'session', 'errors'] },
      ],
      'no-nested-ternary': 'error',
      'no-restricted-syntax': ['error', 'ForInStatement'],
      'max-classes-per-file': ['error', 1],
      'no-process-env': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // config.ts is the one place that reads the environment; the CLI, tests and benchmarks may print.
  { files: ['src/config.ts', 'test/**', 'bench/**', 'jest.config.js'], rules: { 'no-process-env': 'off' } },
  { files: ['src/cli/**', 'test/**', 'bench/**', 'src/server.ts'], rules: { 'no-console': 'off' } },
  {
    // Libraries loaded on first use instead of at start (src/services/loadedOnFirstUse.ts says why).
    files: ['migrations/**', 'seeders/**', '*.js', '*.cjs', 'src/services/loadedOnFirstUse.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
