// Notices the wall clock stepping (NTP correcting by ±30 s, a VM resumed after an hour): every `everyMs` it
// compares how far the wall clock moved with how far the monotonic clock did, and reports a difference
// beyond CLOCK_STEP_THRESHOLD_MS as a step (the ProgramDirector then re-plans every channel on air).
import type { Clock, MonotonicMs } from '../core/clock.js';

/**
 * A step smaller than this is not reported. NTP slews small errors (at most 0.5 ms per second, which both
 * clocks follow), so between two checks the clocks part only by a step; one under 2 s leaves the schedule and
 * what airs within a couple of seconds of each other, less than a re-plan's restart costs viewers.
 */
export const CLOCK_STEP_THRESHOLD_MS = 2000;

/** How often the clocks are compared by default: a step is acted on within about a second. */
export const CLOCK_STEP_CHECK_MS = 1000;

export interface ClockStepWatchOptions {
  readonly clock: Clock;
  readonly monotonic: MonotonicMs;
  readonly everyMs: number;
  /** The wall clock stepped by `stepMs` (positive: forward). Not called again until it resolves; never rejects. */
  readonly onStep: (stepMs: number) => Promise<void>;
}

export class ClockStepWatch {
  private wallMs: number;
  private monoMs: number;
  private timer: NodeJS.Timeout | undefined;
  private handling: Promise<void> | undefined;

  constructor(private readonly options: ClockStepWatchOptions) {
    this.wallMs = options.clock.now();
    this.monoMs = options.monotonic();
  }

  start(): void {
    this.rebase();
    this.timer ??= setInterval(() => this.check(), this.options.everyMs);
    this.timer.unref();
  }

  /** Stops checking; resolves once a step being handled has been. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.handling;
  }

  /** The step since the last check (0 when within the threshold), the clocks read afresh. */
  private measure(): number {
    const { wallMs, monoMs } = this;
    this.rebase();
    const stepMs = this.wallMs - wallMs - (this.monoMs - monoMs);
    return Math.abs(stepMs) > CLOCK_STEP_THRESHOLD_MS ? stepMs : 0;
  }

  private rebase(): void {
    this.wallMs = this.options.clock.now();
    this.monoMs = this.options.monotonic();
  }

  private check(): void {
    if (this.handling !== undefined) return;
    const stepMs = this.measure();
    if (stepMs === 0) return;
    // A further step while this one is handled is measured at the first check after it.
    this.handling = this.options.onStep(stepMs).finally(() => {
      this.handling = undefined;
    });
  }
}
