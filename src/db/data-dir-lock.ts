// An embedded PGlite data directory has no lock of its own and two processes opening it corrupt it,
// so RetroVue holds a pid lock file beside it for as long as the database is open.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { RetroVueError } from '../core/errors.js';

export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock or throws `database_locked` naming the process that holds it. Stale locks are taken over. */
export function lockDataDir(dataDir: string): DataDirLock {
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        if (readHolder(lockPath) === process.pid) rmSync(lockPath, { force: true });
      };
      process.on('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(lockPath);
      if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
        throw new RetroVueError(
          'database_locked',
          `embedded database ${dataDir} is in use by process ${holder}; stop it or set RETROVUE_DATABASE_URL to share a Postgres server`,
        );
      }
      if (holder === process.pid) {
        throw new RetroVueError('database_locked', `embedded database ${dataDir} is already open in this process`);
      }
      rmSync(lockPath, { force: true }); // stale: its holder is gone
    }
  }
  throw new RetroVueError('database_locked', `could not lock embedded database ${dataDir}; remove ${lockPath} if no RetroVue runs`);
}
