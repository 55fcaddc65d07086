// One plan check per channel at a time, and at most one a second: tune-ins (GET or HEAD) arriving while a
// channel's check is in flight share its answer, and so do those arriving within a second of a check that
// passed (the plan at now, as a start uses it: CHECKED_PLAN_FRESH_MS). A burst of viewers costs one plan
// build, not one each; on embedded PGlite a build holds the server's one thread, so a storm of tune-ins
// must not queue builds behind each other.
import type { PlayoutPlan } from '../plugins/playout-plan.js';

/** How old a checked plan may be to stand for the plan at now (the engine joins at the wall clock anyway). */
export const CHECKED_PLAN_FRESH_MS = 1000;

export class TuneChecks {
  private readonly inFlight = new Map<string, Promise<PlayoutPlan>>();
  private readonly passed = new Map<string, PlayoutPlan>();

  /** `check` builds and checks a channel's plan now, throwing the TuneFailure its viewers get. */
  constructor(private readonly check: (channelId: string) => Promise<PlayoutPlan>, private readonly now: () => number) {}

  /** A plan that passed within the last second, the answer of the check in flight for `channelId`, or of a new one. */
  run(channelId: string): Promise<PlayoutPlan> {
    const recent = this.passed.get(channelId);
    if (recent !== undefined && this.now() - recent.builtAtMs <= CHECKED_PLAN_FRESH_MS) return Promise.resolve(recent);
    this.passed.delete(channelId);
    const pending = this.inFlight.get(channelId);
    if (pending !== undefined) return pending;
    const started = this.check(channelId).then((plan) => {
      this.passed.set(channelId, plan);
      return plan;
    }).finally(() => this.inFlight.delete(channelId));
    this.inFlight.set(channelId, started);
    return started;
  }
}
