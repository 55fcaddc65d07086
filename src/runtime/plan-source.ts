// Where a channel's PlayoutPlan comes from (the playout builder's answer at an instant, injected), and what
// a viewer is told when it cannot be tuned: every failure goes through tuneFailureOf, the one place that
// maps a cause to 404, 500 or 503. Checking a plan never starts a process.
import type { PlayoutPlan } from '../plugins/playout-plan.js';
import { type AssetProblem, onAirProblem } from '../playout/plan-assets.js';
import type { PlanRefusal } from '../playout/playout-plan-builder.js';
import { isDatabaseBusy } from './bounded-turns.js';
import { isDatabaseUnavailable } from './database-outage.js';

/** The plan of `channelId` from `atMs` on (its first segment on air at `atMs`, joined mid-show), or why none. */
export type PlanSource = (channelId: string, atMs: number) => Promise<{ readonly kind: 'plan'; readonly plan: PlayoutPlan } | PlanRefusal>;

export type TuneStatus = 404 | 500 | 503;

export type TuneCode = 'unknown_channel' | 'nothing_on_air' | 'schedule_error' | 'invalid_asset' | 'shutting_down' | 'all_tuners_in_use' | 'database_busy' | 'database_unavailable';

/** Why a channel cannot be tuned now; its status, headers and message are what the viewer gets. */
export class TuneFailure extends Error {
  constructor(readonly status: TuneStatus, readonly code: TuneCode, message: string, readonly headers: Readonly<Record<string, string>> = {}) {
    super(message);
    this.name = 'TuneFailure';
  }
}

/** Everything that can keep a tune-in from starting playout. */
export type TuneCause =
  | PlanRefusal
  | { readonly kind: 'unplayable'; readonly channelId: string; readonly problem: AssetProblem }
  /** The plan could not be built (a broken producer or enricher, a database error). */
  | { readonly kind: 'failed'; readonly channelId: string; readonly error: unknown }
  | { readonly kind: 'shutting-down' }
  /** Starting the channel would play more channels at once than there are tuners (--tuners). */
  | { readonly kind: 'tuners-busy'; readonly channelId: string; readonly tuners: number };

/** What a viewer refused during a database outage is told to wait before trying again. */
export const UNAVAILABLE_RETRY_S = 2;

/** The one mapping of a tune cause to what a viewer is told. */
export function tuneFailureOf(cause: TuneCause): TuneFailure {
  switch (cause.kind) {
    case 'unknown-channel':
    case 'off-air':
      return new TuneFailure(404, 'unknown_channel', cause.message);
    case 'gap':
      return new TuneFailure(503, 'nothing_on_air', cause.message);
    case 'unplayable':
      return new TuneFailure(500, 'invalid_asset', `"${cause.problem.title}" on channel "${cause.channelId}" cannot play: ${cause.problem.reason} (asset ${cause.problem.assetId})`);
    case 'failed': {
      const message = cause.error instanceof Error ? cause.error.message : String(cause.error);
      if (isDatabaseBusy(cause.error)) return new TuneFailure(503, 'database_busy', `channel "${cause.channelId}" cannot be checked now: ${message}`, { 'Retry-After': '1' });
      if (isDatabaseUnavailable(cause.error)) return new TuneFailure(503, 'database_unavailable', `channel "${cause.channelId}" cannot be checked now: ${message}`, { 'Retry-After': String(UNAVAILABLE_RETRY_S) });
      return new TuneFailure(500, 'schedule_error', `channel "${cause.channelId}" has no playable plan: ${message}`);
    }
    case 'shutting-down':
      return new TuneFailure(503, 'shutting_down', 'the server is shutting down');
    case 'tuners-busy':
      // 805 is what a real HDHomeRun sends with "All Tuners In Use"; Plex and Jellyfin read it.
      return new TuneFailure(503, 'all_tuners_in_use', `all ${cause.tuners} tuners are in use: channel "${cause.channelId}" cannot start until one stops (--tuners)`, { 'X-HDHomeRun-Error': '805' });
  }
}

/** A TuneFailure as thrown, or any other error as a plan that could not be built. */
export function asTuneFailure(error: unknown, channelId: string): TuneFailure {
  return error instanceof TuneFailure ? error : tuneFailureOf({ kind: 'failed', channelId, error });
}

/**
 * The plan of `channelId` at `atMs` when it can start playout now: the plan source's answer, and the
 * segment on air playable. Throws the TuneFailure a viewer gets otherwise.
 */
export async function tunablePlan(planSource: PlanSource, channelId: string, atMs: number): Promise<PlayoutPlan> {
  let built: Awaited<ReturnType<PlanSource>>;
  try {
    built = await planSource(channelId, atMs);
  } catch (error) {
    throw tuneFailureOf({ kind: 'failed', channelId, error });
  }
  if (built.kind !== 'plan') throw tuneFailureOf(built);
  const problem = onAirProblem(built.plan);
  if (problem !== undefined) throw tuneFailureOf({ kind: 'unplayable', channelId, problem });
  return built.plan;
}
