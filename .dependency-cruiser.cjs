// Import boundaries, checked on resolved paths (docs/adr/0024-import-boundaries.md). `npm run lint` runs this after
// eslint; a relative import and an `@broker/*` alias that land on the same file are judged alike.
const tests = '(^test/|^bench/|\\.spec\\.ts$|\\.int-spec\\.ts$|\\.e2e-spec\\.ts$)';
const serviceTestSurface = '^services/[^/]+/src/testing\\.ts$';
const kitFolders = '^(libs|services)/[^/]+/src/(testing|.*/testing)/';
const testKits = [kitFolders, '^(test|bench)/', serviceTestSurface];

module.exports = {
  forbidden: [
    {
      name: 'no-service-to-service',
      comment: 'A service never imports another service: use contracts, RPC or integration events.',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'no-lib-to-service',
      comment: 'Libs are below the services: a lib never imports a service.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^services/' },
    },
    {
      name: 'domain-is-pure',
      comment:
        'Domain code takes no framework and does no I/O: no Nest, no drivers, no logger, no node I/O. class-validator ' +
        "is allowed for its pure check functions (isEmail), so a domain rule judges a value as the HTTP DTO does.",
      severity: 'error',
      from: { path: '/domain/', pathNot: tests },
      to: {
        path: [
          '^node_modules/(@nestjs/|class-transformer/|pg/|pg-|nats/|nodemailer/|smtp-server/|mailparser/|pino|nestjs-pino/)',
          '^(node:)?(fs|fs/promises|net|tls|http|https|http2|dgram|dns|dns/promises|child_process|cluster|worker_threads)$',
        ],
      },
    },
    {
      name: 'no-test-kit-in-production',
      comment: 'Test kits (testing/ folders, services/*/src/testing.ts, test/, bench/) are for tests and benchmarks only.',
      severity: 'error',
      from: { pathNot: [tests, kitFolders, serviceTestSurface] },
      to: { path: testKits },
    },
    {
      name: 'tests-use-public-surface',
      comment:
        'Tests and benchmarks drive services through the HTTP API, contracts and libs; they never reach into a ' +
        "service's code beyond what it exports for them in services/<service>/src/testing.ts.",
      severity: 'error',
      from: { path: '^(test|bench)/' },
      to: { path: '^services/', pathNot: serviceTestSurface },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import the checker cannot resolve would escape every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-circular',
      comment: 'Import cycles hide layering mistakes.',
      severity: 'warn',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|\\.local|coverage)/' },
    tsPreCompilationDeps: true,
    // node_modules is a link here: judge packages by their name under node_modules, not where the link points.
    preserveSymlinks: true,
    tsConfig: { fileName: 'tsconfig.json' },
    webpackConfig: { fileName: 'scripts/lint/depcruise-resolve.cjs' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json', '.d.ts'],
    },
  },
};
