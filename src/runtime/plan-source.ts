// Where a channel's PlayoutPlan comes from (the playout layer's plan at now, injected), and what a viewer
// is told when there is none: 404 unknown channel, 503 nothing on air now, 500 a schedule error or an
// asset that cannot play. Checking a plan never starts a process.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { isRetroVueError } from '../core/errors.js';
import type { PlayoutPlan, PlayoutSegment } from '../plugins/playout-plan.js';

/** The plan of `channelId` from `atMs` on (its first segment on air at `atMs`, joined mid-show). */
export type PlanSource = (channelId: string, atMs: number) => Promise<PlayoutPlan>;

export type TuneStatus = 404 | 500 | 503;

/** Why a channel cannot be tuned now; its status and message are what the viewer gets. */
export class TuneFailure extends Error {
  constructor(readonly status: TuneStatus, readonly code: 'unknown_channel' | 'nothing_on_air' | 'schedule_error' | 'invalid_asset', message: string) {
    super(message);
    this.name = 'TuneFailure';
  }
}

/** A plan source's failure as a viewer sees it: a missing channel is 404, anything else a schedule error. */
export function tuneFailureOf(error: unknown, channelId: string): TuneFailure {
  if (error instanceof TuneFailure) return error;
  if (isRetroVueError(error) && error.code === 'not_found') return new TuneFailure(404, 'unknown_channel', error.message);
  const message = error instanceof Error ? error.message : String(error);
  return new TuneFailure(500, 'schedule_error', `channel "${channelId}" has no playable plan: ${message}`);
}

/** Segments shorter than this at `atMs` are as good as over. */
const ON_AIR_SLACK_MS = 1000;

/** The segment on air at `atMs`: the first one that has not ended and has started (give or take a second). */
export function segmentOnAir(plan: PlayoutPlan, atMs: number): PlayoutSegment | undefined {
  return plan.segments.find((s) => s.startsAtMs + s.durationMs > atMs && s.startsAtMs <= atMs + ON_AIR_SLACK_MS);
}

/**
 * 503 when nothing is on air at `atMs`, 500 when the file of what is on air is missing or unreadable (the
 * engine would only show slate; a viewer is better told). Later segments are the engine's to substitute.
 */
export async function checkTunable(plan: PlayoutPlan, atMs: number): Promise<PlayoutSegment> {
  const segment = segmentOnAir(plan, atMs);
  if (segment === undefined) {
    throw new TuneFailure(503, 'nothing_on_air', `nothing is scheduled on channel "${plan.channelId}" at ${new Date(atMs).toISOString()}`);
  }
  if (segment.source.kind === 'asset') {
    const path = segment.source.rendition?.path ?? segment.source.path;
    const problem = await fileProblem(path);
    if (problem !== null) {
      throw new TuneFailure(500, 'invalid_asset', `"${segment.title}" on channel "${plan.channelId}" cannot play: ${problem} (asset ${segment.source.assetId})`);
    }
  }
  return segment;
}

async function fileProblem(path: string): Promise<string | null> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return `${path} is not a file`;
    await access(path, constants.R_OK);
    return info.size === 0 ? `${path} is empty` : null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `its file ${path} is missing` : `its file ${path} cannot be read (${code ?? 'error'})`;
  }
}
