// Lint rules. The import boundaries (no service imports another, libs import no service, pure domain code, test kits
// only in tests) are checked by depcruise on resolved paths: .dependency-cruiser.cjs, docs/adr/0024.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.local/**', 'coverage/**', '**/*.js', '**/*.cjs', 'apps/portal/src/api/*.gen.ts'] },
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
  // The portal's build script runs in node.
  { files: ['apps/portal/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  {
    files: ['test/**/*.ts', '**/*.int-spec.ts', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // Typed message contracts (docs/adr/0026): a handler answers through @RpcHandler(contract) and a call names a
  // contract, so the compiler checks both sides; a subject string would bypass it.
  {
    files: ['**/*.ts'],
    ignores: ['libs/messaging/src/rpc/rpc-handler.decorator.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='@nestjs/microservices'] ImportSpecifier[imported.name='MessagePattern']",
          message: 'Answer an RPC with @RpcHandler(SomeRpc.x) from @broker/messaging: it checks the handler against the contract.',
        },
        {
          selector: "CallExpression[callee.property.name='call'][arguments.0.type=/^(Literal|TemplateLiteral)$/]",
          message: 'Call an RPC with its contract (SomeRpc.x, or rpc<Request, Response>(subject) in a test), not a subject string.',
        },
      ],
    },
  },
);
