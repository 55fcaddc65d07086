// ChannelManager: one channel's runtime. The first viewer in builds the plan at now, checks it and starts
// AIR; every viewer shares its one stream (StreamFanout); the last viewer out stops it after a linger.
// Extensions are fed before the queued plan runs out; a crashed engine is restarted with backoff while
// viewers remain. Its life is a union of states changed one transition at a time (a per-channel queue).
import type { AirEvent } from '../air/protocol.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { AirProcess, type AirCommand, type AirExit } from './air-process.js';
import type { AsRunLog } from './asrun-log.js';
import { AsRunRecorder } from './asrun-recorder.js';
import { type PlanSource, tunablePlan, tuneFailureOf } from './plan-source.js';
import { SerialQueue } from './serial-queue.js';
import { StreamFanout, type ViewerSink, type ViewerStats } from './stream-fanout.js';

export interface ChannelManagerOptions {
  readonly channelId: string;
  readonly planSource: PlanSource;
  readonly air: AirCommand;
  readonly clock: Clock;
  readonly log: Logger;
  readonly asRun: AsRunLog | null;
  /** How long the engine keeps running after the last viewer leaves (a quick re-tune rejoins it). */
  readonly lingerMs: number;
  readonly maxViewerBufferBytes: number;
  /** An extension is fed once less than this is queued ahead of now. */
  readonly extendAheadMs: number;
  /** How often the queued horizon is checked. */
  readonly extendCheckMs: number;
  readonly restartBackoff: { readonly initialMs: number; readonly maxMs: number };
}

export const defaultManagerTiming = {
  lingerMs: 5000,
  extendAheadMs: 30 * 60_000,
  extendCheckMs: 10_000,
  restartBackoff: { initialMs: 500, maxMs: 30_000 },
} as const;

/** A run that lasted this long resets the restart backoff. */
const STABLE_RUN_MS = 60_000;

interface Run {
  readonly air: AirProcess;
  readonly recorder: AsRunRecorder;
  readonly startedAtMs: number;
  queuedUntilMs: number;
  extending: boolean;
  stopping: boolean;
  readonly extendTimer: NodeJS.Timeout;
}

type State =
  | { readonly kind: 'idle' }
  | { readonly kind: 'live'; readonly run: Run }
  | { readonly kind: 'lingering'; readonly run: Run; readonly timer: NodeJS.Timeout }
  | { readonly kind: 'restarting'; readonly timer: NodeJS.Timeout }
  | { readonly kind: 'closed' };

export interface ChannelStatus {
  readonly id: string;
  readonly state: State['kind'];
  readonly viewers: readonly ViewerStats[];
  readonly air: { readonly pid: number; readonly uptimeMs: number } | null;
  readonly restarts: number;
  readonly bytesSent: number;
  readonly viewersDropped: number;
}

export class ChannelManager {
  private state: State = { kind: 'idle' };
  private readonly queue = new SerialQueue();
  private readonly fanout: StreamFanout;
  private restarts = 0;
  everStarted = false;
  private failuresInARow = 0;

  constructor(private readonly options: ChannelManagerOptions) {
    this.fanout = new StreamFanout({
      maxBufferedBytes: options.maxViewerBufferBytes,
      onDrop: (viewer) => {
        options.log.warn({ channel: options.channelId, viewer: viewer.id, bytesSent: viewer.bytesSent }, 'viewer dropped: too slow to keep up');
        this.afterViewerLeft();
      },
    });
  }

  get channelId(): string {
    return this.options.channelId;
  }

  /** Whether the engine runs or is about to (HEAD answers 200 without checking the plan again). */
  get active(): boolean {
    return this.state.kind === 'live' || this.state.kind === 'lingering' || this.state.kind === 'restarting';
  }

