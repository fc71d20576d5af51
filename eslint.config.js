// Lint rules, including the layer rules of architecture.md: a service never imports another service's code,
// production code never imports test kits, and domain code stays free of Nest and I/O.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

const services = ['gateway', 'identity', 'organizations', 'catalog', 'approvals', 'billing', 'notifications'];

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.local/**', 'coverage/**', '**/*.js'] },
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
  ...services.map((service) => ({
    files: [`services/${service}/src/**/*.ts`],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: services.filter((s) => s !== service).map((s) => `**/services/${s}/**`), message: 'A service never imports another service: use contracts, RPC or integration events.' },
            { group: ['@broker/*/testing', '**/testing/**'], message: 'Test kits are for tests only.' },
          ],
        },
      ],
    },
  })),
  {
    files: ['services/*/src/**/domain/**/*.ts', 'libs/*/src/**/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@nestjs/*', 'pg', 'nats', 'node:*'], message: 'Domain code is pure: no framework and no I/O.' }] }],
    },
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
  {
    files: ['libs/*/src/**/*.ts'],
    ignores: ['**/testing/**', '**/*.spec.ts', '**/*.int-spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@broker/*/testing', '**/testing/**'], message: 'Test kits are for tests only.' }] }],
    },
  },
);
