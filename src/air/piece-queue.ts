// What airs next: the items queued from the plan and its extensions, expanded one at a time into the
// pieces that make them (see piece-plan.ts), slate where an item cannot be made, an underrun slate when
// nothing is queued, and re-planning when the directives change. No processes are started here.
import { appendSegments, underrunItem, type Appended, type AirItem } from './air-schedule.js';
import { decorationsChange } from './item-decorations.js';
import { ItemRun } from './item-run.js';
import { planItem, slatePiece, type PiecePlanContext, type PieceSpec } from './piece-plan.js';
import type { PieceProcess } from './piece-process.js';
import { ticksAt, wallAt, type Timeline } from './timeline.js';
import type { FileStat } from '../catalog/playable-file.js';
import type { FilterDirective, OutputProfile, PlayoutSegment } from '../plugins/playout-plan.js';

export interface QueuedPiece {
  readonly spec: PieceSpec;
  readonly run: ItemRun;
  readonly lastOfItem: boolean;
  /** Set when this piece stands in for (part of) a segment: reported when it starts airing. */
  readonly substitution?: { readonly reason: string; readonly level: 'slate' | 'bare' };
  /** Its ffmpeg, once started ahead of time. */
  process?: PieceProcess;
}

export interface PieceQueueOptions {
  readonly profile: OutputProfile;
  readonly timeline: Timeline;
  readonly stat: FileStat;
  readonly now: () => number;
  /** True once the stream has output (a copy join can no longer start late on a key frame). */
  readonly streamStarted: () => boolean;
  readonly warn: (message: string) => void;
}

const UNDERRUN_SLATE_MS = 3000;

export class PieceQueue {
  private readonly items: AirItem[] = [];
  private readonly pieces: QueuedPiece[] = [];
  /** Wall-clock end of everything queued. */
  cursorMs: number;
  private segmentCount = 0;

  constructor(private readonly options: PieceQueueOptions, private directives: readonly FilterDirective[]) {
    this.cursorMs = options.timeline.anchorMs;
  }

  /** Queues segments after what is queued; they are numbered on from the previous ones. */
  append(segments: readonly PlayoutSegment[], keepFirstInPoint: boolean): Appended {
    const appended = appendSegments(segments, this.segmentCount, this.cursorMs, { keepFirstInPoint });
    this.items.push(...appended.items);
    this.cursorMs = appended.cursorMs;
    this.segmentCount += segments.length;
    return appended;
  }

  get empty(): boolean {
    return this.pieces.length === 0 && this.items.length === 0;
  }

  /**
   * The next piece, expanding the next item if need be. With `underrun`, an empty queue gets a few seconds
   * of slate (returned with `underrunAt`, the wall-clock instant it starts) rather than nothing.
   */
  head(underrun: boolean): { piece: QueuedPiece; underrunAtMs?: number } | undefined {
    let underrunAtMs: number | undefined;
    while (this.pieces.length === 0) {
      let item = this.items.shift();
      if (item === undefined) {
        if (!underrun) return undefined;
        item = underrunItem(this.cursorMs, UNDERRUN_SLATE_MS);
        underrunAtMs = this.cursorMs;
        this.cursorMs = item.endMs;
      }
      this.expand(item);
    }
    const piece = this.pieces[0] as QueuedPiece;
    return underrunAtMs === undefined ? { piece } : { piece, underrunAtMs };
  }

  shift(): void {
    this.pieces.shift();
  }

  /** Puts pieces in front (a fallback, a slate making up a shortfall, the rest of a re-cut item). */
  unshift(...pieces: QueuedPiece[]): void {
    this.pieces.unshift(...pieces);
  }

  replaceHead(piece: QueuedPiece): void {
    this.pieces[0] = piece;
  }

  /** Slate for a span of an item, standing in for what could not be made. */
  slate(run: ItemRun, start: number, end: number, substitution: NonNullable<QueuedPiece['substitution']>, lastOfItem: boolean): QueuedPiece {
    return { spec: slatePiece(start, end, this.options.profile, 'Please stand by', substitution.level === 'bare'), run, lastOfItem, substitution };
  }

  /**
   * What airs in place of a piece that failed or came up short, from stream position `from` to the end of
   * its window: its fallback (if `fallback` allows: only a piece that aired nothing may start over), else
   * slate, else a bare slate; undefined once even a bare slate has failed (the engine cannot go on).
   */
  standIn(piece: QueuedPiece, from: number, why: string, fallback: boolean): QueuedPiece | undefined {
    if (fallback && piece.spec.fallback !== undefined) return { spec: piece.spec.fallback, run: piece.run, lastOfItem: piece.lastOfItem };
    if (piece.substitution?.level === 'bare') return undefined;
    const level = piece.substitution === undefined ? 'slate' : 'bare';
    return this.slate(piece.run, from, piece.spec.end, { reason: piece.substitution?.reason ?? why, level }, piece.lastOfItem);
  }

  /**
   * New directives for everything not yet on air. Queued items whose look changes are planned again (a
   * piece started early is killed); returns whether the piece on air (`current`, from stream position
   * `from`) changes look, in which case its item's queued pieces are dropped too, for `restOf` to replace.
   */
  replaceDirectives(directives: readonly FilterDirective[], current: { readonly run: ItemRun; readonly from: number; readonly substitute: boolean } | undefined): boolean {
    const before = this.directives;
    this.directives = directives;
    const changes = (item: AirItem, fromMs: number) =>
      item.segment !== null && decorationsChange(before, directives, { startMs: fromMs, endMs: item.endMs, anchorMs: this.options.timeline.anchorMs });
    const recut = current !== undefined && !current.substitute && changes(current.run.item, wallAt(this.options.timeline, current.from));
    const replanned: AirItem[] = [];
    const kept = this.pieces.filter((queued) => {
      const item = queued.run.item;
      const drop = queued.run === current?.run ? recut : queued.substitution === undefined && changes(item, item.startMs);
      if (!drop) return true;
      queued.process?.kill();
      if (queued.run !== current?.run && !replanned.includes(item)) replanned.push(item);
      return false;
    });
    this.pieces.splice(0, this.pieces.length, ...kept);
    this.items.unshift(...replanned);
    return recut;
  }

  /** The pieces that make the rest of an item from stream position `from`, under the current directives. */
  restOf(run: ItemRun, from: number): QueuedPiece[] {
    const plan = planItem(run.item, this.context(), from);
    if (plan.kind === 'substitute') {
      return [this.slate(run, from, ticksAt(this.options.timeline, run.item.endMs), { reason: plan.reason, level: 'slate' }, true)];
    }
    return plan.pieces.map((spec, i) => ({ spec, run, lastOfItem: i === plan.pieces.length - 1 }));
  }

  private expand(item: AirItem): void {
    const run = new ItemRun(item, this.options.timeline, this.options.now);
    const plan = planItem(item, this.context());
    if (plan.kind === 'substitute') {
      run.modes = ['synthetic'];
      const { timeline } = this.options;
      this.pieces.push(this.slate(run, ticksAt(timeline, item.startMs), ticksAt(timeline, item.endMs), { reason: plan.reason, level: 'slate' }, true));
      return;
    }
    for (const warning of plan.warnings) this.options.warn(warning);
    run.modes = plan.pieces.map((p) => p.mode);
    plan.pieces.forEach((spec, i) => this.pieces.push({ spec, run, lastOfItem: i === plan.pieces.length - 1 }));
  }

  private context(): PiecePlanContext {
    const { profile, timeline, stat } = this.options;
    return { profile, timeline, stat, directives: this.directives, streamStarted: this.options.streamStarted() };
  }
}
