// Whether a pid is a running process: a tiny module of its own, so the start-up loader
// (src/cli/script-loader.ts, dist/load.cjs) can use it without loading execa.

/** Whether a process with this pid runs (one of another user counts: it exists, we may not signal it). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
