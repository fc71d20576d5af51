// Resolution for `depcruise` (.dependency-cruiser.cjs) that tsconfig.json's paths cannot give it: the resolver it uses
// for tsconfig paths takes no wildcard in the middle, so `@broker/<lib>/testing` is spelled out for every lib.
const { readdirSync } = require('node:fs');
const { join } = require('node:path');

const libs = join(__dirname, '..', '..', 'libs');

module.exports = {
  resolve: {
    alias: Object.fromEntries(readdirSync(libs).map((lib) => [`@broker/${lib}/testing$`, join(libs, lib, 'src', 'testing')])),
  },
};
