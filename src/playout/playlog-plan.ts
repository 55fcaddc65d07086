// A minimal plan at now, straight from the playlog: each PlaylogEvent on air in [at, at + span) becomes
// one segment, the first joined mid-event at the right in-point. No producer plugins, no playout
// enrichers: a stand-in the runtime uses until the playout layer's plan builder is wired in.
import type { Kysely } from 'kysely';
import { RetroVueError } from '../core/errors.js';
import type { Schema } from '../db/schema.js';
import { defaultOutputProfile, type PlayoutPlan, type PlayoutSegment, type SegmentSource } from '../plugins/playout-plan.js';
import type { PlaylogEvent } from '../plugins/playlog-event.js';
import { findChannel } from '../scheduling/channel-repository.js';
import { loadPlaylog } from '../scheduling/playlog-repository.js';

export const PLAYLOG_PLAN_SPAN_MS = 2 * 3_600_000;

/** Segments of `events` clipped to [fromMs, toMs). Pure. */
export function segmentsOfPlaylog(events: readonly PlaylogEvent[], fromMs: number, toMs: number): PlayoutSegment[] {
  const segments: PlayoutSegment[] = [];
  for (const event of events) {
    const start = Math.max(event.startMs, fromMs);
    const end = Math.min(event.endMs, toMs);
    if (end <= start) continue;
    const source: SegmentSource =
      event.source.kind === 'asset'
        ? { kind: 'asset', assetId: event.source.assetId, path: event.source.path }
        : { kind: 'synthetic', synthetic: event.source.synthetic, ...(event.source.text === undefined ? {} : { text: event.source.text }) };
    const inPointMs = (event.source.kind === 'asset' ? event.source.inPointMs : 0) + (start - event.startMs);
    const title = event.episodeTitle === undefined ? event.title : `${event.title}: ${event.episodeTitle}`;
    segments.push({ source, inPointMs, durationMs: end - start, startsAtMs: start, playlogEventId: event.id, title, transitionIn: { kind: 'cut' } });
  }
  return segments;
}

/** The plan of a channel from `atMs`: not_found for an unknown channel, no segments when nothing is on air. */
export async function playlogPlanAt(db: Kysely<Schema>, channelId: string, atMs: number, spanMs = PLAYLOG_PLAN_SPAN_MS): Promise<PlayoutPlan> {
  const channel = await findChannel(db, channelId);
  if (channel === undefined) throw new RetroVueError('not_found', `channel "${channelId}" does not exist; see \`retrovue channel list\``);
  const events = await loadPlaylog(db, channelId, atMs, atMs + spanMs);
  return { channelId, profile: defaultOutputProfile, segments: segmentsOfPlaylog(events, atMs, atMs + spanMs), directives: [], builtAtMs: atMs };
}
