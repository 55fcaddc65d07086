// Keeps every enabled channel's EPG and playlog horizons moving while the runtime serves, whether or not
// anyone watches: once at start, then every `everyMs` (one run at a time, through the DbGate).
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { advanceHorizons, defaultHorizon } from '../scheduling/horizon/horizon.js';
import type { DbGate } from './db-gate.js';

export class HorizonTimer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  runs = 0;

  constructor(private readonly options: { readonly gate: DbGate; readonly clock: Clock; readonly log: Logger; readonly everyMs: number }) {}

  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.options.everyMs);
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
    this.running = gate
      .run((db) => advanceHorizons(db, { ...defaultHorizon, nowMs: clock.now() }))
      .then((reports) => {
        this.runs++;
        for (const report of reports) {
          if (report.error !== null) log.warn({ channel: report.channelId }, `horizon: ${report.error}`);
          else if (report.builtDays.length > 0 || report.expandedDays.length > 0) log.info({ channel: report.channelId, built: report.builtDays, expanded: report.expandedDays }, 'horizon advanced');
        }
      })
      .catch((error: unknown) => log.error({ err: error }, 'horizon: advancing failed; retrying on the next tick'))
      .finally(() => {
        this.running = undefined;
      });
  }
}
