// An embedded PGlite data directory has no lock of its own and two processes opening it corrupt it, so
// RetroVue holds an exclusive OS file lock (flock(2)) on `<data dir>.lock` for as long as the database is open.
//
// Why flock and how: a pid file is not a lock — PID namespaces (containers sharing a volume) hide a live
// holder, PID reuse fakes one, and read → delete → create takeover of a stale file races. A kernel flock on
// the file's inode has none of these faults: it is seen across namespaces, it dies with its process (even on
// kill -9), so a "stale" lock cannot exist and nothing is ever taken over or deleted. Node has no flock()
// binding, and a native addon would need a build step. So this process opens the lock file itself and lends
// the descriptor, as fd 3, to a short-lived `flock --nonblock 3` (util-linux; perl's flock where it is
// missing): a flock belongs to the open file description, which the child shares, so when the child exits
// the lock stays with this process's descriptor until it is closed or the process dies. The child costs
// ~3 ms once per open; nothing runs beside the process afterwards. Node opens files close-on-exec, so
// processes spawned later (ffmpeg, AIR) never inherit the lock.
import { spawnSync } from 'node:child_process';
import { closeSync, constants, ftruncateSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { RetroVueError } from '../core/errors.js';

export interface DataDirLock {
  /** The lock file (never deleted: the lock is on it, not in it). */
  readonly path: string;
  release(): void;
}

/** A program that flocks the descriptor it gets as fd 3 without blocking; exit 75 means "held elsewhere". */
export interface FlockTool {
  readonly command: string;
  readonly args: readonly string[];
}

const HELD_ELSEWHERE = 75;

export const flockTools: readonly FlockTool[] = [
  { command: 'flock', args: ['--exclusive', '--nonblock', '--conflict-exit-code', String(HELD_ELSEWHERE), '3'] },
  {
    command: 'perl',
    args: ['-e', `use Fcntl ":flock"; open(my $f, "+<&=3") or exit 2; flock($f, LOCK_EX | LOCK_NB) or exit ${HELD_ELSEWHERE};`],
  },
];

/** Lock files this process holds: a second open in one process would otherwise just fail as "in use". */
const heldHere = new Set<string>();

/** The lock file guarding an embedded data directory. */
export function lockPathOf(dataDir: string): string {
  return `${dataDir}.lock`;
}

/**
 * Takes the lock or throws `database_locked` naming the lock file and what to do.
 *
 * @example
 * const lock = lockDataDir('/home/me/.retrovue/db'); // holds /home/me/.retrovue/db.lock
 * try { … } finally { lock.release(); }
 */
export function lockDataDir(dataDir: string, tools: readonly FlockTool[] = flockTools, role?: string): DataDirLock {
  const lockPath = lockPathOf(dataDir);
  if (heldHere.has(lockPath)) {
    throw new RetroVueError('database_locked', `embedded database ${dataDir} is already open in this process (lock ${lockPath}); close it first`);
  }
  const fd = openLockFile(lockPath, dataDir);
  try {
    const outcome = flockDescriptor(fd, tools, lockPath);
    if (outcome === 'held-elsewhere') {
      const recorded = recordedHolder(lockPath);
      throw new RetroVueError(
        'database_locked',
        `embedded database ${dataDir} is in use by another process (it holds the lock ${lockPath}${recorded ? `, taken by ${recorded}` : ''}); ` +
          'wait for it or stop it (it may run in another container sharing this directory), or set RETROVUE_DATABASE_URL to share a Postgres server; ' +
          'the lock is freed when its process exits, so never delete the file',
      );
    }
    if (outcome === 'no-tool') {
      throw new RetroVueError(
        'internal',
        `cannot lock embedded database ${dataDir}: taking the lock ${lockPath} needs flock(1) from util-linux (or perl); install util-linux, or set RETROVUE_DATABASE_URL to use a Postgres server`,
      );
    }
    ftruncateSync(fd, 0);
    writeSync(fd, `pid ${process.pid} on ${hostname()}${role ? ` (${role})` : ''}\n`, 0);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  heldHere.add(lockPath);
  let released = false;
  return {
    path: lockPath,
    release: () => {
      if (released) return;
      released = true;
      heldHere.delete(lockPath);
      closeSync(fd); // the last descriptor of the open file description: the kernel drops the lock
    },
  };
}

function openLockFile(lockPath: string, dataDir: string): number {
  try {
    return openSync(lockPath, constants.O_RDWR | constants.O_CREAT, 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new RetroVueError(
      'internal',
      `cannot open the lock file ${lockPath} of embedded database ${dataDir} (${code}); make its directory writable by this user, or set RETROVUE_HOME elsewhere`,
      { cause: error },
    );
  }
}

function flockDescriptor(fd: number, tools: readonly FlockTool[], lockPath: string): 'locked' | 'held-elsewhere' | 'no-tool' {
  for (const tool of tools) {
    const run = spawnSync(tool.command, tool.args, { stdio: ['ignore', 'ignore', 'pipe', fd] });
    if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') continue;
    if (run.status === 0) return 'locked';
    if (run.status === HELD_ELSEWHERE) return 'held-elsewhere';
    const reason = run.error?.message ?? (run.stderr.toString().trim() || `exit ${run.status ?? run.signal}`);
    throw new RetroVueError(
      'internal',
      `could not take the lock ${lockPath} with ${tool.command}: ${reason.split('\n')[0]}; check the file system supports flock, or set RETROVUE_DATABASE_URL to use a Postgres server`,
    );
  }
  return 'no-tool';
}

/**
 * Whether some process holds the lock, without taking it (taking it, even for a moment, would turn away a
 * process starting just then). Read from /proc/locks, which lists every flock on the machine whatever the
 * PID namespace; where it is missing, by taking and releasing it.
 */
export function isLockHeld(dataDir: string): boolean {
  const lockPath = lockPathOf(dataDir);
  let inode: number;
  try {
    inode = statSync(lockPath).ino;
  } catch {
    return false;
  }
  if (heldHere.has(lockPath)) return true;
  let table: string;
  try {
    table = readFileSync('/proc/locks', 'utf8');
  } catch {
    try {
      lockDataDir(dataDir).release();
      return false;
    } catch {
      return true;
    }
  }
  return table.split('\n').some((line) => {
    const match = /\bFLOCK\s+\S+\s+WRITE\s+\S+\s+[0-9a-f]+:[0-9a-f]+:(\d+)\s/.exec(line);
    return match !== null && Number(match[1]) === inode;
  });
}

/** The pid and role a lock file records (informational: a pid proves nothing across namespaces). */
export function lockRecord(dataDir: string): { pid: number; role?: string } | undefined {
  const match = /^pid (\d+) on \S+(?: \(([a-z ]+)\))?$/.exec(recordedHolder(lockPathOf(dataDir)) ?? '');
  return match ? { pid: Number(match[1]), ...(match[2] ? { role: match[2] } : {}) } : undefined;
}

/** What the holder wrote into the lock file, for the message only: a pid proves nothing across namespaces. */
function recordedHolder(lockPath: string): string | undefined {
  try {
    const text = readFileSync(lockPath, 'utf8').trim();
    return /^pid \d+ on \S+( \([a-z ]+\))?$/.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}