  /**
   * Adds a viewer: starts playout if none runs (throws a TuneFailure, starting nothing, when the channel
   * cannot be tuned), calls `open` (the response's head) and attaches `sink`. Returns the viewer id.
   */
  join(sink: ViewerSink, open: () => void): Promise<number> {
    return this.queue.run(async () => {
      switch (this.state.kind) {
        case 'closed':
          throw tuneFailureOf({ kind: 'shutting-down' });
        case 'idle':
          this.state = { kind: 'live', run: await this.startRun() };
          break;
        case 'lingering':
          clearTimeout(this.state.timer);
          this.state = { kind: 'live', run: this.state.run };
          break;
        case 'live':
        case 'restarting':
          break;
      }
      open();
      return this.fanout.add(sink, this.options.clock.now());
    });
  }

  /** A viewer hung up. */
  leave(viewerId: number): void {
    if (this.fanout.remove(viewerId)) this.afterViewerLeft();
  }

  status(): ChannelStatus {
    const run = this.state.kind === 'live' || this.state.kind === 'lingering' ? this.state.run : undefined;
    return {
      id: this.channelId,
      state: this.state.kind,
      viewers: this.fanout.stats(),
      air: run === undefined ? null : { pid: run.air.pid, uptimeMs: this.options.clock.now() - run.startedAtMs },
      restarts: this.restarts,
      bytesSent: this.fanout.bytesOut,
      viewersDropped: this.fanout.dropped,
    };
  }

  /** Shutdown: viewers closed, the engine stopped (and every ffmpeg with it); nothing starts again. */
  close(): Promise<void> {
    return this.queue.run(async () => {
      const state = this.state;
      this.state = { kind: 'closed' };
      this.fanout.closeAll('channel-stopped');
      switch (state.kind) {
        case 'live':
          await this.stopRun(state.run);
          break;
        case 'lingering':
          clearTimeout(state.timer);
          await this.stopRun(state.run);
          break;
        case 'restarting':
          clearTimeout(state.timer);
          break;
        case 'idle':
        case 'closed':
          break;
      }
    });
  }

  private afterViewerLeft(): void {
    if (this.fanout.size > 0) return;
    void this.queue.run(async () => {
      if (this.fanout.size > 0) return;
      const state = this.state;
      switch (state.kind) {
        case 'live': {
          if (this.options.lingerMs <= 0) {
            this.state = { kind: 'idle' };
            await this.stopRun(state.run);
            return;
          }
          const timer = setTimeout(() => void this.endLinger(), this.options.lingerMs);
          this.state = { kind: 'lingering', run: state.run, timer };
          return;
        }
        case 'restarting':
          clearTimeout(state.timer);
          this.state = { kind: 'idle' };
          return;
        case 'lingering':
        case 'idle':
        case 'closed':
          return;
      }
    });
  }

  private endLinger(): Promise<void> {
    return this.queue.run(async () => {
      const state = this.state;
      if (state.kind !== 'lingering' || this.fanout.size > 0) return;
      this.state = { kind: 'idle' };
      await this.stopRun(state.run);
    });
  }

  /** Builds and checks the plan at now, then starts the engine on it. Throws a TuneFailure, starting nothing. */
  private async startRun(): Promise<Run> {
    const { channelId, planSource, clock } = this.options;
    const at = clock.now();
    const plan = await tunablePlan(planSource, channelId, at);
    // A new engine run is a new stream: nothing of a previous run's join point may reach a viewer.
    this.fanout.restart();
    const last = plan.segments[plan.segments.length - 1];
    const recorder = new AsRunRecorder(channelId, (record) => this.options.asRun?.append(record));
    let run: Run | undefined;
    const air = AirProcess.start(this.options.air, plan, {
      onData: (chunk) => this.fanout.push(chunk),
      onEvent: (event) => this.onEvent(recorder, event),
      onExit: (exit) => {
        if (run !== undefined) this.onExit(run, exit);
      },
    });
    run = {
      air, recorder, startedAtMs: clock.now(), queuedUntilMs: last === undefined ? at : last.startsAtMs + last.durationMs,
      extending: false, stopping: false,
      extendTimer: setInterval(() => {
        if (run !== undefined) void this.extend(run);
      }, this.options.extendCheckMs),
    };
    this.everStarted = true;
    this.options.log.info({ channel: channelId, pid: air.pid, segments: plan.segments.length }, 'playout started');
    return run;
  }

