// Lets compiled code under dist/ resolve `@broker/<lib>` to the compiled library next to it, the way the
// TypeScript `paths` setting resolves it to the source: one small entry file per library in dist/node_modules.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
for (const lib of fs.readdirSync(path.join(root, 'libs'))) {
  const target = path.join(root, 'dist', 'node_modules', '@broker', lib);
  fs.mkdirSync(target, { recursive: true });
  fs.writeFileSync(path.join(target, 'index.js'), `module.exports = require('../../../libs/${lib}/src/index.js');\n`);
  // Subpath entries such as `@broker/event-sourcing/testing` are for tests only and are not linked.
}
