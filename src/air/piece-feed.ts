// What is on air, piece by piece: the queue's next piece goes on air (its ffmpeg started early or now), its
// packets go through the splicer into the pacer while there is room, and when it ends whatever it left of
// its window is made up (fallback, slate). The piece after it is started ahead of time; a piece whose
// look the directives change is re-cut; an ffmpeg that stalls is given up on. Starts and kills ffmpegs.
import type { FfmpegLauncher } from './ffmpeg-launcher.js';
import type { Pacer } from './pacer.js';
import type { PieceSpec } from './piece-plan.js';
import { onAir, shortfallReason, STALL_MS, type PieceOnAir } from './piece-on-air.js';
import { PieceProcess } from './piece-process.js';
import type { PieceQueue, QueuedPiece } from './piece-queue.js';
import type { AirEvent } from './protocol.js';
import type { Timeline } from './timeline.js';
import { isPayloadStart, pidOf } from './ts-packet.js';
import type { SplicedPacket, TsSplicer } from './ts-splicer.js';
import { TS_LAYOUT } from '../media/ffmpeg-args.js';
import { frameTicks, TICKS_PER_SECOND } from '../media/ffmpeg-format.js';
import { RetroVueError } from '../core/errors.js';
import type { FilterDirective } from '../plugins/playout-plan.js';

export interface PieceFeedOptions {
  readonly launcher: FfmpegLauncher;
  readonly timeline: Timeline;
  readonly splicer: TsSplicer;
  readonly pacer: Pacer;
  readonly queue: PieceQueue;
  /** How far ahead of the wall clock output may run (Infinity: no pacing). */
  readonly leadMs: number;
  readonly emit: (event: AirEvent) => void;
  /** The underrun event, at a stream position. */
  readonly underrun: (position: number) => void;
  readonly log: (line: string) => void;
  readonly now: () => number;
  /** Something happened (a piece wrote or exited): feed again. */
  readonly wake: () => void;
}

const READ_AHEAD_MS = 1000;
const MAX_PENDING_BYTES = 8 * 1024 * 1024;
/** Start the next piece this long before the current one's end (or once the current one has finished encoding). */
const PRESTART_MS = 10_000;

export class PieceFeed {
  private current: PieceOnAir | undefined;

  constructor(private readonly options: PieceFeedOptions) {}

  /** True when nothing is on air and nothing is queued. */
  get idle(): boolean {
    return this.current === undefined && this.options.queue.empty;
  }

  /** The segment event of the piece on air when playout stops at once. */
  stoppedEvent(): AirEvent | undefined {
    const { splicer } = this.options;
    if (!this.current?.run.started) return undefined;
    return this.current.run.endedEvent(splicer.videoEnd > 0 ? splicer.videoEnd : splicer.position, 'stopped');
  }

  /** Feeds the current piece's packets through the splicer into the pacer while there is room. */
  feed(underrun: boolean): void {
    for (;;) {
      const piece = this.current ?? this.startNextPiece(underrun);
      if (piece === undefined) return;
      while (this.hasRoom() && this.current === piece) {
        const packet = piece.process.peek();
        if (packet === undefined) break;
        if (piece.state.kind === 'recut-due' && pidOf(packet) === TS_LAYOUT.videoPid && isPayloadStart(packet)) {
          this.recut(piece);
          break;
        }
        piece.process.take();
        this.output(piece, piece.splice.push(packet));
        // The rest would be cut anyway: free the CPU now.
        if (piece.state.kind === 'airing' && piece.splice.saturated) this.cutShort(piece, 'window-full');
      }
      if (this.current !== piece) continue;
      if (!piece.process.drained) return;
      // A recut dropped the rest of its item from the queue: it is made anew from here.
      if (piece.state.kind === 'recut-due' && !piece.lastOfItem) this.recut(piece);
      else this.completePiece(piece, piece.splice.finish());
    }
  }

  /**
   * New directives apply to what has not aired yet: the item on air, if its look changes, is cut before its
   * next video frame and the rest made anew (the in-point moved on by what aired); a queued item whose look
   * changes is planned again. So an operator's crawl shows within about a second, not after the programme.
   */
  replaceDirectives(directives: readonly FilterDirective[]): void {
    const c = this.current;
    const on = c === undefined ? undefined : { run: c.run, from: Math.max(this.options.splicer.videoEnd, c.spec.start), substitute: c.substitution !== undefined };
    if (!this.options.queue.replaceDirectives(directives, on) || c === undefined) return;
    switch (c.state.kind) {
      case 'airing':
        c.state = { kind: 'recut-due' };
        return;
      case 'recut-due':
        return;
      case 'cued': // nothing of it has gone out, or its ffmpeg is gone: no frame to wait for
      case 'cut-short':
        this.recut(c);
        return;
    }
  }

