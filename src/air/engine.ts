// The AIR engine: plays a PlayoutPlan as one continuous MPEG-TS. Items are queued from the plan and its
// extensions; each becomes one or more pieces (one ffmpeg each), started a little before it is needed;
// their packets are spliced onto one timeline and released in step with the wall clock. A piece that
// fails or comes up short is made up with slate for exactly the time it had left.
import type { Writable } from 'node:stream';
import { appendSegments, underrunItem, type AirItem } from './air-schedule.js';
import type { EventSink } from './event-channel.js';
import type { FfmpegLauncher } from './ffmpeg-launcher.js';
import { ItemRun } from './item-run.js';
import { Pacer } from './pacer.js';
import { decorationsChange } from './item-decorations.js';
import { planItem, slatePiece, type PiecePlanContext, type PieceSpec } from './piece-plan.js';
import { PieceProcess } from './piece-process.js';
import { checkDirectives, checkSegments } from './plan-check.js';
import type { AirEvent, AirMessage } from './protocol.js';
import { createTimeline, streamMsAt, ticksAt, wallAt, type Timeline } from './timeline.js';
import { isPayloadStart, pidOf } from './ts-packet.js';
import { TsSplicer, type PieceSplice, type SplicedPacket } from './ts-splicer.js';
import { TS_LAYOUT } from '../media/ffmpeg-args.js';
import { aacFrameTicks, frameTicks, parseFrameRate, TICKS_PER_SECOND } from '../media/ffmpeg-format.js';
import type { Clock } from '../core/clock.js';
import type { FilterDirective, PlayoutPlan } from '../plugins/playout-plan.js';

export interface EngineOptions {
  readonly launcher: FfmpegLauncher;
  readonly out: Writable;
  readonly events: EventSink;
  readonly clock: Clock;
  /** How far ahead of the wall clock output may run; Infinity: no pacing (tests, offline renders). */
  readonly leadMs: number;
  readonly readable: (path: string) => boolean;
  readonly log: (line: string) => void;
}

export type EndReason = 'plan-complete' | 'stdin-closed' | 'signal' | 'failed';

interface QueuedPiece {
  spec: PieceSpec;
  readonly run: ItemRun;
  readonly lastOfItem: boolean;
  /** Set when this piece stands in for (part of) a segment: reported when it starts airing. */
  readonly substitution?: { readonly reason: string; readonly level: 'slate' | 'bare' };
  process?: PieceProcess;
}

interface ActivePiece extends QueuedPiece {
  process: PieceProcess;
  readonly splice: PieceSplice;
  announced: boolean;
  endedByUs: boolean;
  stalled: boolean;
  /** The directives changed its look: it stops before its next video frame. */
  recut: boolean;
}

const READ_AHEAD_MS = 1000;
const MAX_PENDING_BYTES = 8 * 1024 * 1024;
/** Start the next piece this long before the current one's end (or once the current one has finished encoding). */
const PRESTART_MS = 10_000;
const STALL_MS = 5000;
const UNDERRUN_SLATE_MS = 3000;

export class AirEngine {
  private readonly timeline: Timeline;
  private readonly splicer: TsSplicer;
  private readonly pacer: Pacer;
  private readonly items: AirItem[] = [];
  private readonly queue: QueuedPiece[] = [];
  private current: ActivePiece | undefined;
  private cursorMs: number;
  private segmentCount = 0;
  private directives: readonly FilterDirective[];
  endRequested = false;
  private finished = false;
  private pumping = false;
  private resolveDone!: (reason: EndReason) => void;
  readonly done: Promise<EndReason> = new Promise((resolve) => {
    this.resolveDone = resolve;
  });

  constructor(private readonly plan: PlayoutPlan, private readonly options: EngineOptions) {
    const rate = parseFrameRate(plan.profile.frameRate);
    const now = options.clock.now();
    this.timeline = createTimeline(now, rate);
    this.cursorMs = now;
    this.directives = plan.directives;
    this.splicer = new TsSplicer(
      { videoPid: TS_LAYOUT.videoPid, audioPid: TS_LAYOUT.audioPid, frameTicks: frameTicks(rate), audioFrameTicks: aacFrameTicks(plan.profile.audioSampleRate) },
      this.timeline.streamStart,
    );
    this.pacer = new Pacer(options.out, {
      airsAt: (position) => wallAt(this.timeline, position),
      now: () => options.clock.now(),
      leadMs: options.leadMs,
      wake: () => this.pump(),
    });
  }

