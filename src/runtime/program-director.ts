// ProgramDirector: the single HTTP server and top-level supervisor. It answers the IPTV routes, creates a
// ChannelManager per channel on first tune-in and never starts a process itself.
//   GET /channels · GET|HEAD /channel/{id}.ts · GET /channel/{id}/logo · GET /playlist.m3u · GET /epg.xml · GET /status · GET /healthz
//   the web TV guide (guide-page/guide-routes.ts), HLS (hls-routes.ts) and the HDHomeRun tuner routes
//   (hdhomerun/hdhomerun-routes.ts). Every start of a channel asks the TunerPool.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Clock, type MonotonicMs, systemMonotonic } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { renderM3u } from '../scheduling/epg/m3u-renderer.js';
import { renderXmltv } from '../scheduling/epg/xmltv-renderer.js';
import type { AirCommand } from './air-process.js';
import type { AsRunWriter } from './asrun-recorder.js';
import { ChannelManager, type ChannelManagerOptions, defaultManagerTiming } from './channel-manager.js';
import { CLOCK_STEP_CHECK_MS, ClockStepWatch } from './clock-step-watch.js';
import { type ChannelDirectory, directoryGuide, EPG_LOOK_BACK_MS } from './channel-directory.js';
import { LOGO_ROUTE, serveChannelLogo } from './logo-route.js';
import { answerHls, type HlsRouteDeps } from './hls-routes.js';
import { errorBody, requestPath, sendFailure, sendJson, sendText, streamHeaders } from './http-replies.js';
import { asTuneFailure, type PlanSource, tunablePlan, type TuneFailure, tuneFailureOf } from './plan-source.js';
import { answerBusy, isDatabaseRefusal, loggingBusyChecks } from './busy-replies.js';
import { DEFAULT_VIEWER_BUFFER_BYTES, type ViewerSink } from './stream-fanout.js';
import { serveGuidePage } from './guide-page/guide-routes.js';
import { TuneChecks } from './tune-checks.js';
import { admitTune, type TuneAdmission } from './tune-admission.js';
import { TunerPool } from './tuner-pool.js';
import { KnownChannels } from './known-channels.js';
import { newTunerDevice, type TunerDevice } from './hdhomerun/device-identity.js';
import { HdHomeRunRoutes, LINEUP_POST } from './hdhomerun/hdhomerun-routes.js';
import type { OwnerRouting } from './owner-routing.js';
import { type DirectorStatus, directorStatus } from './director-status.js';

export interface ProgramDirectorOptions {
  readonly directory: ChannelDirectory;
  readonly planSource: PlanSource;
  readonly air: AirCommand;
  readonly clock: Clock;
  readonly log: Logger;
  readonly asRun?: AsRunWriter | null;
  readonly lingerMs?: number;
  readonly maxViewerBufferBytes?: number;
  readonly extendAheadMs?: number;
  readonly extendCheckMs?: number;
  readonly restartBackoff?: ChannelManagerOptions['restartBackoff'];
  readonly hlsLeaseMs?: number;
  /** How many channels may play at once now (--tuners, or measured); no limit when absent. */
  readonly tuners?: () => number;
  /** The HDHomeRun identity (the database's); a new one for this server's life when absent. */
  readonly device?: () => Promise<TunerDevice>;
  /** Several nodes on one Postgres: who plays which channel (absent on embedded PGlite: one node, no cost). */
  readonly owners?: OwnerRouting;
  /** The clock the wall clock is compared with to notice it stepping (tests inject one), and how often. */
  readonly monotonic?: MonotonicMs;
  readonly clockStepCheckMs?: number;
  /** Runs when the wall clock stepped, before the channels re-plan (the runtime advances the horizons). */
  readonly onClockStep?: () => Promise<void>;
}

const CHANNEL_ROUTE = /^\/channel\/([^/]+)\.ts$/;

export class ProgramDirector {
  private readonly server: Server;
  private readonly managers = new Map<string, ChannelManager>();
  private readonly startedAtMs: number;
  private readonly tuneChecks = new TuneChecks(loggingBusyChecks(() => this.options.log, (channelId) => tunablePlan(this.options.planSource, channelId, this.options.clock.now())), () => this.options.clock.now());
  private readonly admission: TuneAdmission;
  private readonly knownChannels: KnownChannels;
  private readonly tuners = new TunerPool({
    count: () => this.options.tuners?.() ?? Number.POSITIVE_INFINITY,
    playing: () => [...this.managers.values()].map((m) => m.status()).filter((s) => s.state !== 'idle' && s.state !== 'closed').map((s) => ({ id: s.id, lingering: s.state === 'lingering' })),
    releaseLingering: async () => {
      for (const manager of this.managers.values()) if (await manager.releaseTuner()) return true;
      return false;
    },
  });
  readonly hdhomerun: HdHomeRunRoutes;
  private closing = false;
  private readonly hls: HlsRouteDeps;
  private readonly clockSteps: ClockStepWatch;
  /** Channels whose playout was started at some point. */
  get channelsTuned(): number {
    return [...this.managers.values()].filter((m) => m.everStarted).length;
  }

