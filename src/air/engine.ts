// The AIR engine: plays a PlayoutPlan as one continuous MPEG-TS. Items are queued from the plan and its
// extensions; each becomes one or more pieces (one ffmpeg each), started a little before it is needed;
// their packets are spliced onto one timeline and released in step with the wall clock. A piece that
// fails or comes up short is made up with slate for exactly the time it had left.
import type { Writable } from 'node:stream';
import type { Appended } from './air-schedule.js';
import type { EventSink } from './event-channel.js';
import type { FfmpegLauncher } from './ffmpeg-launcher.js';
import { ItemRun } from './item-run.js';
import { Pacer } from './pacer.js';
import type { PieceSpec } from './piece-plan.js';
import { PieceProcess } from './piece-process.js';
import { PieceQueue, type QueuedPiece } from './piece-queue.js';
import { checkDirectives, checkSegments } from './plan-check.js';
import type { AirEvent, AirMessage } from './protocol.js';
import { createTimeline, streamMsAt, wallAt, type Timeline } from './timeline.js';
import { isPayloadStart, pidOf } from './ts-packet.js';
import { TsSplicer, type PieceSplice, type SplicedPacket } from './ts-splicer.js';
import { TS_LAYOUT } from '../media/ffmpeg-args.js';
import { aacFrameTicks, frameTicks, parseFrameRate, TICKS_PER_SECOND } from '../media/ffmpeg-format.js';
import type { FileStat } from '../catalog/playable-file.js';
import type { Clock } from '../core/clock.js';
import { RetroVueError } from '../core/errors.js';
import type { PlayoutPlan } from '../plugins/playout-plan.js';

export interface EngineOptions {
  readonly launcher: FfmpegLauncher;
  readonly out: Writable;
  readonly events: EventSink;
  readonly clock: Clock;
  /** How far ahead of the wall clock output may run; Infinity: no pacing (tests, offline renders). */
  readonly leadMs: number;
  /** The file system as the playability rule sees it (src/catalog/playable-file.ts). */
  readonly stat: FileStat;
  readonly log: (line: string) => void;
}

export type EndReason = 'plan-complete' | 'stdin-closed' | 'signal' | 'failed';

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

export class AirEngine {
  private readonly timeline: Timeline;
  private readonly splicer: TsSplicer;
  private readonly pacer: Pacer;
  private readonly queue: PieceQueue;
  private current: ActivePiece | undefined;
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
    this.queue = new PieceQueue({
      profile: plan.profile, timeline: this.timeline, stat: options.stat, now: () => this.now(),
      streamStarted: () => this.splicer.videoEnd > 0, warn: (message) => this.error(message),
    }, plan.directives);
  }

  start(): void {
    this.report(this.queue.append(this.plan.segments, true));
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
      const appended = this.queue.append(segments, false);
      this.report(appended);
      this.emit({ type: 'extended', accepted: segments.length - appended.skipped.length, skipped: appended.skipped.length, directivesReplaced: directives !== undefined, queuedUntilMs: this.queue.cursorMs, atMs: this.now() });
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

  private report(appended: Appended): void {
    for (const s of appended.skipped) {
      const run = new ItemRun({ role: 'segment', segmentIndex: s.segmentIndex, segment: s.segment, startMs: s.segment.startsAtMs, endMs: s.segment.startsAtMs, inPointMs: s.segment.inPointMs }, this.timeline, () => this.now());
      this.emit({ type: 'segment-skipped', segment: run.ref, reason: s.reason, atMs: this.now() });
    }
  }

  private pump(): void {
    if (this.finished || this.pumping) return;
    this.pumping = true;
    try {
      this.moveData();
      this.prestart();
      this.watchStall();
      this.pacer.flush();
      if (this.current === undefined && this.queue.empty && this.endRequested && this.pacer.idle) {
        this.finish('plan-complete');
      }
    } catch (error) {
      // A known dead end is one line; anything else is a bug and keeps its stack.
      const message = error instanceof RetroVueError ? error.message : `engine failure: ${error instanceof Error ? error.stack ?? error.message : String(error)}`;
      this.error(message);
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
   * New directives apply to what has not aired yet: the item on air, if its look changes, is cut before its
   * next video frame and the rest made anew (the in-point moved on by what aired); a queued item whose look
   * changes is planned again. So an operator's crawl shows within about a second, not after the programme.
   */
  private replaceDirectives(directives: PlayoutPlan['directives']): void {
    const c = this.current;
    const on = c === undefined ? undefined : { run: c.run, from: Math.max(this.splicer.videoEnd, c.spec.start), substitute: c.substitution !== undefined };
    if (this.queue.replaceDirectives(directives, on) && c !== undefined) c.recut = true;
  }

  /** Ends the piece on air before its next video frame and queues the rest of its item. */
  private recut(piece: ActivePiece): void {
    piece.endedByUs = true;
    piece.process.kill();
    this.current = undefined;
    this.queue.unshift(...this.queue.restOf(piece.run, Math.max(this.splicer.videoEnd, piece.spec.start)));
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
    const head = this.queue.head(!this.endRequested);
    if (head === undefined) return undefined;
    if (head.underrunAtMs !== undefined) this.emit({ type: 'underrun', ...this.instant(Math.max(this.splicer.videoEnd, this.timeline.streamStart)) });
    const next = head.piece;
    this.queue.shift();
    const process = next.process ?? this.spawn(next.spec);
    const splice = this.splicer.begin({ start: next.spec.start, end: next.spec.end });
    this.current = { ...next, process, splice, announced: false, endedByUs: false, stalled: false, recut: false };
    return this.current;
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
      if (piece.substitution?.level === 'bare') {
        throw new RetroVueError('unreachable', `cannot play even a bare slate (${why}); is ffmpeg installed and working (see --ffmpeg)?`);
      }
      this.log(`air: ${piece.run.ref.title}: ${why}; slate for ${(shortBy / TICKS_PER_SECOND).toFixed(2)} s`);
      this.queue.unshift(this.queue.slate(piece.run, reached, piece.spec.end, { reason: piece.substitution?.reason ?? why, level }, piece.lastOfItem));
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
    const next = this.queue.head(false)?.piece;
    if (next === undefined) return;
    next.process ??= this.spawn(next.spec);
    // A prestarted piece that already failed is replaced now, not when it comes up.
    if (next.process.exited && next.process.packetsRead === 0) this.replaceFailedHead(next);
  }

  private replaceFailedHead(head: QueuedPiece): void {
    const failure = head.process?.failure() ?? 'no output';
    let replacement: QueuedPiece;
    if (head.spec.fallback !== undefined) {
      replacement = { spec: head.spec.fallback, run: head.run, lastOfItem: head.lastOfItem };
    } else if (head.substitution?.level !== 'bare') {
      const level = head.substitution === undefined ? 'slate' : 'bare';
      replacement = this.queue.slate(head.run, head.spec.start, head.spec.end, { reason: head.substitution?.reason ?? failure, level }, head.lastOfItem);
    } else {
      return; // left for completePiece to report as fatal
    }
    replacement.process = this.spawn(replacement.spec);
    this.queue.replaceHead(replacement);
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
