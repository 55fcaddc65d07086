// The test suite's time, as the last `npm test` measured it (scripts/run-tests.ts records every file's
// wall time in bench/results/test-suite.json): the whole run, and the files that cost the most.
import { readFileSync } from 'node:fs';
import type { SuiteResults } from '../scripts/run-tests.js';
import { suiteResultsFile } from '../scripts/run-tests.js';

const minutes = (ms: number) => `${Math.floor(ms / 60000)} min ${String(Math.round((ms % 60000) / 1000)).padStart(2, '0')} s`;

export function benchTestSuite(): void {
  let results: SuiteResults;
  try {
    results = JSON.parse(readFileSync(suiteResultsFile, 'utf8')) as SuiteResults;
  } catch {
    console.log('test suite: no run recorded yet (npm test records one in bench/results/test-suite.json)');
    return;
  }
  const sum = results.files.reduce((n, f) => n + f.ms, 0);
  const failed = results.failedTests > 0 ? `, ${results.failedTests} failed` : '';
  console.log(`test suite (npm test of ${results.finishedAt}, databases: ${results.databases})`);
  console.log(`  wall ${minutes(results.wallMs)} at concurrency ${results.concurrency}: ${results.tests} tests in ${results.files.length} files, ${results.groups} processes${failed} (target < 15 min on 2 cores)`);
  console.log(`  the files' own suites add up to ${minutes(sum)}; the slowest:`);
  for (const f of results.files.slice(0, 8)) console.log(`    ${(f.ms / 1000).toFixed(1).padStart(6)} s  ${f.file}`);
}