  constructor(private readonly options: ProgramDirectorOptions) {
    this.startedAtMs = options.clock.now();
    this.knownChannels = new KnownChannels(options.directory, () => options.clock.now());
    this.admission = {
      check: (channelId) => this.tuneChecks.run(channelId), tunerRefusal: (channelId) => this.tunerRefusal(channelId),
      claimTuner: (channelId) => this.tuners.claim(channelId), known: (channelId) => this.knownChannels.known(channelId), log: options.log,
    };
    this.hls = {
      admission: this.admission, managerOf: (channelId) => this.managerOf(channelId),
      existing: (channelId) => this.managers.get(channelId), log: options.log,
    };
    const device = newTunerDevice();
    this.hdhomerun = new HdHomeRunRoutes({
      directory: options.directory, device: options.device ?? (async () => device), tunerCount: () => options.tuners?.() ?? Number.POSITIVE_INFINITY,
      tune: (req, res, channelId) => this.tune(req, res, channelId),
    });
    this.server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        if (isDatabaseRefusal(error)) return answerBusy(options.log, req, res, error);
        options.log.error({ err: error, url: req.url }, 'request failed');
        if (!res.headersSent) sendJson(res, req, 500, errorBody('internal', error instanceof Error ? error.message : String(error)));
        else res.destroy();
      });
    });
    this.server.keepAliveTimeout = 5000;
    this.clockSteps = new ClockStepWatch({
      clock: options.clock, monotonic: options.monotonic ?? systemMonotonic, everyMs: options.clockStepCheckMs ?? CLOCK_STEP_CHECK_MS,
      onStep: (stepMs) => this.clockStepped(stepMs),
    });
  }

  /** Binds; resolves with the address actually bound (port 0 picks a free one). */
  listen(host: string, port: number): Promise<{ host: string; port: number; url: string }> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const address = this.server.address() as AddressInfo;
        const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        this.clockSteps.start();
        resolve({ host: address.address, port: address.port, url: `http://${shown}:${address.port}` });
      });
    });
  }

  status(): DirectorStatus {
    const statuses = [...this.managers.values()].map((m) => m.status());
    return directorStatus(this.startedAtMs, this.options.clock.now(), this.options.owners?.status() ?? null, statuses);
  }

  /** Whether this node plays `channelId` now (its engine starting, live, lingering or restarting). */
  playing(channelId: string): boolean {
    const state = this.managers.get(channelId)?.status().state;
    return state !== undefined && state !== 'idle' && state !== 'closed';
  }

  /** An error nobody handled arose in a channel's work: that channel alone is stopped. Never throws. */
  failChannel(channelId: string, error: unknown): void {
    this.managers.get(channelId)?.fail(error);
  }

  /** Graceful stop: no new requests, every viewer closed, every engine (and its ffmpegs) gone. */
  async close(): Promise<void> {
    this.closing = true;
    await this.clockSteps.stop();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    await Promise.all([...this.managers.values()].map((m) => m.close()));
    this.server.closeAllConnections();
    await closed;
  }

  /**
   * The wall clock stepped by `stepMs`: the horizons first (the plan at the new now needs them), then every
   * channel on air re-plans at the new now (a channel that cannot is stopped alone). Never rejects.
   */
  private async clockStepped(stepMs: number): Promise<void> {
    const { log } = this.options;
    await this.options.onClockStep?.().catch((error: unknown) => log.error({ err: error }, 'advancing the horizons after the wall clock stepped failed'));
    const replanned: string[] = [];
    await Promise.all([...this.managers.values()].map((m) => m.replan().then(
      (done) => void (done && replanned.push(m.channelId)),
      (error: unknown) => m.fail(error),
    )));
    const seconds = (Math.abs(stepMs) / 1000).toFixed(1);
    log.warn({ stepMs, replanned }, `the wall clock stepped ${stepMs > 0 ? 'forward' : 'back'} by ${seconds} s; re-planned at the new now: ${replanned.join(', ') || 'no channel on air'}`);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Clients (Plex, Jellyfin) append their own query parameters: only the path matters.
    const path = requestPath(req);
    if (path === undefined) return sendJson(res, req, 400, errorBody('invalid_input', 'the request path is not valid percent-encoded UTF-8 or holds a NUL'));
    if (req.method !== 'GET' && req.method !== 'HEAD' && path !== LINEUP_POST) {
      res.setHeader('Allow', 'GET, HEAD');
      sendJson(res, req, 405, errorBody('method_not_allowed', `${req.method ?? '?'} is not supported; use GET or HEAD`));
      return;
    }
    if (this.closing) {
      sendJson(res, req, 503, errorBody('shutting_down', 'the server is shutting down'));
      return;
    }
    const channel = CHANNEL_ROUTE.exec(path);
    if (channel !== null) return this.tune(req, res, decodeURIComponent(channel[1] as string));
    const logo = LOGO_ROUTE.exec(path);
    if (logo !== null) return serveChannelLogo(req, res, this.options.directory, decodeURIComponent(logo[1] as string));
    if (await this.options.owners?.answeredHls(req, res, path)) return;
    if (await answerHls(req, res, path, this.hls)) return;
    if (await serveGuidePage({ ...this.options, baseUrl: (r) => this.baseUrl(r) }, req, res, path)) return;
    switch (path) {
      case '/channels': {
        const channels = await this.options.directory.channels();
        sendJson(res, req, 200, { channels: channels.map((c) => ({ id: c.id, name: c.name })) });
        return;
      }
      case '/playlist.m3u': {
        const base = this.baseUrl(req);
        const text = renderM3u(await this.options.directory.channels(base), { baseUrl: base, epgUrl: `${base}/epg.xml` });
        sendText(res, req, 'audio/x-mpegurl; charset=utf-8', text);
        return;
      }
      case '/epg.xml': {
        const now = this.options.clock.now();
        const channels = await this.options.directory.channels(this.baseUrl(req));
        const guide = await directoryGuide(this.options.directory, now - EPG_LOOK_BACK_MS, now + 8 * 86_400_000);
        sendText(res, req, 'application/xml; charset=utf-8', renderXmltv(channels, guide, { generatorName: 'RetroVue' }));
        return;
      }
      case '/status':
        sendJson(res, req, 200, this.status());
        return;
      case '/healthz':
        sendJson(res, req, 200, { ok: true });
        return;
      default:
        if (await this.hdhomerun.answer(req, res, path, this.baseUrl(req))) return;
        sendJson(res, req, 404, errorBody('not_found', `no route ${path}; try /channels, /channel/{id}.ts, /channel/{id}.m3u8, /playlist.m3u, /epg.xml, /status`));
    }
  }

  /**
   * GET streams (starting playout if needed); HEAD answers the same status without starting anything. What
   * the plan source says now decides the status of every tune-in, a channel already on air included (one
   * disabled or removed since gets 404, not its running stream); a channel it does not know gets no ChannelManager.
   */
  private async tune(req: IncomingMessage, res: ServerResponse, channelId: string): Promise<void> {
    if (this.options.owners !== undefined && (await this.options.owners.answered(req, res, channelId, true))) return;
    let viewerId: number | undefined;
    let gone = false;
    res.on('close', () => {
      gone = true;
      if (viewerId !== undefined) this.managers.get(channelId)?.leave(viewerId);
    });
    const sink: ViewerSink = {
      write: (chunk) => {
        res.write(chunk);
      },
      get buffered() {
        return res.writableLength;
      },
      close: () => res.destroy(),
    };
    const open = () => {
      res.writeHead(200, streamHeaders);
      res.flushHeaders();
    };
    viewerId = await admitTune(req, res, channelId, this.admission, streamHeaders, (checked) => this.managerOf(channelId).join(sink, open, checked));
    if (viewerId === undefined) return;
    if (gone) this.managers.get(channelId)?.leave(viewerId);
  }

  /** What a HEAD answers when no tuner is free for `channelId` (it starts and stops nothing). */
  private tunerRefusal(channelId: string): TuneFailure | undefined {
    return this.tuners.available(channelId) ? undefined : tuneFailureOf({ kind: 'tuners-busy', channelId, tuners: this.options.tuners?.() ?? 0 });
  }

  private managerOf(channelId: string): ChannelManager {
    let manager = this.managers.get(channelId);
    if (manager === undefined) {
      const o = this.options;
      manager = new ChannelManager({
        channelId,
        planSource: o.planSource,
        air: o.air,
        clock: o.clock,
        log: o.log,
        asRun: o.asRun ?? null,
        lingerMs: o.lingerMs ?? defaultManagerTiming.lingerMs,
        maxViewerBufferBytes: o.maxViewerBufferBytes ?? DEFAULT_VIEWER_BUFFER_BYTES,
        extendAheadMs: o.extendAheadMs ?? defaultManagerTiming.extendAheadMs,
        extendCheckMs: o.extendCheckMs ?? defaultManagerTiming.extendCheckMs,
        restartBackoff: o.restartBackoff ?? defaultManagerTiming.restartBackoff,
        ...(o.hlsLeaseMs === undefined ? {} : { hlsLeaseMs: o.hlsLeaseMs }),
      });
      this.managers.set(channelId, manager);
    }
    return manager;
  }

  /** The URL clients reached us by (the Host header), so the playlist works from another machine too. */
  private baseUrl(req: IncomingMessage): string {
    const host = req.headers.host;
    if (host !== undefined && /^[A-Za-z0-9.\-:[\]]+$/.test(host)) return `http://${host}`;
    const address = this.server.address() as AddressInfo;
    return `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  }
}
