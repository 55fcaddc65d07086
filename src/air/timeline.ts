// The stream's timeline and the wall clock, tied together: stream position `streamStart` (ticks) airs at
// `anchorMs`, and every scheduled instant maps to a position on the output's frame grid, so pieces cut at
// their scheduled times never drift from the wall clock, however long the channel runs. Pure.
import { TICKS_PER_SECOND, ticksOfFrames, type Rational } from '../media/ffmpeg-format.js';

export interface Timeline {
  /** Epoch ms at which the stream's first position airs. */
  readonly anchorMs: number;
  /** Stream position (90 kHz ticks) of the first frame; leaves room for audio that starts before it. */
  readonly streamStart: number;
  readonly rate: Rational;
}

/** 1.4 s, ffmpeg's usual first timestamp: players expect nothing else, and nothing is ever negative. */
export const STREAM_START_TICKS = 126_000;

export function createTimeline(anchorMs: number, rate: Rational): Timeline {
  return { anchorMs, streamStart: STREAM_START_TICKS, rate };
}

/** The frame-grid position at which a wall-clock instant airs. */
export function ticksAt(timeline: Timeline, wallMs: number): number {
  const frames = Math.round(((wallMs - timeline.anchorMs) * timeline.rate.num) / (1000 * timeline.rate.den));
  return timeline.streamStart + ticksOfFrames(frames, timeline.rate);
}

/** Milliseconds since the stream's first position. */
export function streamMsAt(timeline: Timeline, ticks: number): number {
  return Math.round(((ticks - timeline.streamStart) * 1000) / TICKS_PER_SECOND);
}

/** The wall-clock instant a stream position airs at. */
export function wallAt(timeline: Timeline, ticks: number): number {
  return timeline.anchorMs + streamMsAt(timeline, ticks);
}
