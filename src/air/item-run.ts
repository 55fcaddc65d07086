// One item of the queue as it airs: its reference for events, and the events of its life (started, maybe
// substituted, ended) built with stream and wall-clock times. Pure apart from the injected clock.
import type { AirItem } from './air-schedule.js';
import type { AirEvent, PlayoutMode, SegmentRef } from './protocol.js';
import { streamMsAt, wallAt, type Timeline } from './timeline.js';

export class ItemRun {
  readonly ref: SegmentRef;
  /** Its start is queued in the pacer (it is reported when its first packet leaves). */
  announced = false;
  /** Its start has been reported. */
  started = false;
  substituted = false;
  /** Where its first frame aired (ticks), once known. */
  videoStart: number | undefined;
  /** How its pieces are made, in order (a copy join mid-GOP is a short transcode, then copy). */
  modes: readonly PlayoutMode[] = [];

  constructor(readonly item: AirItem, private readonly timeline: Timeline, private readonly now: () => number) {
    const segment = item.segment;
    this.ref = {
      index: item.segmentIndex,
      playlogEventId: segment?.playlogEventId ?? null,
      title: segment?.title ?? (item.role === 'underrun' ? 'slate (nothing scheduled)' : 'slate (gap in the plan)'),
      assetId: segment === null || segment.source.kind === 'synthetic' ? null : segment.source.assetId,
    };
  }

  startedEvent(position: number): AirEvent {
    this.started = true;
    this.videoStart = position;
    return {
      type: 'segment-started', segment: this.ref, scheduledAtMs: this.item.segment?.startsAtMs ?? this.item.startMs,
      inPointMs: this.item.inPointMs, durationMs: this.item.endMs - this.item.startMs, modes: this.modes, ...this.at(position),
    };
  }

  substitutedEvent(position: number, end: number, reason: string): AirEvent {
    this.substituted = true;
    return { type: 'segment-substituted', segment: this.ref, reason, substitute: 'slate', durationMs: streamMsAt(this.timeline, end) - streamMsAt(this.timeline, position), ...this.at(position) };
  }

  endedEvent(position: number, outcome: 'complete' | 'substituted' | 'stopped'): AirEvent {
    const playedMs = this.videoStart === undefined ? 0 : streamMsAt(this.timeline, position) - streamMsAt(this.timeline, this.videoStart);
    return { type: 'segment-ended', segment: this.ref, outcome, playedMs, ...this.at(position) };
  }

  private at(position: number): { streamTimeMs: number; wallClockMs: number; atMs: number } {
    return { streamTimeMs: streamMsAt(this.timeline, position), wallClockMs: wallAt(this.timeline, position), atMs: this.now() };
  }
}
