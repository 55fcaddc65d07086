// One run of a channel's engine: the AIR process playing a plan, the as-run recorder fed by its events, and
// what AIR last reported about where its queue ends, from which the plan is extended before it runs out.
// ChannelManager creates, extends and stops runs, inside its per-channel mutex.
import type { AirEvent } from '../air/protocol.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { PlayoutPlan } from '../plugins/playout-plan.js';
import { AirProcess, type AirCommand, type AirExit } from './air-process.js';
import { AsRunRecorder, type AsRunWriter } from './asrun-recorder.js';
import type { PlanSource } from './plan-source.js';
import { isDatabaseUnavailable } from './database-outage.js';

/**
 * Where AIR's queue ends, as far as its parent knows. AIR alone decides it (it trims overlaps, fills holes
 * and underruns) and reports it when it starts and in answer to each extension; until it has answered what
 * was sent last, nothing more is sent.
 */
type QueueEnd = { readonly kind: 'unanswered' } | { readonly kind: 'reported'; readonly untilMs: number };

export interface ChannelRunOptions {
  readonly channelId: string;
  readonly command: AirCommand;
  readonly clock: Clock;
  /** Bound to the channel. */
  readonly log: Logger;
  readonly asRun: AsRunWriter | null;
  /** Runs a callback of the engine's or the ticker's: a throw in it fails the channel instead of escaping. */
  readonly guard: (during: string, callback: () => void) => void;
  readonly onData: (chunk: Buffer) => void;
  /** The engine exited, for whatever reason. */
  readonly onExit: (run: ChannelRun, exit: AirExit) => void;
  /** AIR said when its stream's first position airs (epoch ms). */
  readonly onAnchor: (anchorMs: number) => void;
  /** Called every `tickMs` until the run is stopped (the manager checks whether to extend). */
  readonly onTick: (run: ChannelRun) => void;
  readonly tickMs: number;
}

export class ChannelRun {
  readonly air: AirProcess;
  readonly recorder: AsRunRecorder;
  readonly startedAtMs: number;
  private queueEnd: QueueEnd = { kind: 'unanswered' };
  private readonly ticker: NodeJS.Timeout;

  /** Spawns the engine on `plan`. */
  constructor(plan: PlayoutPlan, private readonly options: ChannelRunOptions) {
    // This node plays the channel now (holding its lock, if any): rows a stopped node left airing close first.
    options.asRun?.takeOver(options.channelId);
    this.recorder = new AsRunRecorder(options.channelId, options.asRun);
    const { guard } = options;
    // The engine keeps this clock's time from its start, steadily: a wall-clock step moves it no more than a
    // re-plan does (ChannelManager.replan, on a ClockStepWatch's report).
    const command = { ...options.command, args: [...options.command.args, '--epoch-ms', String(options.clock.now())] };
    this.air = AirProcess.start(command, plan, {
      onData: (chunk) => guard('fanning the stream out', () => options.onData(chunk)),
      onEvent: (event) => guard(`the engine's ${event.type} event`, () => this.onEvent(event)),
      onExit: (exit) => guard('the engine exited', () => options.onExit(this, exit)),
    }, options.log);
    this.startedAtMs = options.clock.now();
    this.ticker = setInterval(() => guard('the extension check', () => options.onTick(this)), options.tickMs);
  }

  /**
   * Once less than `aheadMs` is queued, sends the plan at now from where AIR's queue ends. The plan is built
   * at now, not at the queue's end: an extension's directives replace those of everything not yet aired
   * (src/air/protocol.ts), so they must describe all of it, the windows already queued included.
   */
  async extendIfDue(planSource: PlanSource, aheadMs: number): Promise<void> {
    const { channelId, clock, log } = this.options;
    const end = this.queueEnd;
    const now = clock.now();
    if (end.kind !== 'reported' || end.untilMs - now > aheadMs) return;
    let built: Awaited<ReturnType<PlanSource>>;
    try {
      built = await planSource(channelId, now);
    } catch (error) {
      // The queued plan plays on through an outage (logged once, database-outage.ts).
      if (isDatabaseUnavailable(error)) log.debug('plan extension: the database cannot be reached; retrying at the next check');
      else log.warn({ err: error }, 'plan extension failed; retrying at the next check');
      return;
    }
    if (built.kind !== 'plan') {
      log.warn({ refusal: built.kind }, `plan extension: ${built.message}; retrying at the next check`);
      return;
    }
    const plan = built.plan;
    const segments = plan.segments.filter((s) => s.startsAtMs + s.durationMs > end.untilMs);
    if (segments.length === 0) {
      log.warn({ queuedUntil: new Date(end.untilMs).toISOString() }, 'the plan at now ends where the queue does: nothing to extend with yet (is the playlog horizon built?)');
      return;
    }
    this.air.send({ type: 'extend', segments, directives: plan.directives });
    this.queueEnd = { kind: 'unanswered' };
    log.info({ segments: segments.length, from: new Date(end.untilMs).toISOString() }, 'plan extended');
  }

  /** Stops the engine (and every ffmpeg with it); no more ticks. */
  async stop(): Promise<AirExit> {
    clearInterval(this.ticker);
    return this.air.stop();
  }

  private onEvent(event: AirEvent): void {
    this.recorder.onEvent(event);
    switch (event.type) {
      case 'started':
        this.options.onAnchor(event.wallClockMs - event.streamTimeMs);
        this.queueEnd = { kind: 'reported', untilMs: event.queuedUntilMs };
        return;
      case 'extended':
        this.queueEnd = { kind: 'reported', untilMs: event.queuedUntilMs };
        return;
      case 'error':
      case 'segment-substituted':
        this.options.log.warn({ event }, 'playout engine reported a problem');
        return;
      case 'ready':
      case 'segment-started':
      case 'segment-ended':
      case 'segment-skipped':
      case 'underrun':
      case 'ended':
        return;
    }
  }
}
