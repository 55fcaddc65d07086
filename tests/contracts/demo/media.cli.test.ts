// CLI contract tests for `retrovue demo media` (contracts/demo/media.yaml). `database: none`, so no
// forEachDatabase: the command runs once, in-process and as the built binary. Two full generations in
// this file (the y answer and --force); the non-empty directories start as copies of the cached library.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { DEMO_CATALOG, DEMO_FOLDERS, frameExactMs } from '../../../src/demo/demo-catalog.js';
import { probeMedia } from '../../../src/media/ffprobe.js';
import { copyOfDemoLibrary } from '../../support/catalog.js';
import { cli, cliProcess, json } from '../../support/cli.js';

type Listed = { path: string; kind: string; bad: boolean; defect?: string; duration_ms?: number };
type Output = { root: string; files: Listed[]; elapsed_ms: number };

/** What the contract's output must list: every catalog file, good ones with their frame-exact duration. */
const expectedFiles: Listed[] = DEMO_CATALOG.map((spec) =>
  spec.kind === 'broken'
    ? { path: spec.path, kind: spec.kind, bad: true, defect: spec.defect }
    : { path: spec.path, kind: spec.kind, bad: false, duration_ms: frameExactMs(spec.seconds, spec.frameRate) },
);

const cleanups: Array<() => void> = [];
after(() => {
  for (const cleanup of cleanups) cleanup();
});

/** An operator's non-empty directory: a demo library from earlier, a stale file in a demo folder, files of their own. */
async function operatorDir(): Promise<string> {
  const { root, cleanup } = await copyOfDemoLibrary();
  cleanups.push(cleanup);
  writeFileSync(join(root, 'keep-me.txt'), 'operator notes\n');
  mkdirSync(join(root, 'Home Videos'));
  writeFileSync(join(root, 'Home Videos', 'birthday.mp4'), 'not ours to touch');
  mkdirSync(join(root, 'Series', 'Old Show'));
  writeFileSync(join(root, 'Series', 'Old Show', 'stale.mp4'), 'left over from an older demo');
  return root;
}

const operatorFiles = { 'keep-me.txt': 'operator notes\n', 'Home Videos/birthday.mp4': 'not ours to touch' };

/** Every entry under root with its size and modification time: equal snapshots mean an untouched tree. */
function snapshot(root: string): Record<string, string> {
  const entries = readdirSync(root, { recursive: true, encoding: 'utf8' }).sort();
  return Object.fromEntries(entries.map((entry) => {
    const info = statSync(join(root, entry));
    return [entry, `${info.isDirectory() ? 'dir' : info.size}@${info.mtimeMs}`];
  }));
}

function assertOperatorFilesKept(root: string, before: Record<string, string>): void {
  const after = snapshot(root);
  for (const [path, content] of Object.entries(operatorFiles)) {
    assert.equal(readFileSync(join(root, path), 'utf8'), content, path);
    assert.equal(after[path], before[path], `${path} was rewritten`);
  }
}

/** The demo folders were written anew by this run: every listed file is fresh and the stale one is gone. */
function assertRegenerated(root: string, startedMs: number): void {
  for (const file of expectedFiles) {
    const info = statSync(join(root, file.path));
    assert.ok(info.mtimeMs >= startedMs - 50, `${file.path} was not rewritten`);
    if (file.defect === 'zero-length') assert.equal(info.size, 0, file.path);
    else assert.ok(info.size > 0, `${file.path} is empty`);
  }
  const series = [...new Set(expectedFiles.filter((f) => f.kind === 'episode').map((f) => f.path.split('/')[1]))].sort();
  assert.deepEqual(readdirSync(join(root, 'Series')).sort(), series, 'a stale series folder survived');
  const leftovers = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.partial'));
  assert.deepEqual(leftovers, []);
}

const question = (root: string): string =>
  `Really replace the demo folders ${DEMO_FOLDERS.join(', ')} in ${root} (other files stay)? [y/N] `;

