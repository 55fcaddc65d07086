// ChannelManager: one channel's runtime. The first viewer in builds the plan at now, checks it and starts
// AIR (a ChannelRun); every viewer shares its one stream (StreamFanout: TS viewers; ChannelHls: HLS viewers,
// each a lease renewed by its fetches); the last viewer out stops it after a linger. A crashed engine is
// restarted with backoff while viewers remain. Its life is a union of states
// (idle → starting → live → lingering → stopping → idle, restarting after a crash, closed at shutdown)
// changed one transition at a time under a per-channel mutex; a transition that fails stops the channel.
import type { Logger } from '../core/logger.js';
import type { PlayoutPlan } from '../plugins/playout-plan.js';
import type { AirExit } from './air-process.js';
import { ChannelRun } from './channel-run.js';
import { inChannel } from './channel-scope.js';
import type { ChannelManagerOptions, ChannelStatus } from './channel-manager-options.js';
import { type ChannelState, clearTimer, midTransition, RestartBackoff, runOf } from './channel-state.js';
import { ChannelWork } from './channel-work.js';
import { ChannelHls, hlsTiming } from './channel-hls.js';
import { asTuneFailure, tunablePlan, tuneFailureOf } from './plan-source.js';
import { StreamFanout, type ViewerSink } from './stream-fanout.js';
import { CHECKED_PLAN_FRESH_MS } from './tune-checks.js';

export { type ChannelManagerOptions, type ChannelStatus, defaultManagerTiming } from './channel-manager-options.js';


export class ChannelManager {
  private state: ChannelState = { kind: 'idle' };
  private readonly work: ChannelWork;
  private readonly fanout: StreamFanout;
  readonly hls: ChannelHls;
  private readonly log: Logger;
  private readonly backoff: RestartBackoff;
  everStarted = false;

  constructor(private readonly options: ChannelManagerOptions) {
    this.log = options.log.child({ channel: options.channelId });
    this.work = new ChannelWork(options.channelId, this.log, () => this.recover());
    this.backoff = new RestartBackoff(options.restartBackoff);
    const now = () => options.clock.now();
    this.hls = new ChannelHls({ now, leaseMs: options.hlsLeaseMs ?? hlsTiming.leaseMs, onLeaseExpired: () => inChannel(this.channelId, () => this.afterViewerLeft()) });
    this.fanout = new StreamFanout({
      tap: this.hls,
      maxBufferedBytes: options.maxViewerBufferBytes,
      onDrop: (viewer) => {
        this.log.warn({ viewer: viewer.id, bytesSent: viewer.bytesSent }, 'viewer dropped: too slow to keep up');
        this.afterViewerLeft();
      },
    });
  }

  get channelId(): string {
    return this.options.channelId;
  }

  /**
   * Adds a viewer: starts playout if none runs (throws a TuneFailure, starting nothing, when the channel
   * cannot be tuned), calls `open` (the response's head) and attaches `sink`. Returns the viewer id.
   * `checked` is the plan the tune-in was just checked with: a start uses it while fresh instead of building again.
   */
  join(sink: ViewerSink, open: () => void, checked?: PlayoutPlan): Promise<number> {
    return this.work.run(async () => {
      await this.onAir(checked);
      open();
      return this.fanout.add(sink, this.options.clock.now());
    });
  }

  /**
   * An HLS client fetched: its lease is renewed. A playlist fetch (`start`) starts playout like a TS
   * tune-in (throwing a TuneFailure); a segment fetch only renews a lease while the channel is on air.
   */
  watchHls(client: string, start: boolean, checked?: PlayoutPlan): Promise<void> {
    return this.work.run(async () => {
      if (!start && (this.state.kind === 'idle' || this.state.kind === 'closed')) return;
      await this.onAir(checked);
      this.hls.leases.touch(client);
    });
  }

  /** → live (or restarting), starting playout if none runs. */
  private async onAir(checked: PlayoutPlan | undefined): Promise<void> {
    const state = this.state;
    switch (state.kind) {
      case 'closed':
        throw tuneFailureOf({ kind: 'shutting-down' });
      case 'idle':
        this.hls.stopped(false); // whatever an earlier run left (one that crashed unwatched) is not live
        return this.startRun(checked);
      case 'lingering':
        clearTimeout(state.timer);
        this.state = { kind: 'live', run: state.run };
        return;
      case 'live':
      case 'restarting':
        return;
      case 'starting':
      case 'stopping':
        throw midTransition(state.kind);
    }
  }

