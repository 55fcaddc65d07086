// Runs test files, each in its own Node process, a few at a time, and says where the time went: one line
// per file as it finishes (its tests and seconds), the whole output of a failing file, then the slowest
// files and the suite's wall time. The figures are kept in bench/results/test-suite.json for `npm run bench`,
// and the next run starts the slowest files first so two workers finish together.
//   tsx scripts/run-tests.ts [--concurrency N] [--verbose] file…
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forEachBounded } from '../src/core/bounded-pool.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const suiteResultsFile = join(root, 'bench', 'results', 'test-suite.json');

export interface FileTiming {
  readonly file: string;
  readonly ms: number;
  readonly tests: number;
  readonly failed: number;
  readonly ok: boolean;
}

export interface SuiteResults {
  readonly finishedAt: string;
  readonly wallMs: number;
  readonly concurrency: number;
  /** Which databases the contract suites ran against (RETROVUE_TEST_DATABASES, "both" when unset). */
  readonly databases: string;
  readonly files: readonly FileTiming[];
}

function runFile(file: string): Promise<{ ms: number; output: string; exitCode: number }> {
  const env = { ...process.env };
  delete env['NODE_TEST_CONTEXT'];
  const started = performance.now();
  return new Promise((done) => {
    // A test file run directly (not under --test) reports with the spec reporter and exits 1 on a failure.
    const child = spawn(process.execPath, ['--import', 'tsx', '--test-reporter=spec', file], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.on('close', (code, signal) => {
      const output = Buffer.concat(chunks).toString('utf8');
      done({ ms: performance.now() - started, output: signal ? `${output}\nkilled by ${signal}\n` : output, exitCode: code ?? 1 });
    });
  });
}

const count = (output: string, what: string) => Number(new RegExp(`^ℹ ${what} (\\d+)$`, 'm').exec(output)?.[1] ?? 0);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function previousTimings(): Map<string, number> {
  try {
    const previous = JSON.parse(readFileSync(suiteResultsFile, 'utf8')) as SuiteResults;
    return new Map(previous.files.map((f) => [f.file, f.ms]));
  } catch {
    return new Map();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const concurrencyAt = argv.indexOf('--concurrency');
  const concurrency = concurrencyAt >= 0 ? Number(argv[concurrencyAt + 1]) : 2;
  const verbose = argv.includes('--verbose');
  const files = argv.filter((a, i) => !a.startsWith('--') && i !== concurrencyAt + 1).map((f) => relative(root, resolve(f)));
  if (files.length === 0) {
    console.error('run-tests: no test files given');
    return 1;
  }
  // Longest first (as last measured): the two workers then end close together.
  const last = previousTimings();
  const ordered = [...files].sort((a, b) => (last.get(b) ?? Number.MAX_SAFE_INTEGER) - (last.get(a) ?? Number.MAX_SAFE_INTEGER) || a.localeCompare(b));
  const started = performance.now();
  const timings: FileTiming[] = [];
  await forEachBounded(ordered, concurrency, async (file) => {
    const run = await runFile(file);
    const tests = count(run.output, 'tests');
    const failed = count(run.output, 'fail') + count(run.output, 'cancelled');
    const ok = run.exitCode === 0 && failed === 0 && tests > 0;
    timings.push({ file, ms: run.ms, tests, failed, ok });
    const mark = ok ? '✔' : '✖';
    console.log(`${mark} ${file} (${tests} tests${failed ? `, ${failed} failed` : ''}, ${seconds(run.ms)})`);
    if (!ok || verbose) process.stdout.write(run.output.replace(/^/gm, '    ') + '\n');
    if (tests === 0 && run.exitCode === 0) console.log(`    ${file} ran no test`);
  });
  const wallMs = performance.now() - started;
  const results: SuiteResults = {
    finishedAt: new Date().toISOString(),
    wallMs,
    concurrency,
    databases: process.env['RETROVUE_TEST_DATABASES'] || 'both',
    files: [...timings].sort((a, b) => b.ms - a.ms),
  };
  mkdirSync(dirname(suiteResultsFile), { recursive: true });
  writeFileSync(suiteResultsFile, `${JSON.stringify(results, null, 2)}\n`);
  const failedFiles = timings.filter((t) => !t.ok);
  const total = timings.reduce((n, t) => n + t.tests, 0);
  const cpu = timings.reduce((n, t) => n + t.ms, 0);
  console.log(`\nslowest files (of ${timings.length}, ${seconds(cpu)} in all):`);
  for (const t of results.files.slice(0, 10)) console.log(`  ${seconds(t.ms).padStart(8)}  ${t.file}`);
  console.log(`\n${total} tests in ${timings.length} files: ${failedFiles.length === 0 ? 'all passed' : `${failedFiles.length} file(s) failed`}; wall ${seconds(wallMs)} at concurrency ${concurrency} (databases: ${results.databases})`);
  for (const t of failedFiles) console.log(`  failed: ${t.file}`);
  return failedFiles.length === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}

