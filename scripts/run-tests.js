// Runs every kind of test: unit and integration together (jest parallelises files), then end to end one file
// at a time (each starts all services). Ends with one summary line over both runs.
// Two workers for unit and integration even on two cores (jest's default would be one): the integration files spend
// much of their time waiting on PostgreSQL, NATS and the outages they play, and two halve the wall time.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const out = path.join(root, '.local', 'test-results');
fs.mkdirSync(out, { recursive: true });
const jest = require.resolve('jest/bin/jest');
const extra = process.argv.slice(2);

const runs = [
  { name: 'unit+integration', args: ['--selectProjects', 'unit', 'integration', '--maxWorkers=2', ...extra] },
  { name: 'e2e', args: ['--selectProjects', 'e2e', '--runInBand', ...extra] },
];

let passed = 0;
let failed = 0;
let skipped = 0;
let exitCode = 0;
for (const run of runs) {
  const file = path.join(out, `${run.name}.json`);
  fs.rmSync(file, { force: true });
  const result = spawnSync(process.execPath, [jest, ...run.args, '--json', `--outputFile=${file}`], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) exitCode = result.status ?? 1;
  if (fs.existsSync(file)) {
    const report = JSON.parse(fs.readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
    skipped += report.numPendingTests + report.numTodoTests;
  } else {
    failed += 1;
  }
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(exitCode || (failed > 0 ? 1 : 0));
