// Keeps every enabled channel's EPG and playlog horizons moving while the runtime serves, whether or not
// anyone watches: once at start, then every `everyMs` (one run at a time, a DbGate turn per channel; a run
// that finds the database busy is logged and retried on the next tick, as is one during an outage).
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { advanceHorizonsInTurns, defaultHorizon } from '../scheduling/horizon/horizon.js';
import { isDatabaseBusy } from './bounded-turns.js';
import type { DbGate } from './db-gate.js';
import { isDatabaseUnavailable } from './database-outage.js';

export class HorizonTimer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  runs = 0;

  constructor(private readonly options: { readonly gate: DbGate; readonly clock: Clock; readonly log: Logger; readonly everyMs: number }) {}

  /** Starts the timer; resolves when its first run has ended (advanced, or failed and logged). */
  start(): Promise<void> {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.options.everyMs);
    return this.running ?? Promise.resolve();
  }

  /** A run at once (the wall clock stepped), after the one in progress if any; resolves when it has ended. */
  async runNow(): Promise<void> {
    await this.running;
    this.tick();
    await this.running;
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private tick(): void {
    if (this.running !== undefined) return;
    const { gate, clock, log } = this.options;
    this.running = advanceHorizonsInTurns((work) => gate.run(work), { ...defaultHorizon, nowMs: clock.now() })
      .then((reports) => {
        this.runs++;
        for (const report of reports) {
          if (report.error !== null) log.warn({ channel: report.channelId }, `horizon: ${report.error}`);
          else if (report.builtDays.length > 0 || report.expandedDays.length > 0) log.info({ channel: report.channelId, built: report.builtDays, expanded: report.expandedDays }, 'horizon advanced');
        }
      })
      .catch((error: unknown) => {
        // An outage is logged once, where it is noticed (database-outage.ts), not once per tick.
        if (isDatabaseUnavailable(error)) log.debug('horizon: the database cannot be reached; retrying on the next tick');
        else if (isDatabaseBusy(error)) log.warn(`horizon: ${(error as Error).message}; retrying on the next tick`);
        else log.error({ err: error }, 'horizon: advancing failed; retrying on the next tick');
      })
      .finally(() => {
        this.running = undefined;
      });
  }
}
