// How an item of the queue is made: which ffmpeg(s) run, with which arguments, and where each one's
// output goes on the stream's timeline. Which file plays is the one playability rule's to say
// (src/catalog/playable-file.ts); a rendition is copied when nothing needs drawing and its key frames
// allow; otherwise transcode; synthetic media and slate through lavfi. Pure (file checks are injected).
import { decorationsFor } from './item-decorations.js';
import { treatmentAttempts } from './treatment-fallbacks.js';
import type { AirItem } from './air-schedule.js';
import type { PlayoutMode } from './protocol.js';
import { ticksAt, wallAt, type Timeline } from './timeline.js';
import { copyPieceArgs, transcodePieceArgs, type PieceSource } from '../media/ffmpeg-piece.js';
import { gopFrames, ticksOfFrames, TICKS_PER_SECOND } from '../media/ffmpeg-format.js';
import type { SyntheticPicture } from '../media/ffmpeg-synthetic.js';
import { fileProblem, type FileStat, playableFile } from '../catalog/playable-file.js';
import type { FilterDirective, OutputProfile } from '../plugins/playout-plan.js';

export interface PieceSpec {
  readonly args: readonly string[];
  readonly mode: PlayoutMode;
  /** Stream positions (ticks) the piece's output is cut to. */
  readonly start: number;
  readonly end: number;
  /** Tried in its place when this one yields nothing (a file that has no audio stream). */
  readonly fallback?: PieceSpec;
}

export interface PiecePlanContext {
  readonly profile: OutputProfile;
  readonly timeline: Timeline;
  readonly directives: readonly FilterDirective[];
  /** True once the stream has output: a copy join then cannot start late on a key frame. */
  readonly streamStarted: boolean;
  readonly stat: FileStat;
}

/** Either the pieces that make the item, or the reason it must be replaced by slate outright. */
export type ItemPlan =
  | { readonly kind: 'pieces'; readonly pieces: readonly PieceSpec[]; readonly warnings: readonly string[] }
  | { readonly kind: 'substitute'; readonly reason: string };

// ffmpeg is asked for a little more than the window: the splicer cuts exactly, and a piece never ends short
// by rounding. A source short by up to half a second holds its last frame instead of flashing slate.
const OVERRUN_MS = 200;
const HOLD_LAST_FRAME_MS = 500;

/**
 * @param fromTicks plan only what is left from this stream position on (a re-cut when the directives
 *   change mid-item): the in-point moves on by as much, and a fade-in is not repeated.
 */
export function planItem(item: AirItem, ctx: PiecePlanContext, fromTicks?: number): ItemPlan {
  const itemStart = ticksAt(ctx.timeline, item.startMs);
  const start = Math.max(itemStart, fromTicks ?? itemStart);
  const end = ticksAt(ctx.timeline, item.endMs);
  const segment = item.segment;
  if (segment === null) return pieces([slatePiece(start, end, ctx.profile, 'Please stand by')]);
  const inPointMs = item.inPointMs + msOf(start - itemStart);
  const warnings: string[] = [];
  const directives = ctx.directives.filter((d) => {
    const problem = d.kind === 'image-overlay' ? fileProblem(d.imagePath, ctx.stat) : null;
    if (problem === null) return true;
    warnings.push(`overlay image unusable (${problem}); the bug is left out`);
    return false;
  });
  const decorations = decorationsFor(directives, { startMs: wallAt(ctx.timeline, start), endMs: item.endMs, anchorMs: ctx.timeline.anchorMs });
  const fadeInMs = segment.transitionIn.kind === 'fade' && start === itemStart ? segment.transitionIn.durationMs : 0;
  const source = segment.source;
  const transcode = (from: PieceSource, s: number, e: number, draw = true): PieceSpec => ({
    args: transcodePieceArgs({
      source: from, format: ctx.profile, durationMs: msOf(e - s) + OVERRUN_MS, decorations: draw ? decorations : [],
      fadeInMs: s === start ? fadeInMs : 0, holdLastFrameMs: HOLD_LAST_FRAME_MS,
    }),
    mode: from.kind === 'synthetic' ? 'synthetic' : 'transcode', start: s, end: e,
  });
  if (source.kind === 'synthetic') {
    return pieces([transcode({ kind: 'synthetic', picture: source.synthetic, text: source.text }, start, end)], warnings);
  }
  const file = playableFile(source, ctx.profile.name, ctx.stat);
  if (file.kind === 'unplayable') return { kind: 'substitute', reason: file.reason };
  // The source airs with the segment's treatment (a rendition has it already); each attempt falls back to the next.
  const sourcePath = file.kind === 'rendition' ? file.sourcePath : file.path;
  const attempts = treatmentAttempts(source.kind === 'asset' ? source.treatment : undefined, ctx.stat, warnings);
  const fromSource = (s: number, e: number): PieceSpec => {
    const seekMs = inPointMs + msOf(s - start);
    return chainAttempts(attempts.map(({ treatment, audio }) => transcode({ kind: 'file', path: sourcePath, seekMs, audio, ...(treatment === undefined ? {} : { treatment }) }, s, e)));
  };
  if (file.kind === 'source') {
    if (file.renditionSkipped !== null) warnings.push(`${file.renditionSkipped}; transcoding the source`);
    return pieces([fromSource(start, end)], warnings);
  }
  // A rendition that fails to play (corrupt, truncated) falls back to the source, then to slate.
  const fromRendition = (s: number, e: number, draw = true): PieceSpec => ({
    ...transcode({ kind: 'file', path: file.path, seekMs: inPointMs + msOf(s - start), audio: 'source' }, s, e, draw),
    fallback: fromSource(s, e),
  });
  if (decorations.length > 0 || fadeInMs > 0) return pieces([fromRendition(start, end)], warnings);
  return pieces(copyPieces(file.path, inPointMs, start, end, ctx, fromRendition, fromSource), warnings);
}