  /** Starts the next piece early, so its ffmpeg has opened, sought and encoded before it is needed. */
  prestart(): void {
    const current = this.current;
    if (current === undefined || current.state.kind === 'cued') return;
    const remainingMs = ((current.spec.end - this.options.splicer.position) * 1000) / TICKS_PER_SECOND;
    if (remainingMs > PRESTART_MS && !current.process.exited) return;
    const next = this.options.queue.head(false)?.piece;
    if (next === undefined) return;
    next.process ??= this.spawn(next.spec);
    // A prestarted piece that already failed is replaced now, not when it comes up.
    if (next.process.exited && next.process.packetsRead === 0) this.replaceFailedHead(next);
  }

  /** An ffmpeg that stops writing while the stream runs dry (a hung network mount) is given up on. */
  watchStall(): void {
    const current = this.current;
    if (current === undefined || current.process.exited || current.state.kind === 'cut-short') return;
    if (this.options.now() - current.process.lastDataAtMs < STALL_MS || this.options.pacer.aheadMs() > 0) return;
    switch (current.state.kind) {
      case 'cued': // nothing of it went out: given up whole
        this.cutShort(current, 'stalled');
        this.completePiece(current, []);
        return;
      case 'airing':
        this.cutShort(current, 'stalled');
        return;
      case 'recut-due': // its rest is to be made anew anyway
        this.recut(current);
        return;
    }
  }

  /** Ends the piece on air and queues the rest of its item, made under the current directives. */
  private recut(piece: PieceOnAir): void {
    piece.process.kill();
    this.current = undefined;
    const { queue, splicer } = this.options;
    queue.unshift(...queue.restOf(piece.run, Math.max(splicer.videoEnd, piece.spec.start)));
  }

  private cutShort(piece: PieceOnAir, because: 'window-full' | 'stalled'): void {
    piece.state = { kind: 'cut-short', because };
    piece.process.kill();
  }

  private hasRoom(): boolean {
    const { pacer, leadMs } = this.options;
    if (pacer.pendingBytes > MAX_PENDING_BYTES) return false;
    return !Number.isFinite(leadMs) || pacer.aheadMs() < pacer.leadNowMs() + READ_AHEAD_MS;
  }

  /** Hands packets to the pacer; a piece's first ones go with its start (and substitution) report. */
  private output(piece: PieceOnAir, packets: readonly SplicedPacket[]): void {
    if (packets.length === 0) return;
    const { pacer, emit } = this.options;
    if (piece.state.kind === 'cued') {
      piece.state = { kind: 'airing' };
      const start = piece.splice.summary().videoStart ?? piece.spec.start;
      const { run, substitution } = piece;
      if (!run.announced) {
        run.announced = true;
        pacer.mark(() => emit(run.startedEvent(start)));
      }
      if (substitution !== undefined) pacer.mark(() => emit(run.substitutedEvent(start, piece.spec.end, substitution.reason)));
    }
    pacer.push(packets);
  }

  private startNextPiece(underrun: boolean): PieceOnAir | undefined {
    const { queue, splicer, timeline } = this.options;
    const head = queue.head(underrun);
    if (head === undefined) return undefined;
    if (head.underrunAtMs !== undefined) this.options.underrun(Math.max(splicer.videoEnd, timeline.streamStart));
    const next = head.piece;
    queue.shift();
    this.current = onAir(next, next.process ?? this.spawn(next.spec), splicer.begin({ start: next.spec.start, end: next.spec.end }));
    return this.current;
  }

  /** A piece's output has ended: make up whatever it left of its window, or close its item. */
  private completePiece(piece: PieceOnAir, last: readonly SplicedPacket[]): void {
    this.output(piece, last);
    this.current = undefined;
    const { queue, splicer, timeline } = this.options;
    const reached = Math.max(splicer.videoEnd, piece.spec.start);
    const shortBy = piece.spec.end - reached;
    const airedNothing = piece.splice.summary().emittedPes === 0;
    if ((airedNothing && piece.spec.fallback !== undefined) || shortBy > 2 * frameTicks(timeline.rate)) {
      const why = shortfallReason(piece, shortBy);
      const standIn = queue.standIn(piece, reached, why, airedNothing);
      if (standIn === undefined) throw new RetroVueError('unreachable', `cannot play even a bare slate (${why}); is ffmpeg installed and working (see --ffmpeg)?`);
      const instead = standIn.substitution === undefined ? 'trying the next way to make it' : `slate for ${(shortBy / TICKS_PER_SECOND).toFixed(2)} s`;
      this.options.log(`air: ${piece.run.ref.title}: ${why}; ${instead}`);
      queue.unshift(standIn);
      return;
    }
    if (piece.lastOfItem) {
      const run = piece.run;
      const end = splicer.videoEnd;
      this.options.pacer.mark(() => this.options.emit(run.endedEvent(end, run.substituted ? 'substituted' : 'complete')));
    }
  }

  private replaceFailedHead(head: QueuedPiece): void {
    const replacement = this.options.queue.standIn(head, head.spec.start, head.process?.failure() ?? 'no output', true);
    if (replacement === undefined) return; // left for completePiece to report as fatal
    replacement.process = this.spawn(replacement.spec);
    this.options.queue.replaceHead(replacement);
  }

  private spawn(spec: PieceSpec): PieceProcess {
    return new PieceProcess(this.options.launcher, spec.args, this.options.wake, this.options.now);
  }
}
