// Lint rules. The import boundaries (no service imports another, libs import no service, pure domain code, test kits
// only in tests) are checked by depcruise on resolved paths: .dependency-cruiser.cjs, docs/adr/0024.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.local/**', 'coverage/**', '**/*.js', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // No consistent-type-imports: Nest resolves injected classes and validates DTOs through decorator metadata,
      // which needs the value import even where the code only names the type.
    },
  },
  {
    files: ['test/**/*.ts', '**/*.int-spec.ts', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
