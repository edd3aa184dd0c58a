// `npm test`: every layer in order (typecheck, unit + contract, store builds + Firefox lint, e2e build, end to end),
// ending with one line "N passed, N failed" summed over all layers.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = { passed: 0, failed: 0 };
// Only the e2e build below carries a manifest key: never the store zips, even when the shell exports one.
delete process.env.LIFELINE_MANIFEST_KEY;
const reportDir = '.tmp/test-reports';
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

/** A build or lint step counts as one check. */
function check(label, command, args, env = {}) {
  const ok = run(label, command, args, env);
  results[ok ? 'passed' : 'failed']++;
  if (!ok) console.log(`FAILED: ${label}`);
  return ok;
}

function vitest(label, projects) {
  const output = `${reportDir}/${label}.json`;
  const projectArgs = projects.flatMap((project) => ['--project', project]);
  run(label, 'npx', ['vitest', 'run', ...projectArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${output}`]);
  if (!existsSync(output)) {
    console.log(`FAILED: ${label} wrote no report`);
    results.failed++;
    return;
  }
  const report = JSON.parse(readFileSync(output, 'utf8'));
  results.passed += report.numPassedTests;
  results.failed += report.numFailedTests;
  // A suite that failed to load has no tests to count: count it as a failure.
  const brokenSuites = report.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0);
  results.failed += brokenSuites.length;
  if (report.numPendingTests + report.numTodoTests > 0) {
    console.log(`FAILED: ${label} skipped tests; nothing is skipped to go green`);
    results.failed += report.numPendingTests + report.numTodoTests;
  }
}

check('typecheck', 'npx', ['tsc', '--noEmit']);
vitest('unit-and-contract', ['unit', 'contract']);
const chromeBuilt = check('chrome build + zip', 'npx', ['wxt', 'zip']);
if (check('firefox build + zip', 'npx', ['wxt', 'zip', '-b', 'firefox'])) {
  check('firefox web-ext lint', 'npx', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv2', '--no-config-discovery']);
}
// The e2e copy carries the public test key (tests/fixtures/test-extension-key.txt), so Chromium gives it the fixed id
// that the policy test writes a machine policy for. The store zips above were built without it and stay so.
const e2eBuilt =
  chromeBuilt &&
  check('chrome e2e build with the test key', 'npx', ['wxt', 'build'], {
    LIFELINE_MANIFEST_KEY: readFileSync('tests/fixtures/test-extension-key.txt', 'utf8').trim(),
  });
if (e2eBuilt) vitest('e2e', ['e2e']);
else results.failed++;

console.log(`\n${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed === 0 ? 0 : 1);
