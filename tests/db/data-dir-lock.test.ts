// The flock that keeps two processes out of one embedded data directory: it cannot be faked by a reused
// pid, hidden by a PID namespace, or taken twice by processes racing for it.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { lockDataDir, lockPathOf } from '../../src/db/data-dir-lock.js';
import { RetroVueError } from '../../src/core/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'retrovue-lock-unit-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const contenderScript = fileURLToPath(new URL('./fixtures/lock-contender.ts', import.meta.url));
const children: ChildProcess[] = [];
after(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

interface Contender {
  readonly child: ChildProcess;
  /** The next line the contender prints. */
  next(): Promise<string>;
  exited: Promise<number | null>;
}

function contender(args: string[], prefix: string[] = []): Contender {
  const argv = [...prefix, process.execPath, '--import', 'tsx', contenderScript, ...args];
  const [command, ...rest] = argv as [string, ...string[]];
  const child = spawn(command, rest, { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const lines: string[] = [];
  const waiters: Array<(line: string) => void> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const waiter = waiters.shift();
    if (waiter) waiter(line);
    else lines.push(line);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    next: () => {
      const line = lines.shift();
      if (line !== undefined) return Promise.resolve(line);
      return new Promise((resolve, reject) => {
        waiters.push(resolve);
        exited.then((code) => reject(new Error(`contender exited (${code}) before printing a line`)));
      });
    },
  };
}

const isLocked = (dataDir: string) => (error: unknown) =>
  error instanceof RetroVueError &&
  error.code === 'database_locked' &&
  error.message.includes(lockPathOf(dataDir)) &&
  /wait for it or stop it/.test(error.message);

test('a lock held by another process refuses us, naming the lock file and the recovery; its exit frees it', async () => {
  const dataDir = join(dir, 'a');
  const release = join(dir, 'a.release');
  const holder = contender([dataDir, '', release]);
  assert.equal(await holder.next(), 'won');
  assert.throws(() => lockDataDir(dataDir), isLocked(dataDir));
  writeFileSync(release, '');
  await holder.exited;
  const lock = lockDataDir(dataDir);
  assert.match(readFileSync(lockPathOf(dataDir), 'utf8'), new RegExp(`^pid ${process.pid} on `));
  assert.throws(() => lockDataDir(dataDir), /already open in this process \(lock .*a\.lock\)/);
  lock.release();
  lockDataDir(dataDir).release(); // released means free again, in this process too
});

test('a holder killed with SIGKILL leaves no lock behind: the next process just takes it', async () => {
  const dataDir = join(dir, 'b');
  const holder = contender([dataDir, '', join(dir, 'never')]);
  assert.equal(await holder.next(), 'won');
  assert.throws(() => lockDataDir(dataDir), isLocked(dataDir));
  holder.child.kill('SIGKILL');
  await holder.exited;
  lockDataDir(dataDir).release();
});

test('pid reuse cannot fake a holder: a lock file naming a live pid (echo 1 > db.lock) is no lock', () => {
  const dataDir = join(dir, 'c');
  for (const content of ['1\n', `${process.ppid}\n`, `pid ${process.ppid} on elsewhere\n`]) {
    writeFileSync(lockPathOf(dataDir), content);
    const lock = lockDataDir(dataDir);
    assert.match(readFileSync(lockPathOf(dataDir), 'utf8'), new RegExp(`^pid ${process.pid} on `));
    lock.release();
  }
});

test('N processes racing for one stale lock: exactly one wins, the others get database_locked', async () => {
  const dataDir = join(dir, 'd');
  writeFileSync(lockPathOf(dataDir), '999999999\n'); // left by a process long gone
  const barrier = join(dir, 'd.go');
  const release = join(dir, 'd.release');
  const racers = Array.from({ length: 5 }, () => contender([dataDir, barrier, release]));
  for (const racer of racers) assert.equal(await racer.next(), 'ready');
  writeFileSync(barrier, '');
  const outcomes = await Promise.all(racers.map((r) => r.next()));
  writeFileSync(release, '');
  await Promise.all(racers.map((r) => r.exited));
  assert.equal(outcomes.filter((o) => o === 'won').length, 1, outcomes.join('\n'));
  for (const lost of outcomes.filter((o) => o !== 'won')) assert.match(lost, /^locked: embedded database .* is in use by another process \(it holds the lock /);
});

const namespaces = (() => {
  if (process.getuid?.() !== 0) return 'needs root to create a PID namespace';
  const probe = spawnSync('unshare', ['-p', '-f', '--mount-proc', 'true']);
  if (probe.error) return `unshare is not available (${probe.error.message})`;
  return probe.status === 0 ? undefined : `unshare -p -f --mount-proc is refused here: ${probe.stderr.toString().trim()}`;
})();

test('a holder in another PID namespace (another container on one volume) is seen, and sees us', { skip: namespaces }, async () => {
  const dataDir = join(dir, 'e');
  const release = join(dir, 'e.release');
  const inside = contender([dataDir, '', release], ['unshare', '-p', '-f', '--mount-proc']);
  assert.equal(await inside.next(), 'won');
  // It is probably pid 1 or 2 in its namespace, and the file says so: no matter, the kernel lock speaks.
  assert.throws(() => lockDataDir(dataDir), isLocked(dataDir));
  writeFileSync(release, '');
  await inside.exited;
  const lock = lockDataDir(dataDir);
  try {
    const second = contender([dataDir], ['unshare', '-p', '-f', '--mount-proc']);
    assert.match(await second.next(), /^locked: embedded database .* is in use by another process/);
    await second.exited;
  } finally {
    lock.release();
  }
});

test('without flock(1) the lock falls back to perl; with neither it says what to install', () => {
  const dataDir = join(dir, 'f');
  const missing = { command: 'retrovue-no-such-tool', args: [] };
  const perl = { command: 'perl', args: ['-e', 'use Fcntl ":flock"; open(my $f, "+<&=3") or exit 2; flock($f, LOCK_EX | LOCK_NB) or exit 75;'] };
  const lock = lockDataDir(dataDir, [missing, perl]);
  assert.throws(() => lockDataDir(`${dataDir}-2`, [missing]), /needs flock\(1\) from util-linux \(or perl\); install util-linux/);
  lock.release();
});
