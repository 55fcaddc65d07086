// Runs the test files and says where the time went. Files run in groups, one Node process per group
// (scripts/test-group.ts: a process start, the TypeScript loader and the test databases are paid once per
// group instead of once per file), a few groups at a time. Groups are cut as the run goes, longest files
// first, from each file's expected time (nextGroup), so the workers finish together. Prints one line per file
// (its seconds), the whole output of a failing group, the slowest files and the suite's wall time, and keeps
// the figures in bench/results/ for `npm run bench` and the next run's grouping.
//   tsx scripts/run-tests.ts [--concurrency N] [--min-group-seconds N] [--verbose] file…
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const suiteResultsFile = join(root, 'bench', 'results', 'test-suite.json');
const suiteOutputFile = join(root, 'bench', 'results', 'test-suite-output.txt');
/** Every file's last measured time, kept across runs of some files only, for grouping the next run. */
const fileTimesFile = join(root, 'bench', 'results', 'test-file-times.json');
/**
 * Checked in, for a checkout with no run of its own (CI): files' times in CI (2 cores, both databases), the
 * long files at least, whose size says little of their time. Refresh it from bench/results/test-file-times.json
 * after a whole `npm test`.
 */
const baselineTimesFile = join(root, 'bench', 'test-file-times.json');
/** A file timed nowhere is expected to cost this per byte of its source: a whole run's ~1,320 s over 1.4 MB. */
const msPerSourceByte = 0.9;

export interface FileTiming {
  readonly file: string;
  /** Time inside the file's own suite (its process start and database boot are the group's). */
  readonly ms: number;
  readonly ok: boolean;
}

export interface SuiteResults {
  readonly finishedAt: string;
  readonly wallMs: number;
  readonly concurrency: number;
  readonly groups: number;
  readonly tests: number;
  readonly failedTests: number;
  /** Which databases the contract suites ran against (RETROVUE_TEST_DATABASES, "both" when unset). */
  readonly databases: string;
  readonly files: readonly FileTiming[];
}

interface GroupRun {
  readonly files: readonly string[];
  readonly ms: number;
  readonly output: string;
  readonly exitCode: number;
}

function runGroup(files: readonly string[]): Promise<GroupRun> {
  const env = { ...process.env };
  delete env['NODE_TEST_CONTEXT'];
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test-reporter=spec', join(root, 'scripts', 'test-group.ts'), ...files], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.on('close', (code, signal) => {
      const output = Buffer.concat(chunks).toString('utf8');
      done({ files, ms: performance.now() - started, output: signal ? `${output}\nkilled by ${signal}\n` : output, exitCode: code ?? 1 });
    });
  });
}

/** Each file's suite line at the top level of the spec output: "✔ tests/x.test.ts (1234.5ms)". */
function fileTimings(run: GroupRun): FileTiming[] {
  const summary = run.output.split('\n✖ failing tests:')[0] ?? '';
  return run.files.map((file) => {
    const match = new RegExp(`^([✔✖]) ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(([\\d.]+)ms\\)$`, 'm').exec(summary);
    // No line at all: the process died before the file finished.
    return match ? { file, ms: Number(match[2]), ok: match[1] === '✔' } : { file, ms: 0, ok: false };
  });
}

const count = (output: string, what: string) => Number(new RegExp(`^ℹ ${what} (\\d+)$`, 'm').exec(output)?.[1] ?? 0);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function timesIn(file: string): Map<string, number> {
  try {
    return new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>));
  } catch {
    return new Map();
  }
}

/** Each file's expected time: its last run here, else the checked-in baseline, else from its size. */
function expectedTimes(files: readonly string[], last: ReadonlyMap<string, number>): Map<string, number> {
  const baseline = timesIn(baselineTimesFile);
  return new Map(files.map((f) => [f, last.get(f) ?? baseline.get(f) ?? statSync(join(root, f)).size * msPerSourceByte]));
}

/**
 * The next group a free worker runs, taken off the front of `queue` (files longest first): about
 * 1/workers of the expected work left, and no less than `minMs`. Groups shrink as the run goes on, so
 * the workers end within about one small group of each other even where the expected times were wrong,
 * while the few long files start first.
 */
