// The AIR engine: plays a PlayoutPlan as one continuous MPEG-TS. Items are queued from the plan and its
// extensions (piece-queue.ts); the piece feed puts them on air one piece (one ffmpeg) at a time, spliced
// onto one timeline, and the pacer releases the stream in step with the wall clock. This class speaks the
// protocol (plan and messages in, events out) and owns the engine's life: playing, ending, finished.
import type { Writable } from 'node:stream';
import type { Appended } from './air-schedule.js';
import type { EventSink } from './event-channel.js';
import type { FfmpegLauncher } from './ffmpeg-launcher.js';
import { ItemRun } from './item-run.js';
import { Pacer } from './pacer.js';
import { PieceFeed } from './piece-feed.js';
import { PieceQueue } from './piece-queue.js';
import { checkDirectives, checkSegments } from './plan-check.js';
import type { AirEvent, AirMessage } from './protocol.js';
import { createTimeline, streamMsAt, wallAt, type Timeline } from './timeline.js';
import { TsSplicer } from './ts-splicer.js';
import { TS_LAYOUT } from '../media/ffmpeg-args.js';
import { aacFrameTicks, frameTicks, parseFrameRate } from '../media/ffmpeg-format.js';
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
  /** The stream's first this many ms leave as fast as they are made (a cold viewer's first picture), then the lead rules. */
  readonly startBurstMs: number;
  /** The file system as the playability rule sees it (src/catalog/playable-file.ts). */
  readonly stat: FileStat;
  readonly log: (line: string) => void;
}

export type EndReason = 'plan-complete' | 'stdin-closed' | 'signal' | 'failed';

/** `playing` takes extensions (and airs slate if the queue runs dry); `ending` plays out what is queued. */
type EnginePhase = 'playing' | 'ending' | 'finished';

export class AirEngine {
  private readonly timeline: Timeline;
  private readonly splicer: TsSplicer;
  private readonly pacer: Pacer;
  private readonly queue: PieceQueue;
  private readonly feed: PieceFeed;
  private phase: EnginePhase = 'playing';
  private pumping = false;
  private resolveDone!: (reason: EndReason) => void;
  readonly done: Promise<EndReason> = new Promise((resolve) => {
    this.resolveDone = resolve;
  });

  constructor(private readonly plan: PlayoutPlan, private readonly options: EngineOptions) {
    const rate = parseFrameRate(plan.profile.frameRate);
    const now = () => options.clock.now();
    this.timeline = createTimeline(now(), rate);
    this.splicer = new TsSplicer(
      { videoPid: TS_LAYOUT.videoPid, audioPid: TS_LAYOUT.audioPid, frameTicks: frameTicks(rate), audioFrameTicks: aacFrameTicks(plan.profile.audioSampleRate) },
      this.timeline.streamStart,
    );
    this.pacer = new Pacer(options.out, {
      airsAt: (position) => wallAt(this.timeline, position), now, leadMs: options.leadMs,
      burstUntilMs: this.timeline.anchorMs + options.startBurstMs, wake: () => this.pump(),
    });
    this.queue = new PieceQueue({
      profile: plan.profile, timeline: this.timeline, stat: options.stat, now,
      streamStarted: () => this.splicer.videoEnd > 0, warn: (message) => this.error(message),
    }, plan.directives);
    this.feed = new PieceFeed({
      launcher: options.launcher, timeline: this.timeline, splicer: this.splicer, pacer: this.pacer, queue: this.queue, leadMs: options.leadMs,
      emit: (event) => this.emit(event), underrun: (position) => this.emit({ type: 'underrun', ...this.instant(position) }),
      log: options.log, now, wake: () => this.pump(),
    });
  }

  start(): void {
    this.report(this.queue.append(this.plan.segments, true));
    this.emit({ type: 'started', channelId: this.plan.channelId, pid: process.pid, queuedUntilMs: this.queue.cursorMs, ...this.instant(this.timeline.streamStart) });
    this.pump();
  }

  /** A stdin message after the plan. */
  handle(message: AirMessage): void {
    if (this.phase === 'finished') return;
    if (message.type === 'end') this.phase = 'ending';
    else this.extend(message);
    this.pump();
  }

  /** Stdin reached its end: expected after "end" (the queue plays out); otherwise the parent is gone. */
  stdinClosed(): void {
    if (this.phase === 'playing') this.stop('stdin-closed');
  }

  /** Stops at once: every ffmpeg is killed, the current segment is reported as stopped. */
  stop(reason: EndReason): void {
    if (this.phase === 'finished') return;
    const stopped = this.feed.stoppedEvent();
    if (stopped !== undefined) this.emit(stopped);
    this.finish(reason);
  }

  /**
   * Queues an extension and answers it with one `extended` event saying where the queue ends now: the
   * engine alone decides that (overlap trimmed, holes and underruns filled); its parent reads it here.
   */
  private extend(message: Extract<AirMessage, { type: 'extend' }>): void {
    let answer = { accepted: 0, skipped: 0, directivesReplaced: false };
    try {
      const segments = checkSegments(message.segments, 'extend.segments');
      const directives = message.directives === undefined ? undefined : checkDirectives(message.directives, 'extend.directives');
      if (directives !== undefined) this.feed.replaceDirectives(directives);
      const appended = this.queue.append(segments, false);
      this.report(appended);
      answer = { accepted: segments.length - appended.skipped.length, skipped: appended.skipped.length, directivesReplaced: directives !== undefined };
    } catch (error) {
      this.error(`extension ignored: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.emit({ type: 'extended', ...answer, queuedUntilMs: this.queue.cursorMs, atMs: this.now() });
  }

  private report(appended: Appended): void {
    for (const s of appended.skipped) {
      const run = new ItemRun({ role: 'segment', segmentIndex: s.segmentIndex, segment: s.segment, startMs: s.segment.startsAtMs, endMs: s.segment.startsAtMs, inPointMs: s.segment.inPointMs }, this.timeline, () => this.now());
      this.emit({ type: 'segment-skipped', segment: run.ref, reason: s.reason, atMs: this.now() });
    }
  }

  private pump(): void {
    if (this.phase === 'finished' || this.pumping) return;
    this.pumping = true;
    try {
      this.feed.feed(this.phase === 'playing');
      this.feed.prestart();
      this.feed.watchStall();
      this.pacer.flush();
      if (this.phase === 'ending' && this.feed.idle && this.pacer.idle) this.finish('plan-complete');
    } catch (error) {
      // A known dead end is one line; anything else is a bug and keeps its stack.
      const message = error instanceof RetroVueError ? error.message : `engine failure: ${error instanceof Error ? error.stack ?? error.message : String(error)}`;
      this.error(message);
      this.finish('failed');
    } finally {
      this.pumping = false;
    }
  }

  private finish(reason: EndReason): void {
    if (this.phase === 'finished') return;
    this.phase = 'finished';
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
    this.options.log(`air: ${message}`);
    this.emit({ type: 'error', message, atMs: this.now() });
  }

  private emit(event: AirEvent): void {
    this.options.events.emit(event);
  }

  private now(): number {
    return this.options.clock.now();
  }
}
