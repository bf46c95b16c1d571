// Prints one closing line for the whole test run, `N passed, N failed` (plus skipped), summed
// over the vitest JSON reports every workspace package writes to `.test-results.json`.
// A test can add a line of its own under its package's line: a figure it measured, set as
// `task.meta.summary` (vitest's JSON report carries `meta`). The edge bundle size is one.
// Exits 1 when a report is missing or counts a failure, or when no test ran at all.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dirs = ['packages', 'examples']
  .filter((d) => existsSync(d))
  .flatMap((d) => readdirSync(d).map((name) => join(d, name)))
  .filter((dir) => existsSync(join(dir, 'package.json')));

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const dir of dirs) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (!pkg.scripts?.test) continue;
  const file = join(dir, '.test-results.json');
  if (!existsSync(file)) {
    missing.push(dir);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  console.log(`  ${dir}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (typeof test.meta?.summary === 'string') console.log(`    ${test.meta.summary}`);
    }
  }
}
for (const dir of missing) console.log(`  ${dir}: no .test-results.json (its tests did not run)`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 || missing.length > 0 || passed === 0 ? 1 : 0;
