// Runs every kind of test and ends with one summary line over all of them:
// 1. unit and integration (two workers even on two cores, where jest's default would be one: the integration files
//    spend much of their time waiting on PostgreSQL, NATS and the outages they play), and beside them the fault
//    suite, which brings its own NATS server and PostgreSQL cluster and spends most of its four minutes holding
//    faults; its output is kept in a file and printed when it ends;
// 2. the other end-to-end files, one at a time (each starts all services).
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const out = path.join(root, '.local', 'test-results');
fs.mkdirSync(out, { recursive: true });
const jest = require.resolve('jest/bin/jest');
const extra = process.argv.slice(2);
const FAULT_SUITE = 'test/fault-tolerance.e2e-spec.ts';

const unitAndIntegration = { name: 'unit+integration', args: ['--selectProjects', 'unit', 'integration', '--maxWorkers=2', ...extra] };
const faultSuite = { name: 'e2e-faults', args: ['--selectProjects', 'e2e', '--runInBand', '--runTestsByPath', FAULT_SUITE, ...extra], log: path.join(out, 'e2e-faults.log') };
const endToEnd = { name: 'e2e', args: ['--selectProjects', 'e2e', '--runInBand', `--testPathIgnorePatterns=${FAULT_SUITE.replace(/\./g, '\\.')}`, ...extra] };

/** Runs jest; answers its exit code. Output goes to the terminal, or to `run.log` when given. */
function runJest(run) {
  const file = path.join(out, `${run.name}.json`);
  fs.rmSync(file, { force: true });
  const log = run.log ? fs.openSync(run.log, 'w') : null;
  const child = spawn(process.execPath, [jest, ...run.args, '--json', `--outputFile=${file}`], { cwd: root, stdio: log === null ? 'inherit' : ['ignore', log, log] });
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      if (log !== null) fs.closeSync(log);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

function counts(run) {
  const file = path.join(out, `${run.name}.json`);
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  return { passed: report.numPassedTests, failed: report.numFailedTests + report.numRuntimeErrorTestSuites, skipped: report.numPendingTests + report.numTodoTests };
}

async function main() {
  // A test filter that names no fault test leaves the fault suite with nothing to run: that is not a failure.
  const faultArgs = [...faultSuite.args, '--passWithNoTests'];
  console.log(`The fault suite (${FAULT_SUITE}) runs beside unit and integration; its output: ${path.relative(root, faultSuite.log)}`);
  const [first, faults] = await Promise.all([runJest(unitAndIntegration), runJest({ ...faultSuite, args: faultArgs })]);
  console.log(`\n--- ${FAULT_SUITE} ---\n${fs.readFileSync(faultSuite.log, 'utf8')}`);
  const last = await runJest(endToEnd);

  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const run of [unitAndIntegration, faultSuite, endToEnd]) {
    const c = counts(run);
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
  }
  console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  const exitCode = first || faults || last;
  process.exit(exitCode || (total.failed > 0 ? 1 : 0));
}

void main();
