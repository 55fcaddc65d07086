// Creates the RetroVue home one directory at a time, so that a path that cannot be a directory fails at
// once with the variable and the path named (Node's recursive mkdir spins forever on ENOENT under /proc).
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, parse } from 'node:path';
import { RetroVueError } from '../core/errors.js';

const reasons: Record<string, string> = {
  ENOTDIR: 'is a file, not a directory',
  EEXIST: 'is a file, not a directory',
  EACCES: 'is not writable by this user',
  EPERM: 'is not writable by this user',
  EROFS: 'is on a read-only file system',
  ENOSPC: 'is on a full disk',
  ENOENT: 'cannot be created there',
};

/**
 * Makes sure `home` is a writable directory, creating it and its missing parents.
 *
 * @example
 * ensureHomeDirectory('/srv/retrovue', 'RETROVUE_HOME');
 */
export function ensureHomeDirectory(home: string, from: string): void {
  const chain: string[] = [];
  for (let dir = home; dir !== parse(dir).root; dir = dirname(dir)) chain.unshift(dir);
  for (const dir of chain) {
    try {
      mkdirSync(dir, { mode: 0o700 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (code === 'EEXIST' && isDirectory(dir)) continue;
      if ((code === 'EACCES' || code === 'EPERM') && isDirectory(dir)) continue; // an existing parent we may not write: fine
      throw homeError(home, from, dir, code, error);
    }
  }
  try {
    accessSync(home, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw homeError(home, from, home, (error as NodeJS.ErrnoException).code ?? '', error);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function homeError(home: string, from: string, at: string, code: string, cause: unknown): RetroVueError {
  const why = reasons[code] ?? `cannot be used (${code || 'error'})`;
  return new RetroVueError(
    'invalid_input',
    `the RetroVue home ${home} (from ${from === 'HOME' ? 'HOME, as RETROVUE_HOME is unset' : from}) is unusable: ${at} ${why}; set RETROVUE_HOME to a writable directory`,
    { cause },
  );
}
