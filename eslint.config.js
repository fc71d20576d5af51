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
        // Typed integration events (docs/adr/0028): the contract names the event on both sides.
        {
          selector:
            "CallExpression[callee.name=/^(on|integrationEnvelope)$/][arguments.0.type=/^(Literal|TemplateLiteral|ObjectExpression)$/], CallExpression[callee.name='envelopeFromEvent'][arguments.1.type=/^(Literal|TemplateLiteral|ObjectExpression)$/]",
          message: 'Name an integration event by its contract (SomeEvents.x, or event<Payload>(type) in a test), not a type string or a literal object.',
        },
        {
          selector: "TSAsExpression[typeAnnotation.typeName.name='IntegrationEventHandlers'], TSTypeAssertion[typeAnnotation.typeName.name='IntegrationEventHandlers']",
          message: 'Build handler maps with eventHandlers(on(SomeEvents.x, handler), ...): a cast skips the check of each handler against its event.',
        },
      ],
    },
  },
  // Event contracts are declared once, in libs/contracts; tests may declare events no service publishes.
  {
    files: ['**/*.ts'],
    ignores: ['libs/contracts/**', 'test/**', 'bench/**', '**/*.spec.ts', '**/*.int-spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@broker/contracts',
              importNames: ['event'],
              message: 'Integration event contracts live in libs/contracts/src/<service>/*.events.ts: import the contract, not event().',
            },
          ],
        },
      ],
    },
  },
);
