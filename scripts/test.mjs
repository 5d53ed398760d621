// `npm test`: builds what the end-to-end suites serve (the production SPA and BFF), runs every
// suite with Vitest, then the benchmark suite in smoke mode (it counts as one test), and ends
// with one plain summary line: "N passed, N failed, N skipped".
// Under CI=true a suite that cannot run here (no browser, no Redis) fails instead of skipping.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const step = (title, command, args) => {
  console.log(`\n▶ ${title}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
};

step('Building the SPA and the BFF for the production-server tests', 'npm', ['run', 'build', '--silent']);

const report = 'test-results/vitest.json';
rmSync(report, { force: true });
console.log(`\n▶ Running every suite${process.env.CI === 'true' ? ' (CI=true: nothing may be skipped)' : ''}`);
const run = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

// The benchmark suite in smoke mode: proves `npm run bench` still runs and writes its files
// (a second or so per contender; numbers from it mean nothing).
console.log('\n▶ Benchmark smoke run: npm run bench -- --smoke');
const bench = spawnSync('npm', ['run', 'bench', '--silent', '--', '--smoke'], { stdio: 'inherit' });
// And the Redis topologies' bench (cluster against single, failover figures), in smoke mode too.
console.log('\n▶ Redis topologies smoke run: npm run bench:redis -- --smoke');
const benchRedis = spawnSync('npm', ['run', 'bench:redis', '--silent', '--', '--smoke'], { stdio: 'inherit' });
if (benchRedis.status !== 0) {
  console.error(`✖ The Redis topologies smoke run failed (exit ${benchRedis.status ?? benchRedis.signal}).`);
}
const benchOk = bench.status === 0 && benchRedis.status === 0;
if (bench.status !== 0) console.error(`✖ The benchmark smoke run failed (exit ${bench.status ?? bench.signal}).`);

let summary = '';
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  // A suite that fails before any of its tests runs (it did not load, a hook threw, CI=true and
  // no Redis) has no failed test to count: it counts as one failure of its own.
  const brokenSuites = r.testResults.filter(
    (suite) => suite.status === 'failed' && !suite.assertionResults.some((t) => t.status === 'failed'),
  );
  for (const suite of brokenSuites) console.error(`✖ ${suite.name} failed without running its tests: ${suite.message}`);
  const passed = r.numPassedTests + (benchOk ? 1 : 0);
  const failed = r.numFailedTests + brokenSuites.length + (benchOk ? 0 : 1);
  if (brokenSuites.length > 0) run.status = 1;
  summary = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
  if (!benchOk) run.status = 1;
  if (process.env.CI === 'true' && skipped > 0) {
    console.error(`\n✖ CI=true: ${skipped} test(s) were skipped; every suite must run in CI.`);
    run.status = 1;
  }
} catch {
  summary = '0 passed, 1 failed';
  console.error('✖ The test run produced no report.');
  run.status = 1;
}
console.log(`\n${summary}`);
process.exit(run.status ?? 1);