  /** A viewer hung up. */
  leave(viewerId: number): void {
    inChannel(this.channelId, () => {
      if (this.fanout.remove(viewerId)) this.afterViewerLeft();
    });
  }

  status(): ChannelStatus {
    const run = runOf(this.state);
    return {
      id: this.channelId,
      state: this.state.kind,
      viewers: this.fanout.stats(),
      hlsViewers: this.hls.leases.stats(),
      air: run === undefined ? null : { pid: run.air.pid, uptimeMs: this.options.clock.now() - run.startedAtMs },
      restarts: this.backoff.restarts,
      bytesSent: this.fanout.bytesOut + this.hls.bytesSent,
      viewersDropped: this.fanout.dropped,
    };
  }

  /** Shutdown: viewers closed, the engine stopped (and every ffmpeg with it); nothing starts again. Never rejects. */
  close(): Promise<void> {
    return this.work.run(async () => {
      this.fanout.closeAll('channel-stopped');
      this.hls.stopped(true);
      try {
        await this.halt();
      } finally {
        this.state = { kind: 'closed' };
      }
    }).catch((error: unknown) => this.log.error({ err: error }, 'the channel did not stop cleanly at shutdown'));
  }

  /** Ends a linger at once, so its tuner can play another channel; resolves whether the channel was lingering. */
  releaseTuner(): Promise<boolean> {
    return this.work.run(async () => {
      const lingered = this.state.kind === 'lingering' && this.fanout.size === 0;
      if (lingered) await this.halt();
      return lingered;
    });
  }

  /** The wall clock stepped: a channel on air gets a new engine on the plan at the new now (a new stream for its
   * viewers, who stay); a lingering one, watched by nobody, stops. Resolves whether it re-planned. */
  replan(): Promise<boolean> {
    return this.work.run(async () => {
      const state = this.state;
      if (state.kind !== 'live' && state.kind !== 'lingering') return false;
      await this.halt();
      if (state.kind === 'lingering') return false;
      await this.startRun().catch((error: unknown) => this.lostPlayout(error, 'playout could not re-plan; its viewers are disconnected'));
      return true;
    });
  }

  /** An error nobody handled arose in this channel's work: the channel is stopped (a later tune-in starts it afresh). */
  fail(error: unknown): void {
    this.work.fail(error, 'an error nobody handled');
  }

  /** Whatever state the channel is in → idle, its viewers closed and its engine gone (closed stays closed). */
  private async recover(): Promise<void> {
    if (this.state.kind === 'closed') return;
    this.fanout.closeAll('channel-failed');
    this.hls.stopped(true);
    await this.halt();
  }

  /** Stops whatever runs: → idle (closed stays closed). */
  private async halt(): Promise<void> {
    const state = this.state;
    if (state.kind === 'closed') return;
    clearTimer(state);
    const run = runOf(state);
    if (run === undefined) this.state = { kind: 'idle' };
    else await this.stopRun(run);
  }

  /** TS viewers connected plus HLS clients still fetching. */
  private get viewers(): number {
    return this.fanout.size + this.hls.leases.size;
  }

  private afterViewerLeft(): void {
    if (this.viewers > 0) return;
    this.work.later('the last viewer left', async () => {
      const state = this.state;
      if (this.viewers > 0) return;
      switch (state.kind) {
        case 'live':
          if (this.options.lingerMs <= 0) return this.stopRun(state.run);
          this.state = { kind: 'lingering', run: state.run, timer: setTimeout(() => this.work.later('the linger ended', () => this.endLinger()), this.options.lingerMs) };
          return;
        case 'restarting':
          clearTimeout(state.timer);
          this.state = { kind: 'idle' };
          return;
        case 'lingering':
        case 'idle':
        case 'closed':
          return;
        case 'starting':
        case 'stopping':
          throw midTransition(state.kind);
      }
    });
  }

