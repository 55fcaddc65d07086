// One plan check per channel at a time: tune-ins (GET or HEAD) arriving while a channel's check is in flight
// share its answer, so a burst of viewers costs one plan build, not one each, and a flood of requests whose
// clients have gone cannot queue builds behind each other.
import type { PlayoutPlan } from '../plugins/playout-plan.js';

export class TuneChecks {
  private readonly inFlight = new Map<string, Promise<PlayoutPlan>>();

  /** `check` builds and checks a channel's plan now, throwing the TuneFailure its viewers get. */
  constructor(private readonly check: (channelId: string) => Promise<PlayoutPlan>) {}

  /** The answer of the check in flight for `channelId`, or of a new one. */
  run(channelId: string): Promise<PlayoutPlan> {
    const pending = this.inFlight.get(channelId);
    if (pending !== undefined) return pending;
    const started = this.check(channelId).finally(() => this.inFlight.delete(channelId));
    this.inFlight.set(channelId, started);
    return started;
  }
}
