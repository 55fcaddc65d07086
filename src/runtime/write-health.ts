// How a place the runtime keeps writing to (the as-run table, the as-run files) is doing: a failure is
// logged when its condition starts (a full disk, or another error), not again while the same condition
// lasts (writes retry every few seconds), and once when writes succeed again.
import { isDiskFull } from '../core/disk-full.js';
import type { Logger } from '../core/logger.js';

export class WriteHealth {
  /** The condition writes fail with now; null while they succeed. */
  private failing: string | null = null;

  /** `what` names the writes and `where` the place, as the log lines say them. */
  constructor(private readonly log: Logger, private readonly what: string, private readonly where: string) {}

  /** A write failed: logged if this starts a condition (a full disk, or an error other than the last). */
  failed(error: unknown, fields: Record<string, unknown> = {}): void {
    const condition = isDiskFull(error) ? 'disk full' : error instanceof Error ? error.message : String(error);
    if (condition === this.failing) return;
    this.failing = condition;
    const message = condition === 'disk full'
      ? `${this.what}: disk full at ${this.where}; playout continues and records are not kept there until space is freed (logged once)`
      : `${this.what}: writing to ${this.where} failed`;
    this.log.error({ ...fields, err: error, where: this.where }, message);
  }

  /** A write succeeded: if a condition was on, its end is logged. */
  succeeded(): void {
    if (this.failing === null) return;
    this.log.warn({ where: this.where, was: this.failing }, `${this.what}: writing to ${this.where} works again (${this.failing} is over)`);
    this.failing = null;
  }
}