test('B-2: a non-empty directory without --force and without a TTY is refused with exit 1 and left untouched', async () => {
  const root = await operatorDir();
  const before = snapshot(root);
  const run = await cli(['demo', 'media', root]);
  assert.equal(run.exitCode, 1);
  assert.equal(run.stdout, '');
  assert.equal(
    run.stderr,
    `retrovue: error: refusing to replace the demo folders ${DEMO_FOLDERS.join(', ')} in ${root} (other files stay) `
      + 'without confirmation: no terminal to ask on, pass --force\n',
  );
  assert.deepEqual(snapshot(root), before);

  const asJson = await cli(['demo', 'media', root, '--json']);
  assert.equal(asJson.exitCode, 1);
  assert.equal(asJson.stdout, '');
  const error = JSON.parse(asJson.stderr) as { error: { code: string; message: string } };
  assert.equal(error.error.code, 'refused');
  assert.match(error.error.message, /^refusing to replace the demo folders /);
  assert.deepEqual(snapshot(root), before);
});

test('B-2: the built binary, run without a terminal, refuses a non-empty directory and leaves it untouched', async () => {
  const root = await operatorDir();
  const before = snapshot(root);
  const run = await cliProcess(['demo', 'media', root], {});
  assert.equal(run.exitCode, 1, run.stderr);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^retrovue: error: refusing to replace the demo folders .* without confirmation: no terminal to ask on, pass --force\n$/);
  assert.deepEqual(snapshot(root), before);
});

