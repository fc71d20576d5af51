// The integration project with its servers started by Testcontainers (test/containers/): PostgreSQL and NATS in
// containers on the host's network instead of the machine's own. `.ci/run` runs the store contract suites and one
// service's suite this way: npx jest -c jest.containers.config.js --runInBand <files>
const base = require('./jest.config.js');

const integration = base.projects.find((project) => project.displayName === 'integration');

module.exports = {
  ...integration,
  displayName: 'integration (Testcontainers)',
  testTimeout: base.testTimeout,
  globalSetup: '<rootDir>/test/containers/start-test-servers.ts',
  globalTeardown: '<rootDir>/test/containers/stop-test-servers.ts',
};
