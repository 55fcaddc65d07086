// Recognises an embedded data directory that cannot open, before PGlite aborts inside wasm on it, and
// words every failure of opening one as one line naming the directory and what to do.
import { existsSync, readdirSync, readFileSync, rmSync, statSync, statfsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { RetroVueError } from '../core/errors.js';

/** Why `dataDir` (which holds PG_VERSION) cannot be a working database, or undefined when it looks whole. */
export function damageOf(dataDir: string): string | undefined {
  try {
    if (!/^\d+/.test(readFileSync(join(dataDir, 'PG_VERSION'), 'utf8'))) return 'PG_VERSION is unreadable';
    const control = join(dataDir, 'global', 'pg_control');
    if (!existsSync(control)) return 'global/pg_control is missing';
    if (statSync(control).size !== 8192) return 'global/pg_control is truncated';
    const wal = join(dataDir, 'pg_wal');
    if (!existsSync(wal)) return 'the write-ahead log pg_wal is missing';
    if (!readdirSync(wal).some((name) => /^[0-9A-F]{24}$/.test(name))) return 'the write-ahead log pg_wal has no segment';
    return undefined;
  } catch (error) {
    return `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
}

export function damagedError(dataDir: string, why: string, cause?: unknown): RetroVueError {
  return new RetroVueError(
    'database_unusable',
    `embedded database ${dataDir} is damaged (${why}) and will not open; restore it from a backup, or move it away (mv ${dataDir} ${dataDir}.damaged) to start an empty one`,
    { cause },
  );
}

/** A failure while creating or opening `dataDir`: a full disk is named as such, anything else as damage. */
export function openFailure(dataDir: string, error: unknown, creating: boolean): RetroVueError {
  if (error instanceof RetroVueError) return error;
  const free = freeBytes(dirname(dataDir));
  if (free !== undefined && free < 64 * 1024 * 1024) {
    const mb = Math.round(free / 1024 / 1024);
    return new RetroVueError(
      'database_unusable',
      creating
        ? `not enough room on the disk holding ${dataDir} to create the embedded database (${mb} MB free, it needs about 40 MB); nothing was left behind: free some space, or set RETROVUE_HOME elsewhere`
        : `the disk holding ${dataDir} is full (${mb} MB free); free some space and run again`,
      { cause: error },
    );
  }
  const reason = firstLine(error instanceof Error ? error.message : String(error));
  if (creating) {
    return new RetroVueError('database_unusable', `could not create the embedded database ${dataDir}: ${reason}; nothing was left behind, run again`, { cause: error });
  }
  return damagedError(dataDir, reason, error);
}

function freeBytes(dir: string): number | undefined {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
}

function firstLine(text: string): string {
  return (text.split('\n').find((line) => line.trim().length > 0) ?? text).trim();
}

/**
 * Removes what an interrupted first open left (`db.init-<pid>` scratch directories). Call only while
 * holding the data directory's lock: initdb runs only under it, so no live process owns one.
 */
export function removeAbandonedScratch(dataDir: string): string[] {
  const prefix = `${basename(dataDir)}.init-`;
  const parent = dirname(dataDir);
  const removed: string[] = [];
  for (const name of safeList(parent)) {
    if (!name.startsWith(prefix)) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
