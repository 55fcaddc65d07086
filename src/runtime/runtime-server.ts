// `runtime serve` put together: the ProgramDirector on the configured database (through one DbGate, serial on
// PGlite, side by side on a server), the
// as-run log, the horizon timer, the process guard (an unhandled error stops one channel at most, never the
// server), the tuner count (configured, or measured in the background once listening), the opt-in HDHomeRun
// discovery, and an orderly stop (viewers, engines, as-run, horizons, in that order).
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../core/clock.js';
import { RetroVueError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Database } from '../db/open-database.js';
import { describeLocation } from '../db/database-config.js';
import { type AirCommand, defaultAirCommand } from './air-process.js';
import { AsRunLog } from './asrun-log.js';
import { databaseDirectory } from './channel-directory.js';
import { DbGate, type DbGateOptions } from './db-gate.js';
import { HorizonTimer } from './horizon-timer.js';
import type { PlanSource } from './plan-source.js';
import { guardProcess } from './process-guard.js';
import { ProgramDirector } from './program-director.js';
import { newTunerDevice } from './hdhomerun/device-identity.js';
import { DiscoveryResponder } from './hdhomerun/discovery-responder.js';
import { ensureTunerDevice } from './hdhomerun/tuner-device-repository.js';
import { machineTuners } from './transcode-capacity.js';
import { nodeOwnership, type NodeOptions } from './node-ownership.js';
import type { ChannelOwnership } from './channel-ownership.js';
import { DatabaseOutage } from './database-outage.js';

export interface RuntimeServerOptions {
  readonly database: Database;
  readonly home: string;
  readonly host: string;
  readonly port: number;
  readonly lingerMs: number;
  readonly horizonEveryMs: number;
  readonly clock: Clock;
  readonly log: Logger;
  readonly air?: AirCommand;
  /** The domain of the guide's channel ids (XMLTV ids, M3U tvg-ids); default `retrovue`. */
  readonly guideDomain?: string;
  /** Where plans come from, given the gate every database use goes through (playoutPlanSource). */
  readonly planSourceFor: (gate: DbGate) => PlanSource;
  /** --tuners; undefined: measured (the cores until the measure is in). */
  readonly tuners?: number | undefined;
  /** --hdhomerun-discovery: answer UDP discovery on port 65001 of `host`. */
  readonly hdhomerunDiscovery?: boolean;
  /** The discovery port (tests only; clients always use 65001). */
  readonly discoveryPort?: number;
  /** This node among several on one Postgres server (ignored on embedded PGlite, a single node). */
  readonly node?: NodeOptions;
  /** The gate's wait bound and turns (tests only). */
  readonly dbGate?: DbGateOptions;
}

export interface RuntimeSummary {
  readonly url: string;
  readonly servedMs: number;
  readonly channelsTuned: number;
  readonly bytesSent: number;
  readonly restarts: number;
  readonly asRunRecords: number;
  readonly horizonRuns: number;
}

export class RuntimeServer {
  private readonly gate: DbGate;
  private readonly director: ProgramDirector;
  private readonly asRun: AsRunLog;
  private readonly horizons: HorizonTimer;
  private startedAtMs = 0;
  private unguard: (() => void) | undefined;
  private tunerCount: number;
  private readonly measuring = new AbortController();
  private measured: Promise<void> = Promise.resolve();
  private discovery: DiscoveryResponder | undefined;
  private port = 0;
  private readonly ownership: ChannelOwnership | undefined;
  private readonly outage: DatabaseOutage;
  url = '';

