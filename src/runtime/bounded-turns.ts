// Turns at a shared resource: up to `capacity` holders at once, the others waiting first come first served,
// and none waiting longer than `waitMs`: a waiter whose bound passes leaves the line with a database_busy
// error instead of queueing behind a stuck holder for ever.
import { RetroVueError } from '../core/errors.js';

interface Waiter {
  readonly start: () => void;
}

export class BoundedTurns {
  private holders = 0;
  private readonly waiting: Waiter[] = [];
  private readonly idlers: Array<() => void> = [];

  constructor(readonly capacity: number, readonly waitMs: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RetroVueError('invalid_input', `turns need a capacity of at least 1; got ${capacity}`);
  }

  /** Runs `work` in a turn; rejects with database_busy, without running it, when no turn comes within the bound. */
  run<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = (): void => {
        this.holders++;
        Promise.resolve()
          .then(work)
          .then(resolve, reject)
          .finally(() => this.release());
      };
      if (this.holders < this.capacity && this.waiting.length === 0) return start();
      const waiter: Waiter = {
        start: () => {
          clearTimeout(timer);
          start();
        },
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        reject(databaseBusy(this.waitMs));
        this.settleIdle();
      }, this.waitMs);
      this.waiting.push(waiter);
    });
  }

  /** Resolves once nobody holds or waits for a turn. */
  idle(): Promise<void> {
    if (this.holders === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idlers.push(resolve));
  }

  private release(): void {
    this.holders--;
    this.waiting.shift()?.start();
    this.settleIdle();
  }

  private settleIdle(): void {
    if (this.holders > 0 || this.waiting.length > 0) return;
    for (const resolve of this.idlers.splice(0)) resolve();
  }
}

/** The one error of a turn that did not come in time. */
export function databaseBusy(waitMs: number): RetroVueError {
  return new RetroVueError('database_busy', `the database is busy: no turn came within ${waitMs} ms; try again in a moment`);
}

export function isDatabaseBusy(error: unknown): boolean {
  return error instanceof RetroVueError && error.code === 'database_busy';
}