export function nextGroup(queue: string[], expected: ReadonlyMap<string, number>, workers: number, minMs: number): string[] {
  const cost = (f: string) => expected.get(f) ?? 0;
  const target = Math.max(minMs, queue.reduce((n, f) => n + cost(f), 0) / workers);
  const group: string[] = [];
  let ms = 0;
  while (queue.length > 0 && (group.length === 0 || ms + cost(queue[0] as string) <= target)) {
    const file = queue.shift() as string;
    group.push(file);
    ms += cost(file);
  }
  return group;
}

function option(argv: readonly string[], name: string, fallback: number): number {
  const at = argv.indexOf(name);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
}

async function main(argv: readonly string[]): Promise<number> {
  const concurrency = option(argv, '--concurrency', 2);
  const minGroupMs = option(argv, '--min-group-seconds', 30) * 1000;
  const verbose = argv.includes('--verbose');
  const files = argv
    .filter((a, i) => !a.startsWith('--') && !['--concurrency', '--min-group-seconds'].includes(argv[i - 1] ?? ''))
    .map((f) => relative(root, resolve(f)));
  if (files.length === 0) {
    console.error('run-tests: no test files given');
    return 1;
  }
  const last = timesIn(fileTimesFile);
  const expected = expectedTimes(files, last);
  const queue = [...files].sort((a, b) => (expected.get(b) ?? 0) - (expected.get(a) ?? 0) || a.localeCompare(b));
  const started = performance.now();
  const runs: GroupRun[] = [];
  const worker = async () => {
    for (let group = nextGroup(queue, expected, concurrency, minGroupMs); group.length > 0; group = nextGroup(queue, expected, concurrency, minGroupMs)) {
      const run = await runGroup(group);
      runs.push(run);
      const timings = fileTimings(run);
      for (const t of timings) console.log(`${t.ok ? '✔' : '✖'} ${t.file} (${seconds(t.ms)})`);
      const inFiles = timings.reduce((n, t) => n + t.ms, 0);
      console.log(`  group of ${group.length}: ${seconds(run.ms)}, of which ${seconds(run.ms - inFiles)} starting the process and its databases`);
      if (run.exitCode !== 0 || verbose) process.stdout.write(run.output.replace(/^/gm, '    ') + '\n');
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  const wallMs = performance.now() - started;
  const timings = runs.flatMap(fileTimings);
  const results: SuiteResults = {
    finishedAt: new Date().toISOString(),
    wallMs,
    concurrency,
    groups: runs.length,
    tests: runs.reduce((n, r) => n + count(r.output, 'tests'), 0),
    failedTests: runs.reduce((n, r) => n + count(r.output, 'fail') + count(r.output, 'cancelled'), 0),
    databases: process.env['RETROVUE_TEST_DATABASES'] || 'both',
    files: [...timings].sort((a, b) => b.ms - a.ms),
  };
  mkdirSync(dirname(suiteResultsFile), { recursive: true });
  writeFileSync(suiteResultsFile, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(suiteOutputFile, runs.map((r) => `### ${r.files.join(' ')}\n${r.output}`).join('\n'));
  for (const t of timings) if (t.ok) last.set(t.file, t.ms);
  writeFileSync(fileTimesFile, `${JSON.stringify(Object.fromEntries([...last].sort()), null, 2)}\n`);
  const failedGroups = runs.filter((r) => r.exitCode !== 0);
  console.log(`\nslowest files (of ${timings.length}):`);
  for (const t of results.files.slice(0, 10)) console.log(`  ${seconds(t.ms).padStart(8)}  ${t.file}`);
  const verdict = failedGroups.length === 0 ? 'all passed' : `${results.failedTests} failed`;
  console.log(`\n${results.tests} tests in ${timings.length} files, ${runs.length} processes: ${verdict}; wall ${seconds(wallMs)} at concurrency ${concurrency} (databases: ${results.databases})`);
  for (const t of timings.filter((f) => !f.ok)) console.log(`  failed: ${t.file}`);
  return failedGroups.length === 0 && results.tests > 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