  constructor(private readonly options: RuntimeServerOptions) {
    // An embedded database's client whose holder died holds the database itself once it can (B-86).
    const regain = options.database.regain;
    this.outage = new DatabaseOutage({ clock: options.clock, log: options.log, ...(regain === undefined ? {} : { whileDown: regain }) });
    this.gate = new DbGate(options.database.db, options.database.config.dialect, { ...options.dbGate, outage: this.outage });
    const gate = this.gate;
    const planSource = options.planSourceFor(gate);
    const node = nodeOwnership(options.database, options.node ?? {}, options.clock, options.log, {
      playing: (channelId) => this.director.playing(channelId),
      lost: (channelIds, error) => channelIds.forEach((id) => this.director.failChannel(id, error)),
      outage: this.outage,
    });
    this.ownership = node?.ownership;
    // The as-run rows name their writer: the node on a Postgres server, this server's life on embedded PGlite.
    const nodeId = node?.ownership.node.id ?? randomUUID();
    this.asRun = new AsRunLog({
      dir: join(options.home, 'asrun'), db: gate, dbWhere: `the database ${describeLocation(options.database.config)}`, log: options.log, clock: options.clock, nodeId,
    });
    this.director = new ProgramDirector({
      ...(node === undefined ? {} : { owners: node.routing }),
      directory: databaseDirectory(gate, { guideDomain: options.guideDomain }), planSource, air: options.air ?? defaultAirCommand(), clock: options.clock, log: options.log,
      asRun: this.asRun, lingerMs: options.lingerMs, tuners: () => this.tunerCount,
      device: () => gate.run((db) => ensureTunerDevice(db, newTunerDevice())),
      onClockStep: () => this.horizons.runNow(),
    });
    this.tunerCount = options.tuners ?? availableParallelism();
    this.horizons = new HorizonTimer({ gate, clock: options.clock, log: options.log, everyMs: options.horizonEveryMs });
  }

  /**
   * Advances the horizons once, then listens (discovery first when asked) and starts the tuner measure: with
   * database work side by side, a guide or tune-in answered during the first run would miss channels it has
   * not reached yet. An address in use is a one-line error.
   */
  async start(): Promise<string> {
    const { host, log } = this.options;
    await this.horizons.start();
    if (this.options.hdhomerunDiscovery === true) {
      try {
        this.discovery = await DiscoveryResponder.start({
          host, port: this.options.discoveryPort, httpPort: () => this.port, log,
          device: () => this.director.hdhomerun.identity(), tunerCount: () => this.director.hdhomerun.tunerCount(),
        });
      } catch (error) {
        await this.horizons.stop();
        throw error;
      }
    }
    try {
      const bound = await this.director.listen(this.options.host, this.options.port);
      this.url = bound.url;
      this.port = bound.port;
      await this.ownership?.start(this.options.node?.advertiseUrl ?? bound.url);
    } catch (error) {
      await this.horizons.stop();
      await this.discovery?.close();
      const code = (error as NodeJS.ErrnoException).code;
      const where = `${this.options.host}:${this.options.port}`;
      if (code === 'EADDRINUSE') throw new RetroVueError('invalid_input', `${where} is already in use; stop what listens there or pass --port`, { cause: error });
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') throw new RetroVueError('invalid_input', `cannot listen on ${where}: no such local address; pass --host 127.0.0.1 or 0.0.0.0`, { cause: error });
      throw error;
    }
    this.startedAtMs = this.options.clock.now();
    // While serving, an error nobody handled stops its channel at most, never the server.
    this.unguard = guardProcess(this.options.log, (channelId, error) => this.director.failChannel(channelId, error));
    if (this.options.tuners === undefined) this.measureTuners();
    return this.url;
  }

  /** In the background: never delays listening; until it is in, the cores are the count. Measured once per machine. */
  private measureTuners(): void {
    const { clock, log } = this.options;
    this.measured = machineTuners(clock, this.measuring.signal).then(
      ({ count, cached }) => {
        this.tunerCount = count;
        log.info({ tuners: count, cached }, cached ? 'tuner count as measured before on this machine (pass --tuners to set it)' : 'tuner count measured (pass --tuners to set it)');
      },
      (error: unknown) => {
        if (!this.measuring.signal.aborted) log.warn({ err: error, tuners: this.tunerCount }, 'the tuner count could not be measured; using the cores');
      },
    );
  }

  /** Stops everything: no viewer, engine or ffmpeg is left, and the as-run log is on disk and in the database. */
  async stop(): Promise<RuntimeSummary> {
    this.measuring.abort();
    await this.measured;
    await this.discovery?.close();
    const status = this.director.status();
    await this.director.close();
    await this.ownership?.stop();
    await this.horizons.stop();
    await this.asRun.flush();
    await this.gate.idle();
    this.outage.stop();
    this.unguard?.();
    return {
      url: this.url,
      servedMs: Math.max(0, this.options.clock.now() - this.startedAtMs),
      channelsTuned: this.director.channelsTuned,
      bytesSent: status.channels.reduce((n, c) => n + c.bytes_sent, 0),
      restarts: status.channels.reduce((n, c) => n + c.restarts, 0),
      asRunRecords: this.asRun.written,
      horizonRuns: this.horizons.runs,
    };
  }
}
