import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.tmp/',
      'bench/.tmp/',
      'specs/.cache/',
      'coverage/',
      'test/fixtures/**/*.golden.*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['generated/**', 'test/fixtures/codegen/*/generated/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