  private onEvent(recorder: AsRunRecorder, event: AirEvent): void {
    recorder.onEvent(event);
    if (event.type === 'error' || event.type === 'segment-substituted') {
      this.options.log.warn({ channel: this.channelId, event }, 'playout engine reported a problem');
    }
  }

  /** Feeds the plan from where the queue ends, once less than `extendAheadMs` is left. */
  private async extend(run: Run): Promise<void> {
    const { channelId, planSource, clock, extendAheadMs, log } = this.options;
    if (run.stopping || run.extending || run.queuedUntilMs - clock.now() > extendAheadMs) return;
    run.extending = true;
    try {
      const from = run.queuedUntilMs;
      const built = await planSource(channelId, Math.max(from, clock.now()));
      if (built.kind !== 'plan') {
        log.warn({ channel: channelId, refusal: built.kind }, `plan extension: ${built.message}; retrying at the next check`);
        return;
      }
      const plan = built.plan;
      const segments = plan.segments.filter((s) => s.startsAtMs + s.durationMs > from);
      const last = segments[segments.length - 1];
      if (last === undefined || run.stopping) return;
      run.air.send({ type: 'extend', segments, directives: plan.directives });
      run.queuedUntilMs = last.startsAtMs + last.durationMs;
      log.info({ channel: channelId, segments: segments.length, until: new Date(run.queuedUntilMs).toISOString() }, 'plan extended');
    } catch (error) {
      log.warn({ channel: channelId, err: error }, 'plan extension failed; retrying at the next check');
    } finally {
      run.extending = false;
    }
  }

  private async stopRun(run: Run): Promise<void> {
    run.stopping = true;
    clearInterval(run.extendTimer);
    await run.air.stop();
    run.recorder.close(this.options.clock.now(), null);
    this.options.log.info({ channel: this.channelId, pid: run.air.pid }, 'playout stopped');
  }

  /** The engine exited on its own: a crash. Restart with backoff while viewers remain. */
  private onExit(run: Run, exit: AirExit): void {
    if (run.stopping) return;
    clearInterval(run.extendTimer);
    const now = this.options.clock.now();
    const reason = `the playout engine exited (code ${exit.code ?? 'none'}, signal ${exit.signal ?? 'none'})`;
    run.recorder.close(now, reason);
    this.restarts++;
    this.failuresInARow = now - run.startedAtMs >= STABLE_RUN_MS ? 1 : this.failuresInARow + 1;
    this.options.log.error({ channel: this.channelId, pid: run.air.pid, code: exit.code, signal: exit.signal, stderr: exit.stderrTail }, reason);
    void this.queue.run(async () => {
      const state = this.state;
      if ((state.kind !== 'live' && state.kind !== 'lingering') || state.run !== run) return;
      if (state.kind === 'lingering') clearTimeout(state.timer);
      if (this.fanout.size === 0) {
        this.state = { kind: 'idle' };
        return;
      }
      const { initialMs, maxMs } = this.options.restartBackoff;
      const delay = Math.min(maxMs, initialMs * 2 ** (this.failuresInARow - 1));
      this.state = { kind: 'restarting', timer: setTimeout(() => void this.restart(), delay) };
    });
  }

  private restart(): Promise<void> {
    return this.queue.run(async () => {
      if (this.state.kind !== 'restarting') return;
      if (this.fanout.size === 0) {
        this.state = { kind: 'idle' };
        return;
      }
      try {
        this.state = { kind: 'live', run: await this.startRun() };
      } catch (error) {
        this.options.log.error({ channel: this.channelId, err: error }, 'playout could not restart; its viewers are disconnected');
        this.state = { kind: 'idle' };
        this.fanout.closeAll('channel-failed');
      }
    });
  }
}
