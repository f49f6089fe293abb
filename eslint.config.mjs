// Lint rules. The one that matters most: the pure libraries (R-rules live there)
// never reach Nest, TypeORM, class-validator, the environment or the clock.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';

const pureRestrictions = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: ['@nestjs/*'], message: 'libs/scoring, libs/matching and libs/outcome are pure: no Nest.' },
        { group: ['typeorm', 'typeorm/*', 'pg'], message: 'libs/scoring, libs/matching and libs/outcome are pure: no database.' },
        { group: ['class-validator', 'class-transformer'], message: 'libs/scoring, libs/matching and libs/outcome are pure.' },
        { group: ['fs', 'node:fs', 'fs/*', 'node:fs/*'], message: 'libs/scoring, libs/matching and libs/outcome take data as arguments.' },
      ],
    },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: 'Time comes in as an argument.' },
    { object: 'process', property: 'env', message: 'Configuration comes in as an argument.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time comes in as an argument.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', '**/*.js', '**/*.mjs', 'apps/web/dist/**', 'apps/web/src/gql/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    files: ['libs/scoring/src/**/*.ts', 'libs/matching/src/**/*.ts', 'libs/outcome/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: pureRestrictions,
  },
  // The web app: React's rules of hooks and the accessibility rules (WCAG) on every screen.
  {
    files: ['apps/web/src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: { ...reactHooks.configs.recommended.rules, ...jsxA11y.flatConfigs.recommended.rules },
  },
);
