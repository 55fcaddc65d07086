// The AIR engine's protocol with whoever runs it (ChannelManager): what goes in on stdin, what comes out
// on stdout and on the event channel. Plain types and the parser of stdin lines; no I/O.
//
//   node dist/air.mjs [--events fd:3|<path>] [--ffmpeg <path>] [--lead-ms N] [--start-burst-ms N] [--no-pacing]
//
// stdin   newline-delimited JSON (UTF-8), one message per line:
//         line 1      a PlayoutPlan (src/plugins/playout-plan.ts), as a producer built it; which file of an
//                     asset segment plays is src/catalog/playable-file.ts's rule, and a segment that cannot
//                     play (an "unavailable" asset, a missing file) airs as slate, reported with its reason;
//         later lines {"type":"extend","segments":[PlayoutSegment…],"directives"?:[FilterDirective…]}
//                     appends what lies past the end of what is queued (overlap is trimmed away, a hole is
//                     filled with slate) and, when `directives` is present, replaces the directives for
//                     everything not yet on air (the item on air is re-cut at its next video frame if its
//                     look changes: an operator's crawl shows within about lead + 1 s). Every extend
//                     message is answered by exactly one `extended` event (accepted 0 if it was ignored).
//                     Where the queue ends is the engine's to say: `started` and `extended` report it.
//                     {"type":"end"} no more extensions: exit 0 once everything queued has played.
//         EOF without "end" (the parent closed the pipe or died): stop at once, kill every ffmpeg, exit 0.
//         EOF after "end" is expected; the engine still stops at once if its parent process goes away.
// stdout  one continuous MPEG-TS (H.264 + AAC, PMT PID 0x1000, video 0x100, audio 0x101) and nothing else,
//         released in step with the wall clock (a little ahead of it, see --lead-ms), its first seconds
//         as fast as they are made (--start-burst-ms, DEFAULT_START_BURST_MS by default).
// events  JSON lines (AirEvent below) on fd 3 by default, or appended to the file / named pipe given
//         with --events. Every event has `type` and `atMs` (when it was emitted, epoch ms).
// stderr  diagnostics for people; never parsed.
// exit    0 after "end" and a complete playout, or after stdin EOF / SIGTERM / SIGINT / SIGHUP; 1 when
//         stdin closes before a plan, the first line is not a valid plan, stdout cannot be written, or not
//         even a bare slate can be made (no working ffmpeg); 2 on a usage error.
import type { FilterDirective, PlayoutPlan, PlayoutSegment } from '../plugins/playout-plan.js';

/**
 * A cold stream's first 6.5 s leave as fast as they are made: ffmpeg-based players (ffmpeg, Jellyfin's and
 * Plex's transcoders) read 5 s of one stream's media before they open a live MPEG-TS, and an HLS player
 * gets its first segments at once. The stream may start up to a GOP (1 s) short of its anchor, hence the
 * margin: at 5.5 s every other cold ffmpeg tune-in waited 4.5 s for real time. After it, the lead rules.
 */
export const DEFAULT_START_BURST_MS = 6500;
export const DEFAULT_LEAD_MS = 1500;

export type AirMessage =
  | { readonly type: 'extend'; readonly segments: readonly PlayoutSegment[]; readonly directives?: readonly FilterDirective[] }
  | { readonly type: 'end' };

/** How a segment (or part of one) is made; `modes` lists its pieces in order (slate standing in is 'synthetic'). */
export type PlayoutMode = 'transcode' | 'copy' | 'synthetic';

/** What a segment event refers to: the plan segment, or a gap the engine filled. */
export interface SegmentRef {
  /** Position in the engine's segment list (the plan's segments, then each extension's, in order); null for a gap. */
  readonly index: number | null;
  readonly playlogEventId: string | null;
  readonly title: string;
  readonly assetId: string | null;
}

/** Times of a point of the stream: its position, and the wall-clock instant it airs at. */
export interface StreamInstant {
  /** Milliseconds since the stream's first frame (0 at the start of the first segment played). */
  readonly streamTimeMs: number;
  /** Epoch ms at which this point of the stream is on air (the engine keeps the stream on the wall clock). */
  readonly wallClockMs: number;
}

export type AirEvent =
  /** The engine is up and reading stdin (before any plan): a plan handed over now starts at once. */
  | ({ readonly type: 'ready'; readonly pid: number; readonly parentDeathSignal: boolean } & Stamped)
  /** `queuedUntilMs`: the wall-clock instant what is queued runs out (then after each extension: `extended`). */
  | ({ readonly type: 'started'; readonly channelId: string; readonly pid: number; readonly queuedUntilMs: number } & StreamInstant & Stamped)
  | ({ readonly type: 'segment-started'; readonly segment: SegmentRef; readonly scheduledAtMs: number; readonly inPointMs: number; readonly durationMs: number; readonly modes: readonly PlayoutMode[] } & StreamInstant & Stamped)
  | ({ readonly type: 'segment-ended'; readonly segment: SegmentRef; readonly outcome: 'complete' | 'substituted' | 'stopped'; readonly playedMs: number } & StreamInstant & Stamped)
  /** Part or all of a segment was replaced by slate for exactly the time it had left. */
  | ({ readonly type: 'segment-substituted'; readonly segment: SegmentRef; readonly reason: string; readonly substitute: 'slate'; readonly durationMs: number } & StreamInstant & Stamped)
  /** A segment of a plan or extension that was over before the engine reached it. */
  | ({ readonly type: 'segment-skipped'; readonly segment: SegmentRef; readonly reason: string } & Stamped)
  | ({ readonly type: 'extended'; readonly accepted: number; readonly skipped: number; readonly directivesReplaced: boolean; readonly queuedUntilMs: number } & Stamped)
  /** Nothing was queued past this point: slate airs until an extension arrives. */
  | ({ readonly type: 'underrun' } & StreamInstant & Stamped)
  | ({ readonly type: 'error'; readonly message: string } & Stamped)
  | ({ readonly type: 'ended'; readonly reason: 'plan-complete' | 'stdin-closed' | 'signal' | 'failed' } & StreamInstant & Stamped);

interface Stamped {
  readonly atMs: number;
}

/** A stdin line after the first, parsed; a bad line is reported and ignored, never fatal. */
export function parseMessage(line: string): AirMessage | { readonly type: 'invalid'; readonly message: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { type: 'invalid', message: `stdin line is not JSON: ${line.slice(0, 80)}` };
  }
  if (typeof value !== 'object' || value === null) return { type: 'invalid', message: 'stdin line is not a JSON object' };
  const message = value as Record<string, unknown>;
  if (message['type'] === 'end') return { type: 'end' };
  if (message['type'] === 'extend' && Array.isArray(message['segments'])) {
    const directives = message['directives'];
    if (directives !== undefined && !Array.isArray(directives)) return { type: 'invalid', message: 'extend: directives must be an array' };
    return message as unknown as AirMessage;
  }
  return { type: 'invalid', message: `unknown message type ${JSON.stringify(message['type'])}; expected "extend" or "end"` };
}

export type { PlayoutPlan };