/**
 * A rendition has a key frame every `gop` frames from its first. A span starting on one is copied whole.
 * Otherwise the stream's very first piece starts at the next key frame, placed where that frame airs (a
 * tune-in never waits for a transcoder); later on, the frames up to the next key frame are transcoded
 * from the rendition and the rest copied, so the join is frame-exact and the stream has no hole.
 */
function copyPieces(
  path: string, inPointMs: number, start: number, end: number, ctx: PiecePlanContext,
  head: (s: number, e: number, draw: boolean) => PieceSpec, fallback: (s: number, e: number) => PieceSpec,
): PieceSpec[] {
  const rate = ctx.timeline.rate;
  const gop = gopFrames(rate);
  const inFrame = Math.round((inPointMs * rate.num) / (1000 * rate.den));
  const nearKey = Math.round(inFrame / gop) * gop;
  const onKey = Math.abs(inFrame - nearKey) <= 1;
  const keyFrame = onKey ? nearKey : Math.ceil(inFrame / gop) * gop;
  const copyStart = onKey ? start : start + ticksOfFrames(keyFrame - inFrame, rate);
  if (copyStart >= end) return [head(start, end, false)];
  const copy: PieceSpec = {
    // Half a frame past the key frame: the seek lands on it, never on the one before.
    args: copyPieceArgs({ path, seekMs: frameMs(keyFrame, ctx) + halfFrameMs(ctx), durationMs: msOf(end - copyStart) + OVERRUN_MS }),
    mode: 'copy', start: copyStart, end, fallback: fallback(copyStart, end),
  };
  if (onKey || !ctx.streamStarted) return [copy];
  return [head(start, copyStart, false), copy];
}

/** Slate for a stream span; `bare` leaves out the text (the last resort if even drawtext fails). */
export function slatePiece(start: number, end: number, profile: OutputProfile, text: string, bare = false): PieceSpec {
  const picture: SyntheticPicture = 'slate';
  return {
    args: transcodePieceArgs({ source: { kind: 'synthetic', picture, text }, format: profile, durationMs: msOf(end - start) + OVERRUN_MS, decorations: [], drawText: !bare }),
    mode: 'synthetic', start, end,
  };
}

function pieces(list: PieceSpec[], warnings: readonly string[] = []): ItemPlan {
  return { kind: 'pieces', pieces: list, warnings };
}

function msOf(ticks: number): number {
  return Math.max(0, Math.round((ticks * 1000) / TICKS_PER_SECOND));
}

function frameMs(frame: number, ctx: PiecePlanContext): number {
  return Math.round((ticksOfFrames(frame, ctx.timeline.rate) * 1000) / TICKS_PER_SECOND);
}

function halfFrameMs(ctx: PiecePlanContext): number {
  return Math.floor((500 * ctx.timeline.rate.den) / ctx.timeline.rate.num);
}

/** The first spec, each falling back to the next. */
function chainAttempts(specs: readonly PieceSpec[]): PieceSpec {
  return specs.reduceRight<PieceSpec | undefined>((fallback, spec) => (fallback === undefined ? spec : { ...spec, fallback }), undefined) as PieceSpec;
}