  private async endLinger(): Promise<void> {
    const state = this.state;
    if (state.kind === 'lingering' && this.viewers === 0) await this.stopRun(state.run);
  }

  /** idle/restarting → starting → live: builds and checks the plan at now, starts the engine on it; → idle with a TuneFailure. */
  private async startRun(checked?: PlayoutPlan): Promise<void> {
    const { channelId, planSource, clock } = this.options;
    this.state = { kind: 'starting' };
    try {
      const at = clock.now();
      // A plan checked moments ago is the plan at now; one that waited (behind a stop, say) is built afresh.
      const fresh = checked !== undefined && at - checked.builtAtMs <= CHECKED_PLAN_FRESH_MS;
      const plan = fresh ? checked : await tunablePlan(planSource, channelId, at);
      // A new engine run is a new stream: nothing of a previous run's join point may reach a viewer.
      this.fanout.restart();
      const run = new ChannelRun(plan, {
        channelId, command: this.options.air, clock, log: this.log, asRun: this.options.asRun, tickMs: this.options.extendCheckMs,
        guard: (during, callback) => this.work.guard(during, callback),
        onData: (chunk) => this.fanout.push(chunk),
        onExit: (exited, exit) => this.engineExited(exited, exit),
        onAnchor: (anchorMs) => this.hls.window.anchor(anchorMs),
        onTick: (ticked) => this.work.later('a plan extension', () => this.extendIfDue(ticked)),
      });
      this.state = { kind: 'live', run };
      this.everStarted = true;
      this.log.info({ pid: run.air.pid, segments: plan.segments.length }, 'playout started');
    } catch (error) {
      this.state = { kind: 'idle' };
      throw asTuneFailure(error, channelId);
    }
  }

  private async extendIfDue(run: ChannelRun): Promise<void> {
    if (this.runs(run)) await run.extendIfDue(this.options.planSource, this.options.extendAheadMs);
  }

  /** live/lingering → stopping → idle: the engine (and every ffmpeg) gone, its open segments recorded. */
  private async stopRun(run: ChannelRun): Promise<void> {
    this.state = { kind: 'stopping', run };
    try {
      await run.stop();
      this.hls.stopped(false);
      run.recorder.close(this.options.clock.now(), null);
      this.log.info({ pid: run.air.pid }, 'playout stopped');
    } finally {
      this.state = { kind: 'idle' };
    }
  }

  /** The engine exited. Unless we stopped it, that is a crash: recorded, and restarted with backoff while viewers remain. */
  private engineExited(run: ChannelRun, exit: AirExit): void {
    if (!this.runs(run)) return; // stopped by us
    const now = this.options.clock.now();
    const reason = `the playout engine exited (code ${exit.code ?? 'none'}, signal ${exit.signal ?? 'none'})`;
    const delay = this.backoff.crashed(run.startedAtMs, now);
    this.log.error({ pid: run.air.pid, code: exit.code, signal: exit.signal, stderr: exit.stderrTail }, reason);
    run.recorder.close(now, reason);
    this.work.later('the engine crashed', async () => {
      const state = this.state;
      if (!this.runs(run)) return;
      if (state.kind === 'lingering') clearTimeout(state.timer);
      await run.stop();
      if (this.viewers === 0) {
        this.state = { kind: 'idle' };
        return;
      }
      this.state = { kind: 'restarting', timer: setTimeout(() => this.work.later('a restart', () => this.restart()), delay) };
    });
  }

  private async restart(): Promise<void> {
    if (this.state.kind !== 'restarting') return;
    if (this.viewers === 0) {
      this.state = { kind: 'idle' };
      return;
    }
    await this.startRun().catch((error: unknown) => this.lostPlayout(error, 'playout could not restart; its viewers are disconnected'));
  }

  private lostPlayout(error: unknown, message: string): void {
    this.log.error({ err: error }, message);
    this.fanout.closeAll('channel-failed');
    this.hls.stopped(true);
  }

  /** Whether `run` is the one on air (live or lingering). */
  private runs(run: ChannelRun): boolean {
    const s = this.state;
    return (s.kind === 'live' || s.kind === 'lingering') && s.run === run;
  }
}