  start(): void {
    const appended = appendSegments(this.plan.segments, 0, this.cursorMs, { keepFirstInPoint: true });
    this.accept(appended, this.plan.segments.length);
    this.emit({ type: 'started', channelId: this.plan.channelId, pid: process.pid, ...this.instant(this.timeline.streamStart) });
    this.pump();
  }

  /** A stdin message after the plan. */
  handle(message: AirMessage): void {
    if (this.finished) return;
    if (message.type === 'end') {
      this.endRequested = true;
      this.pump();
      return;
    }
    try {
      const segments = checkSegments(message.segments, 'extend.segments');
      const directives = message.directives === undefined ? undefined : checkDirectives(message.directives, 'extend.directives');
      if (directives !== undefined) this.replaceDirectives(directives);
      const appended = appendSegments(segments, this.segmentCount, this.cursorMs, { keepFirstInPoint: false });
      this.accept(appended, segments.length);
      this.emit({ type: 'extended', accepted: segments.length - appended.skipped.length, skipped: appended.skipped.length, directivesReplaced: directives !== undefined, queuedUntilMs: this.cursorMs, atMs: this.now() });
      this.pump();
    } catch (error) {
      this.error(`extension ignored: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Stops at once: every ffmpeg is killed, the current segment is reported as stopped. */
  stop(reason: EndReason): void {
    if (this.finished) return;
    const position = this.splicer.position;
    if (this.current?.run.started) this.emit(this.current.run.endedEvent(this.splicer.videoEnd > 0 ? this.splicer.videoEnd : position, 'stopped'));
    this.finish(reason);
  }

  private accept(appended: ReturnType<typeof appendSegments>, count: number): void {
    for (const s of appended.skipped) {
      const run = new ItemRun({ role: 'segment', segmentIndex: s.segmentIndex, segment: s.segment, startMs: s.segment.startsAtMs, endMs: s.segment.startsAtMs, inPointMs: s.segment.inPointMs }, this.timeline, () => this.now());
      this.emit({ type: 'segment-skipped', segment: run.ref, reason: s.reason, atMs: this.now() });
    }
    this.items.push(...appended.items);
    this.cursorMs = appended.cursorMs;
    this.segmentCount += count;
  }

  private pump(): void {
    if (this.finished || this.pumping) return;
    this.pumping = true;
    try {
      this.moveData();
      this.prestart();
      this.watchStall();
      this.pacer.flush();
      if (this.current === undefined && this.queue.length === 0 && this.items.length === 0 && this.endRequested && this.pacer.idle) {
        this.finish('plan-complete');
      }
    } catch (error) {
      this.error(`engine failure: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      this.finish('failed');
    } finally {
      this.pumping = false;
    }
  }

  /** Feeds the current piece's packets through the splicer into the pacer while there is room. */
  private moveData(): void {
    for (;;) {
      const piece = this.current ?? this.startNextPiece();
      if (piece === undefined) return;
      while (this.hasRoom() && this.current === piece) {
        const packet = piece.process.peek();
        if (packet === undefined) break;
        if (piece.recut && pidOf(packet) === TS_LAYOUT.videoPid && isPayloadStart(packet)) {
          this.recut(piece);
          break;
        }
        piece.process.take();
        this.output(piece, piece.splice.push(packet));
        if (piece.splice.saturated && !piece.endedByUs) {
          piece.endedByUs = true; // the rest would be cut anyway: free the CPU now
          piece.process.kill();
        }
      }
      if (this.current !== piece) continue;
      if (!piece.process.drained) return;
      this.completePiece(piece);
    }
  }

  /**
   * New directives apply to what has not aired yet: the current item, if its look changes, is cut at its
   * next video frame and the rest made anew (the in-point moved on by what aired); a queued item whose
   * look changes is planned again. So an operator's crawl appears within about a second, not at the end
   * of the programme.
   */
  private replaceDirectives(directives: readonly FilterDirective[]): void {
    const before = this.directives;
    this.directives = directives;
    const anchorMs = this.timeline.anchorMs;
    const changes = (item: AirItem, fromMs: number) => item.segment !== null && decorationsChange(before, directives, { startMs: fromMs, endMs: item.endMs, anchorMs });
    const current = this.current;
    if (current !== undefined && current.substitution === undefined && changes(current.run.item, wallAt(this.timeline, Math.max(this.splicer.videoEnd, current.spec.start)))) {
      current.recut = true;
    }
    const replanned: AirItem[] = [];
    const kept = this.queue.filter((queued) => {
      const item = queued.run.item;
      const drop = queued.run === current?.run ? current.recut : queued.substitution === undefined && changes(item, item.startMs);
      if (!drop) return true;
      queued.process?.kill();
      if (queued.run !== current?.run && !replanned.includes(item)) replanned.push(item);
      return false;
    });
    this.queue.splice(0, this.queue.length, ...kept);
    this.items.unshift(...replanned);
  }

  /** Ends the current piece before its next video frame and queues the rest of its item under the new directives. */
  private recut(piece: ActivePiece): void {
    piece.endedByUs = true;
    piece.process.kill();
    this.current = undefined;
    const from = Math.max(this.splicer.videoEnd, piece.spec.start);
    const plan = planItem(piece.run.item, this.planContext(), from);
    const end = ticksAt(this.timeline, piece.run.item.endMs);
    const rest: QueuedPiece[] = plan.kind === 'substitute'
      ? [{ spec: slatePiece(from, end, this.plan.profile, 'Please stand by'), run: piece.run, lastOfItem: true, substitution: { reason: plan.reason, level: 'slate' } }]
      : plan.pieces.map((spec, i) => ({ spec, run: piece.run, lastOfItem: i === plan.pieces.length - 1 }));
    this.queue.unshift(...rest);
  }

  private hasRoom(): boolean {
    if (this.pacer.pendingBytes > MAX_PENDING_BYTES) return false;
    return !Number.isFinite(this.options.leadMs) || this.pacer.aheadMs() < this.options.leadMs + READ_AHEAD_MS;
  }

  private output(piece: ActivePiece, packets: readonly SplicedPacket[]): void {
    if (packets.length === 0) return;
    if (!piece.announced) {
      piece.announced = true;
      const start = piece.splice.summary().videoStart ?? piece.spec.start;
      const { run, substitution } = piece;
      if (!run.announced) {
        run.announced = true;
        this.pacer.mark(() => this.emit(run.startedEvent(start)));
      }
      if (substitution !== undefined) this.pacer.mark(() => this.emit(run.substitutedEvent(start, piece.spec.end, substitution.reason)));
    }
    this.pacer.push(packets);
  }

  private startNextPiece(): ActivePiece | undefined {
    const next = this.nextQueued();
    if (next === undefined) return undefined;
    this.queue.shift();
    const process = next.process ?? this.spawn(next.spec);
    const splice = this.splicer.begin({ start: next.spec.start, end: next.spec.end });
    this.current = { ...next, process, splice, announced: false, endedByUs: false, stalled: false, recut: false };
    return this.current;
  }

  /** The head of the piece queue, expanding items (or an underrun slate) into pieces as needed. */
  private nextQueued(allowUnderrun = true): QueuedPiece | undefined {
    while (this.queue.length === 0) {
      const item = this.items.shift();
      if (item === undefined) {
        if (this.endRequested || !allowUnderrun) return undefined;
        const underrun = underrunItem(this.cursorMs, UNDERRUN_SLATE_MS);
        this.cursorMs = underrun.endMs;
        this.emit({ type: 'underrun', ...this.instant(this.splicer.videoEnd > 0 ? this.splicer.videoEnd : this.timeline.streamStart) });
        this.expand(underrun);
        continue;
      }
      this.expand(item);
    }
    return this.queue[0];
  }

  private expand(item: AirItem): void {
    const run = new ItemRun(item, this.timeline, () => this.now());
    const plan = planItem(item, this.planContext());
    if (plan.kind === 'substitute') {
      run.modes = ['synthetic'];
      const spec = slatePiece(ticksAt(this.timeline, item.startMs), ticksAt(this.timeline, item.endMs), this.plan.profile, 'Please stand by');
      this.queue.push({ spec, run, lastOfItem: true, substitution: { reason: plan.reason, level: 'slate' } });
      return;
    }
    for (const warning of plan.warnings) this.error(warning);
    run.modes = plan.pieces.map((p) => p.mode);
    plan.pieces.forEach((spec, i) => this.queue.push({ spec, run, lastOfItem: i === plan.pieces.length - 1 }));
  }

  private planContext(): PiecePlanContext {
    return {
      profile: this.plan.profile, timeline: this.timeline, directives: this.directives,
      streamStarted: this.splicer.videoEnd > 0, readable: this.options.readable,
    };
  }

  /** A piece's output has ended: make up whatever it left of its window with slate, or close its item. */
  private completePiece(piece: ActivePiece): void {
    this.output(piece, piece.splice.finish());
    this.current = undefined;
    const summary = piece.splice.summary();
    const reached = Math.max(this.splicer.videoEnd, piece.spec.start);
    const shortBy = piece.spec.end - reached;
    const tolerance = 2 * frameTicks(this.timeline.rate);
    if (summary.emittedPes === 0 && piece.spec.fallback !== undefined) {
      this.log(`air: ${piece.run.ref.title}: ${piece.process.failure() ?? 'no output'}; trying the next way to make it`);
      this.queue.unshift({ spec: piece.spec.fallback, run: piece.run, lastOfItem: piece.lastOfItem });
      return;
    }
    if (shortBy > tolerance) {
      const why = piece.stalled ? `ffmpeg stalled for ${STALL_MS / 1000} s` : summary.emittedPes === 0
        ? (piece.process.failure() ?? 'no output')
        : (piece.process.failure() ?? `source ended ${(shortBy / TICKS_PER_SECOND).toFixed(2)} s early${lastWords(piece.process)}`);
      const level = piece.substitution === undefined ? 'slate' : 'bare';
      if (piece.substitution?.level === 'bare') throw new Error(`even a bare slate failed: ${why}`);
      this.log(`air: ${piece.run.ref.title}: ${why}; slate for ${(shortBy / TICKS_PER_SECOND).toFixed(2)} s`);
      this.queue.unshift({
        spec: slatePiece(reached, piece.spec.end, this.plan.profile, 'Please stand by', level === 'bare'),
        run: piece.run, lastOfItem: piece.lastOfItem, substitution: { reason: piece.substitution?.reason ?? why, level },
      });
      return;
    }
    if (piece.lastOfItem) {
      const run = piece.run;
      const end = this.splicer.videoEnd;
      this.pacer.mark(() => this.emit(run.endedEvent(end, run.substituted ? 'substituted' : 'complete')));
    }
  }

  /** Starts the next piece early, so its ffmpeg has opened, sought and encoded before it is needed. */
  private prestart(): void {
    const current = this.current;
    if (current === undefined || !current.announced) return;
    const remainingMs = ((current.spec.end - this.splicer.position) * 1000) / TICKS_PER_SECOND;
    if (remainingMs > PRESTART_MS && !current.process.exited) return;
    const next = this.nextQueued(false);
    if (next === undefined) return;
    next.process ??= this.spawn(next.spec);
    // A prestarted piece that already failed is replaced now, not when it comes up.
    if (next.process.exited && next.process.packetsRead === 0) this.replaceFailedHead(next);
  }

  private replaceFailedHead(head: QueuedPiece): void {
    const failure = head.process?.failure() ?? 'no output';
    if (head.spec.fallback !== undefined) {
      this.queue[0] = { spec: head.spec.fallback, run: head.run, lastOfItem: head.lastOfItem };
    } else if (head.substitution?.level !== 'bare') {
      const level = head.substitution === undefined ? 'slate' : 'bare';
      const spec = slatePiece(head.spec.start, head.spec.end, this.plan.profile, 'Please stand by', level === 'bare');
      this.queue[0] = { spec, run: head.run, lastOfItem: head.lastOfItem, substitution: { reason: head.substitution?.reason ?? failure, level } };
    } else {
      return; // left for completePiece to report as fatal
    }
    const replacement = this.queue[0] as QueuedPiece;
    replacement.process = this.spawn(replacement.spec);
  }

  // An ffmpeg that stops writing while the stream runs dry (a hung network mount) is given up on.
  private watchStall(): void {
    const current = this.current;
    if (current === undefined || current.process.exited || current.endedByUs) return;
    if (this.now() - current.process.lastDataAtMs < STALL_MS || this.pacer.aheadMs() > 0) return;
    current.stalled = true;
    current.endedByUs = true;
    current.process.kill();
  }

  private spawn(spec: PieceSpec): PieceProcess {
    return new PieceProcess(this.options.launcher, spec.args, () => this.pump(), () => this.now());
  }

  private finish(reason: EndReason): void {
    if (this.finished) return;
    this.finished = true;
    this.pacer.stop();
    this.options.launcher.killAll();
    const end = this.splicer.videoEnd > 0 ? this.splicer.videoEnd : this.timeline.streamStart;
    this.emit({ type: 'ended', reason, ...this.instant(end) });
    this.resolveDone(reason);
  }

  private instant(position: number): { streamTimeMs: number; wallClockMs: number; atMs: number } {
    return { streamTimeMs: streamMsAt(this.timeline, position), wallClockMs: wallAt(this.timeline, position), atMs: this.now() };
  }

  private error(message: string): void {
    this.log(`air: ${message}`);
    this.emit({ type: 'error', message, atMs: this.now() });
  }

  private emit(event: AirEvent): void {
    this.options.events.emit(event);
  }

  private log(line: string): void {
    this.options.log(line);
  }

  private now(): number {
    return this.options.clock.now();
  }
}

function lastWords(process: PieceProcess): string {
  const words = process.lastWords();
  return words === undefined ? '' : ` (${words})`;
}
