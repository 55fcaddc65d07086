// Opening the embedded database under hostile conditions: unusable configuration or homes fail in one
// line naming the variable and the path; an interrupted first open leaves nothing half-made behind.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { lockDataDir } from '../../src/db/data-dir-lock.js';
import { openDatabase } from '../../src/db/open-database.js';
import { binPath, cli, cliProcess } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'retrovue-open-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const embedded = { RETROVUE_DATABASE_URL: undefined };

test('RETROVUE_DATABASE_URL that is not a Postgres URL is invalid configuration: exit 1, the variable and the form named', async () => {
  for (const url of ['not-a-url', 'http://example.com/db', 'postgres://']) {
    const run = await cli(['channel', 'list'], { env: { RETROVUE_DATABASE_URL: url } });
    assert.equal(run.exitCode, 1, url);
    assert.equal(
      run.stderr,
      'retrovue: error: RETROVUE_DATABASE_URL is not a Postgres server URL; expected postgres://user:password@host:5432/database, or unset it to use the embedded database\n',
    );
  }
});

test('a RetroVue home that cannot be a directory names the variable and the path, and fails at once', async () => {
  const file = join(dir, 'a-file');
  writeFileSync(file, '');
  const cases: Array<[Record<string, string | undefined>, RegExp]> = [
    [{ RETROVUE_HOME: join(file, 'home') }, /^retrovue: error: the RetroVue home .*a-file\/home \(from RETROVUE_HOME\) is unusable: .*a-file is a file, not a directory; set RETROVUE_HOME to a writable directory\n$/],
    [{ RETROVUE_HOME: file }, /^retrovue: error: the RetroVue home .*a-file \(from RETROVUE_HOME\) is unusable: .*a-file is a file, not a directory;/],
    [{ RETROVUE_HOME: '/proc/retrovue/home' }, /^retrovue: error: the RetroVue home \/proc\/retrovue\/home \(from RETROVUE_HOME\) is unusable: \/proc\/retrovue cannot be created there;/],
    [{ RETROVUE_HOME: undefined, HOME: join(file, 'nonexistent') }, /^retrovue: error: the RetroVue home .*a-file\/nonexistent\/\.retrovue \(from HOME, as RETROVUE_HOME is unset\) is unusable: /],
  ];
  for (const [env, expected] of cases) {
    const run = await cli(['channel', 'list'], { env: { ...embedded, ...env } });
    assert.equal(run.exitCode, 1, JSON.stringify(env));
    assert.match(run.stderr, expected);
  }
});

test('a home this user cannot write names the path', { skip: process.getuid?.() === 0 ? 'root writes everywhere' : undefined }, async () => {
  const home = join(dir, 'read-only');
  mkdirSync(home, { mode: 0o500 });
  const run = await cli(['channel', 'list'], { env: { ...embedded, RETROVUE_HOME: home } });
  assert.equal(run.exitCode, 1);
  assert.match(run.stderr, /read-only is not writable by this user; set RETROVUE_HOME/);
});