test('B-2: on a TTY asks y/N and anything but an explicit yes leaves the directory untouched', async () => {
  const root = await operatorDir();
  const before = snapshot(root);
  for (const answer of ['n\n', '\n', 'maybe\n', '']) {
    const run = await cli(['demo', 'media', root], { typed: answer });
    assert.equal(run.exitCode, 1, `answer ${JSON.stringify(answer)}`);
    assert.equal(run.stdout, '');
    assert.ok(run.stderr.startsWith(question(root)), run.stderr);
    assert.match(run.stderr, /retrovue: error: did not replace the demo folders .* not confirmed\n$/);
    assert.doesNotMatch(run.stderr, /demo media \[/, 'no generation may start');
    assert.deepEqual(snapshot(root), before, `answer ${JSON.stringify(answer)}`);
  }
});

test('B-1, B-2, B-3: on a TTY a typed y regenerates the demo folders, keeps the operator\'s files, shows progress on stderr and keeps --json stdout to the document', async () => {
  const root = await operatorDir();
  const before = snapshot(root);
  const started = Date.now();
  const run = await cli(['demo', 'media', root, '--json'], { typed: 'y\n' });
  assert.equal(run.exitCode, 0, run.stderr);

  // B-3: stdout is exactly one JSON document, the one the contract describes.
  assert.ok(run.stdout.endsWith('}\n') && run.stdout.indexOf('\n') === run.stdout.length - 1, run.stdout);
  const doc = json<Output>(run);
  assert.deepEqual(Object.keys(doc).sort(), ['elapsed_ms', 'files', 'root']);
  assert.equal(doc.root, root);
  assert.deepEqual(doc.files, expectedFiles);
  assert.ok(Number.isInteger(doc.elapsed_ms) && doc.elapsed_ms > 0 && doc.elapsed_ms <= Date.now() - started);

  // B-3: the question, then a progress bar counting every file up to the last one, all on stderr.
  assert.ok(run.stderr.startsWith(question(root)), run.stderr);
  const counts = [...run.stderr.matchAll(/demo media \[[█░]+\] (\d+)\/(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  assert.ok(counts.length >= 3, `too little progress on stderr: ${run.stderr}`);
  assert.ok(counts.every(([, total]) => total === expectedFiles.length), run.stderr);
  assert.deepEqual(counts.map(([done]) => done), counts.map(([done]) => done).sort((a, b) => (a ?? 0) - (b ?? 0)));
  assert.equal(counts.at(-1)?.[0], expectedFiles.length);

  // B-2: replaced the demo folders only.
  assertRegenerated(root, started);
  assertOperatorFilesKept(root, before);
  assert.equal(snapshot(root)['Series/Old Show/stale.mp4'], undefined);

  // B-1: the library it lists is there and plays: one good file of every kind probes.
  for (const kind of ['episode', 'movie', 'bumper', 'commercial']) {
    const file = doc.files.find((f) => f.kind === kind);
    assert.ok(file, kind);
    const outcome = await probeMedia(join(root, file.path));
    assert.ok(outcome.ok, `${file.path}: ${JSON.stringify(outcome)}`);
  }
});

test('B-1, B-2, B-4: with --force and no terminal regenerates without asking, prints what it wrote and the next step, exits 0', async () => {
  const root = await operatorDir();
  const before = snapshot(root);
  const started = Date.now();
  // B-4: the operator names the directory relative to where they stand.
  const run = await cli(['demo', 'media', `./${basename(root)}`, '--force'], { cwd: dirname(root) });
  assert.equal(run.exitCode, 0, run.stderr);
  assert.equal(run.stderr, '', 'no question and, off a terminal, no progress bar');

  // B-1: several series with episodes, movies, bumpers, commercials and broken files, named in the summary.
  const summary = /^wrote (\d+) files to (.+) in \d+\.\d s: (\d+) episodes of (\d+) series, (\d+) movies, (\d+) bumpers, (\d+) commercials and (\d+) deliberately broken files\nnext: retrovue source add --type filesystem --name (\S+) --base-path (.+)\n$/
    .exec(run.stdout);
  assert.ok(summary, run.stdout);
  const [, total, writtenTo, episodes, series, movies, bumpers, commercials, broken, sourceName, basePath] = summary;
  const count = (kind: string): string => String(expectedFiles.filter((f) => f.kind === kind).length);
  assert.equal(total, String(expectedFiles.length));
  assert.equal(writtenTo, root);
  assert.equal(sourceName, basename(root));
  assert.equal(basePath, `./${basename(root)}`);
  assert.equal(episodes, count('episode'));
  assert.equal(series, String(new Set(expectedFiles.filter((f) => f.kind === 'episode').map((f) => f.path.split('/')[1])).size));
  assert.ok(Number(series) >= 2, 'several series');
  assert.equal(movies, count('movie'));
  assert.equal(bumpers, count('bumper'));
  assert.equal(commercials, count('commercial'));
  assert.equal(broken, count('broken'));
  for (const n of [episodes, movies, bumpers, commercials, broken]) assert.ok(Number(n) >= 2, run.stdout);

  // B-2: --force replaced the demo folders and nothing else.
  assertRegenerated(root, started);
  assertOperatorFilesKept(root, before);
  assert.equal(snapshot(root)['Series/Old Show/stale.mp4'], undefined);
});

test('B-1: the built binary exits 3 naming ffmpeg when it is not installed, and leaves nothing written', async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'retrovue-no-ffmpeg-'));
  cleanups.push(() => rmSync(scratch, { recursive: true, force: true }));
  const noTools = join(scratch, 'bin');
  mkdirSync(noTools);
  const root = join(scratch, 'lib');
  const run = await cliProcess(['demo', 'media', root], { PATH: noTools });
  assert.equal(run.exitCode, 3, run.stderr);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr, 'retrovue: error: ffmpeg not found at "ffmpeg"; install ffmpeg or put it on PATH\n');
  assert.deepEqual(readdirSync(root), []);
});

test('B-5: while a live process holds the directory\'s lock the command exits 1 naming it and leaves the directory alone; a dead owner\'s lock is taken over', async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'retrovue-demo-lock-'));
  cleanups.push(() => rmSync(scratch, { recursive: true, force: true }));
  const root = join(scratch, 'lib');
  writeFileSync(`${root}.lock`, String(process.pid)); // this test process: alive
  const held = await cli(['demo', 'media', root, '--force']);
  assert.equal(held.exitCode, 1);
  assert.equal(held.stderr, `retrovue: error: another retrovue (pid ${process.pid}) is making the demo library in "${root}"; wait for it to finish, then run again\n`);
  assert.deepEqual(readdirSync(scratch), ['lib.lock']);
  // A lock left by a killed run (a pid above any Linux hands out) is taken over: the run goes on to need
  // ffmpeg (absent here, exit 3), and releases the lock when it ends.
  writeFileSync(`${root}.lock`, '4999999');
  const noTools = join(scratch, 'bin');
  mkdirSync(noTools);
  const stale = await cliProcess(['demo', 'media', root], { PATH: noTools });
  assert.equal(stale.exitCode, 3, stale.stderr);
  assert.deepEqual(readdirSync(scratch).sort(), ['bin', 'lib']);
});
