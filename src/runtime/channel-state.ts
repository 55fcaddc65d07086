// A ChannelManager's life as one union: idle → starting → live → lingering → stopping → idle, restarting
// after a crash, closed at shutdown. `starting` and `stopping` last while one transition awaits the engine
// (under the channel's mutex), so no other transition ever sees them.
import { RetroVueError } from '../core/errors.js';
import type { ChannelRun } from './channel-run.js';

export type ChannelState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'starting' }
  | { readonly kind: 'live'; readonly run: ChannelRun }
  | { readonly kind: 'lingering'; readonly run: ChannelRun; readonly timer: NodeJS.Timeout }
  | { readonly kind: 'stopping'; readonly run: ChannelRun }
  | { readonly kind: 'restarting'; readonly timer: NodeJS.Timeout }
  | { readonly kind: 'closed' };

/** The engine run a state holds, if any. */
export function runOf(state: ChannelState): ChannelRun | undefined {
  switch (state.kind) {
    case 'live':
    case 'lingering':
    case 'stopping':
      return state.run;
    case 'idle':
    case 'starting':
    case 'restarting':
    case 'closed':
      return undefined;
  }
}

/** Clears the timer a state holds (a linger's end, a restart's delay), if any. */
export function clearTimer(state: ChannelState): void {
  if (state.kind === 'lingering' || state.kind === 'restarting') clearTimeout(state.timer);
}

/** `starting` and `stopping` never outlive their transition: seeing one in another is a bug. */
export function midTransition(kind: 'starting' | 'stopping'): RetroVueError {
  return new RetroVueError('internal', `channel state "${kind}" seen outside its transition; this is a bug in ChannelManager`);
}

/** A run that lasted this long resets the restart backoff. */
const STABLE_RUN_MS = 60_000;

/** How soon a crashed engine is restarted: doubling with each crash in a row, reset by a run that lasted. */
export class RestartBackoff {
  private inARow = 0;
  /** Crashes so far (each one restarts while viewers remain). */
  restarts = 0;

  constructor(private readonly backoff: { readonly initialMs: number; readonly maxMs: number }) {}

  /** A run started at `startedAtMs` crashed at `nowMs`: the delay before the next start. */
  crashed(startedAtMs: number, nowMs: number): number {
    this.restarts++;
    this.inARow = nowMs - startedAtMs >= STABLE_RUN_MS ? 1 : this.inARow + 1;
    return Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** (this.inARow - 1));
  }
}
