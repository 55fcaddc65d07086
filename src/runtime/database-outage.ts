// The runtime's view of whether its database can be reached: every piece of database work (the DbGate's,
// the node's lock session) reports here, so an outage is logged once when it begins and once when it ends,
// whatever number of requests and timer ticks meet it, and its failures reach viewers as one error
// (database_unavailable, 503 with Retry-After). While it lasts, `whileDown` runs every second (the embedded
// database's client uses it to hold the database itself once its holder has died).
import type { Clock } from '../core/clock.js';
import { RetroVueError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { isConnectionFailure } from '../db/connection-failure.js';

/** How often `whileDown` runs during an outage. */
export const OUTAGE_RETRY_MS = 1000;

export class DatabaseOutage {
  private sinceMs: number | undefined;
  private reason = '';
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: { readonly clock: Clock; readonly log: Logger; readonly whileDown?: () => Promise<void> }) {}

  get down(): boolean {
    return this.sinceMs !== undefined;
  }

  /**
   * The error to pass on for a failure of database work: a connection failure becomes database_unavailable
   * (the outage begins, logged once); any other error is returned as it is.
   */
  failed(error: unknown): unknown {
    if (error instanceof RetroVueError && error.code === 'database_unavailable') return error;
    if (!isConnectionFailure(error)) return error;
    if (this.sinceMs === undefined) this.begin(error);
    return new RetroVueError('database_unavailable', `the database cannot be reached (${this.reason}); try again in a moment`, { cause: error });
  }

  /** Database work went through: an outage in progress ends (logged once). */
  reached(): void {
    if (this.sinceMs === undefined) return;
    const seconds = ((this.options.clock.now() - this.sinceMs) / 1000).toFixed(1);
    this.sinceMs = undefined;
    clearInterval(this.timer);
    this.timer = undefined;
    // At the level of the outage's beginning (warn, the default): an operator who saw it begin sees it end.
    this.options.log.warn({ outage_s: Number(seconds) }, `the database is reachable again after ${seconds} s: tune-ins, horizons, as-run and ownership resume`);
  }

  /** Stops the retries of an outage in progress (the server stops). */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private begin(error: unknown): void {
    this.sinceMs = this.options.clock.now();
    this.reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    this.options.log.warn(`the database cannot be reached (${this.reason}): channels on air play on; tune-ins answer 503 database_unavailable until it is back`);
    const whileDown = this.options.whileDown;
    if (whileDown === undefined) return;
    let trying = false;
    this.timer = setInterval(() => {
      if (trying) return;
      trying = true;
      whileDown().catch(() => {}).finally(() => (trying = false));
    }, OUTAGE_RETRY_MS);
    this.timer.unref();
  }
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return error instanceof RetroVueError && error.code === 'database_unavailable';
}
