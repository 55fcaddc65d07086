// The `schedule` producer (the default): the plan is the channel's playlog, segment for segment. The event
// on air at the plan's start is joined mid-way, its in-point exactly how far into it that instant is.
import type { PlaylogEvent } from '../playlog-event.js';
import { findOutputProfile, outputProfileNames } from '../output-profiles.js';
import { defaultOutputProfile, type OutputProfile, type PlayoutSegment, type SegmentSource } from '../playout-plan.js';
import type { Producer, ProducerInput, ResolvedMedia } from '../producer.js';

export interface ScheduleProducerConfig {
  /** Name of the output profile (default sd-480p30). */
  readonly profile?: string;
  /** A fade from black of this many ms into every program after a break (0, the default: cuts only). */
  readonly fade_ms?: number;
}

export const scheduleProducer: Producer<ScheduleProducerConfig> = {
  type: 'schedule',
  description: "Plays the channel's playlog as scheduled, joining the event on air at the right offset",
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      profile: { type: 'string', enum: [...outputProfileNames] },
      fade_ms: { type: 'integer', minimum: 0, maximum: 5000 },
    },
  },
  profileOf: (config) => profileNamed(config.profile),
  produce(input, config) {
    const fadeMs = config.fade_ms ?? 0;
    const segments = input.events
      .filter((e) => e.endMs > input.atMs && e.startMs < input.untilMs)
      .map((event, i, events) => segmentOf(event, input, fadeMs > 0 && i > 0 && startsProgram(event, events[i - 1]) ? fadeMs : 0));
    return { channelId: input.channelId, profile: input.profile, segments, directives: [], builtAtMs: input.atMs };
  },
};

export function profileNamed(name: string | undefined): OutputProfile {
  return (name === undefined ? undefined : findOutputProfile(name)) ?? defaultOutputProfile;
}

function startsProgram(event: PlaylogEvent, previous: PlaylogEvent | undefined): boolean {
  return event.role === 'program' && previous !== undefined && previous.role !== 'program';
}

/** The segment realising `event` from the plan's start on (a fade never opens a mid-show join). */
export function segmentOf(event: PlaylogEvent, input: Pick<ProducerInput, 'atMs' | 'media'>, fadeMs: number): PlayoutSegment {
  const startsAtMs = Math.max(event.startMs, input.atMs);
  const joinedMs = startsAtMs - event.startMs;
  const source = event.source;
  const segmentSource: SegmentSource =
    source.kind === 'asset'
      ? assetSource(source.assetId, input.media.get(source.assetId))
      : { kind: 'synthetic', synthetic: source.synthetic, ...(source.text === undefined ? {} : { text: source.text }) };
  return {
    source: segmentSource,
    inPointMs: (source.kind === 'asset' ? source.inPointMs : 0) + joinedMs,
    durationMs: event.endMs - startsAtMs,
    startsAtMs,
    playlogEventId: event.id,
    title: event.episodeTitle === undefined ? event.title : `${event.title}: ${event.episodeTitle}`,
    transitionIn: fadeMs > 0 && joinedMs === 0 ? { kind: 'fade', durationMs: fadeMs } : { kind: 'cut' },
  };
}

/** An asset the catalog no longer has plays nothing: AIR substitutes slate and reports why. */
function assetSource(assetId: string, media: ResolvedMedia | undefined): SegmentSource {
  if (media === undefined) return { kind: 'unavailable', assetId, reason: `asset ${assetId} was not resolved by the catalog` };
  if (media.kind === 'vanished') return { kind: 'unavailable', assetId, reason: media.reason };
  return {
    kind: 'asset', assetId, path: media.path,
    ...(media.rendition === undefined ? {} : { rendition: media.rendition }),
    ...(media.treatment === undefined ? {} : { treatment: media.treatment }),
  };
}