test('a first open killed during initdb leaves no half database, and the next start removes its scratch', async () => {
  const home = join(dir, 'interrupted');
  const child = spawn(process.execPath, [binPath, 'db', 'migrate'], {
    env: { ...process.env, ...embedded, RETROVUE_HOME: home, RETROVUE_HOLDER: 'off', NODE_TEST_CONTEXT: undefined },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  for (let i = 0; i < 600 && !(existsSync(home) && readdirSync(home).some((n) => n.startsWith('db.init-'))); i++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await new Promise((resolve) => setTimeout(resolve, 300)); // well inside initdb (seconds)
  child.kill('SIGKILL');
  await exited;
  assert.ok(readdirSync(home).some((n) => n.startsWith('db.init-')), `initdb had started: ${readdirSync(home).join(', ')}`);
  assert.equal(existsSync(join(home, 'db')), false, 'no half-made database in place');
  const status = await cliProcess(['db', 'status'], { ...embedded, RETROVUE_HOME: home });
  assert.match(status.stderr, /no embedded database at .* yet/);
  const run = await cliProcess(['db', 'migrate'], { ...embedded, RETROVUE_HOME: home });
  assert.equal(run.exitCode, 0, run.stderr);
  assert.deepEqual(readdirSync(home).filter((n) => n.startsWith('db')).sort(), ['db', 'db.lock']);
});

const smallDisk = (() => {
  if (process.getuid?.() !== 0) return 'needs root to mount a small tmpfs';
  const probe = join(dir, 'probe-mount');
  mkdirSync(probe, { recursive: true });
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe]);
  if (mounted.status !== 0) return `mount is refused here: ${mounted.stderr.toString().trim()}`;
  spawnSync('umount', [probe]);
  return undefined;
})();

test('a first open on a disk too small names the path and the room needed, and leaves nothing behind', { skip: smallDisk }, async () => {
  const disk = join(dir, 'small-disk');
  mkdirSync(disk, { recursive: true });
  assert.equal(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=20m', 'tmpfs', disk]).status, 0);
  try {
    const home = join(disk, 'home');
    const run = await cliProcess(['channel', 'list'], { ...embedded, RETROVUE_HOME: home });
    assert.equal(run.exitCode, 1);
    assert.match(
      run.stderr,
      new RegExp(`^retrovue: error: not enough room on the disk holding ${join(home, 'db')} to create the embedded database \\(\\d+ MB free, it needs about 40 MB\\); nothing was left behind`),
    );
    assert.deepEqual(readdirSync(home), ['db.lock']);
  } finally {
    spawnSync('umount', [disk]);
  }
});

test('a database closed before its first query lets the process exit by itself: embedded, through a holder, throwaway and on a server (Kysely destroys only a driver it used)', async () => {
  const { testCacheDir, testServerUrl } = await import('../support/test-databases.js');
  const script = fileURLToPath(new URL('../support/open-and-close.ts', import.meta.url));
  const dataDir = join(dir, 'closed-unused');
  // A holder's client: its pool keeps idle clients for ever, so one left open would never let go.
  const { killStartedHolders, serve } = await import('../support/holder.js');
  const holderHome = join(dir, 'closed-unused-holder');
  mkdirSync(holderHome);
  const holder = await serve(holderHome);
  // A server pool left open lets go after its idle clients' 10 s: the bound is under that.
  const kinds = [['embedded', dataDir, 30_000], ['throwaway', testCacheDir, 30_000], ['server', testServerUrl, 8_000], ['embedded', join(holderHome, 'db'), 8_000]] as const;
  after(() => killStartedHolders());
  for (const [kind, where, boundMs] of kinds) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', script, kind, where], { encoding: 'utf8', timeout: boundMs, env: { ...process.env, NODE_TEST_CONTEXT: undefined } });
    assert.equal(run.stdout, 'closed\n', `${kind}: ${run.stderr}`);
    assert.equal(run.signal, null, `${kind}: still running ${boundMs / 1000} s after its database was closed`);
    assert.equal(run.status, 0, `${kind}: ${run.stderr}`);
  }
  holder.child.kill('SIGTERM');
  await holder.exited;
});

/** Whether this process holds the lock of `dataDir` (a second lock here is refused). */
function heldHere(dataDir: string): boolean {
  try {
    lockDataDir(dataDir).release();
    return false;
  } catch {
    return true;
  }
}

// An unclosed PGlite does not keep the process alive (the test above cannot see it), yet the lock is released
// while it still holds the data directory: the next open would run a second Postgres over the same files.
test('an embedded database closed before its first query closes its PGlite before the lock goes', async () => {
  const { PGlite } = await import('@electric-sql/pglite');
  const closes: boolean[] = [];
  const original = PGlite.prototype.close;
  PGlite.prototype.close = async function close(this: InstanceType<typeof PGlite>): Promise<void> {
    closes.push(heldHere(dataDir));
    return original.call(this);
  };
  const dataDir = join(dir, 'unused-home', 'db');
  try {
    const database = await openDatabase({ dialect: 'pglite', dataDir, holder: 'off' });
    closes.length = 0; // initdb's own instance, closed while the database was made
    await database.close();
    assert.deepEqual(closes, [true], 'close() closes the PGlite it opened, with the data directory still locked');
    assert.equal(heldHere(dataDir), false, 'and then releases the lock');
  } finally {
    PGlite.prototype.close = original;
  }
});

// The database a command opens is closed however the command ends: one left open by a failure keeps the
// embedded data directory locked, so the next command of the same process (a runtime, a test) cannot open it.
test('a command that fails closes the database it opened: the next command in the same process opens it again', async () => {
  const env = { ...embedded, RETROVUE_HOME: join(dir, 'failing-home'), RETROVUE_HOLDER: 'off' };
  assert.equal((await cli(['channel', 'list'], { env })).exitCode, 0);
  for (const attempt of [1, 2]) {
    const missing = await cli(['channel', 'show', 'nope'], { env });
    assert.equal(missing.exitCode, 1, `attempt ${attempt}`);
    assert.match(missing.stderr, /nope/, `attempt ${attempt}: the missing channel is the error`);
    assert.doesNotMatch(missing.stderr, /already open/, `attempt ${attempt}`);
  }
  const listed = await cli(['channel', 'list', '--json'], { env });
  assert.equal(listed.exitCode, 0, listed.stderr);
});
