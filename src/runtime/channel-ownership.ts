// Channel ownership on a shared Postgres: this node's one lock session (a dedicated pg client, never the
// pool) registers the node, beats its heartbeat and holds an advisory lock per channel it plays, so two
// nodes never run one channel. A lock is taken before a channel starts and given back once the channel has
// stopped; if the node dies, its session and every lock with it vanish, and the next tune-in anywhere
// takes the channel. A session lost while the node lives (the database went away) leaves its channels
// playing: the next session re-takes their locks, and a channel another node took meanwhile stops here.
// Embedded PGlite has no such thing: one node, and this module never runs.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { type DatabaseOutage, isDatabaseUnavailable } from './database-outage.js';
import {
  beatHeartbeat, channelOwner, deregisterNode, type LockSession, registerNode, type RuntimeNode, tryLockChannel, unlockChannel,
} from './runtime-node-repository.js';

/** A dedicated session: closing it (or the process dying) releases every lock it holds. */
export interface OwnedSession extends LockSession {
  end(): Promise<void>;
  on(event: 'error' | 'end', listener: (error?: Error) => void): unknown;
}

export const ownershipTiming = {
  heartbeatMs: 2000,
  /** A node silent this long is ignored (its URL is not forwarded to). */
  staleMs: 10_000,
  /** … and this long, removed. */
  forgetMs: 60_000,
  /** A lock taken by a tune-in is kept at least this long, so the start it announces has time to happen. */
  claimGraceMs: 10_000,
} as const;

export type Claim = { readonly kind: 'local' } | { readonly kind: 'owner'; readonly node: RuntimeNode } | { readonly kind: 'unknown' };

export interface ChannelOwnershipOptions {
  readonly connect: () => Promise<OwnedSession>;
  readonly name: string;
  readonly clock: Clock;
  readonly log: Logger;
  /** Whether this node's ChannelManager of `channelId` runs (or is about to run) playout. */
  readonly playing: (channelId: string) => boolean;
  /** Another node took these channels' locks while this node's session was lost: they must stop here. */
  readonly lost: (channelIds: string[]) => void;
  /** Where the session's connection failures and successes are reported (one log line per outage). */
  readonly outage?: DatabaseOutage;
}

export class ChannelOwnership {
  private readonly id = randomUUID();
  /** The advertised base URL (known once the server listens). */
  private url = '';
  private session: OwnedSession | undefined;
  /** Channels whose lock this session holds, and when a tune-in last claimed each. */
  private readonly held = new Map<string, number>();
  /** Claims under way: the lock is reentrant, so two at once would take it twice and give it back once. */
  private readonly claiming = new Map<string, Promise<Claim>>();
  private opening: Promise<OwnedSession> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private tick: Promise<void> = Promise.resolve();

  constructor(private readonly options: ChannelOwnershipOptions) {}

  get node(): RuntimeNode {
    return { id: this.id, name: this.options.name, url: this.url };
  }

  /** Registers the node as reachable at `url` and starts its heartbeat. */
  async start(url: string): Promise<void> {
    this.url = url;
    await registerNode(await this.ready(), this.node);
    this.timer = setInterval(() => {
      this.tick = this.tick.then(() => this.reported(this.beat())).catch((error: unknown) => {
        if (!isDatabaseUnavailable(error)) this.options.log.warn({ err: error }, 'runtime node heartbeat failed');
      });
    }, ownershipTiming.heartbeatMs);
  }

  /** The channels this node owns now. */
  owned(): string[] {
    return [...this.held.keys()].sort();
  }

  /** Before playout starts here: this node owns `channelId` (taking its lock if free), or who does. */
  claim(channelId: string): Promise<Claim> {
    let claim = this.claiming.get(channelId);
    if (claim === undefined) {
      claim = this.reported(this.claimOnce(channelId)).finally(() => this.claiming.delete(channelId));
      this.claiming.set(channelId, claim);
    }
    return claim;
  }

  private async claimOnce(channelId: string): Promise<Claim> {
    if (this.held.has(channelId)) {
      this.held.set(channelId, this.options.clock.now());
      return { kind: 'local' };
    }
    const session = await this.ready();
    if (await tryLockChannel(session, channelId)) {
      this.held.set(channelId, this.options.clock.now());
      this.options.log.info({ channel: channelId, node: this.node.id }, 'channel owned by this node');
      return { kind: 'local' };
    }
    return this.lookUp(channelId);
  }

  /** `work` on the session, its connection failure reported as the outage's database_unavailable. */
  private reported<T>(work: Promise<T>): Promise<T> {
    const outage = this.options.outage;
    return outage === undefined ? work : work.catch((error: unknown) => Promise.reject(outage.failed(error)));
  }

  /** Who owns `channelId` without claiming it: this node, another, or nobody known. */
  locate(channelId: string): Promise<Claim> {
    return this.held.has(channelId) ? Promise.resolve({ kind: 'local' }) : this.reported(this.lookUp(channelId));
  }

  private async lookUp(channelId: string): Promise<Claim> {
    const node = await channelOwner(await this.ready(), channelId, ownershipTiming.staleMs);
    if (node === null) return { kind: 'unknown' };
    return node.id === this.node.id ? { kind: 'local' } : { kind: 'owner', node };
  }

  /** Gives every lock back and leaves the node list (after the channels have stopped). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.tick;
    const session = this.session;
    this.session = undefined;
    this.held.clear();
    if (session === undefined) return;
    await deregisterNode(session, this.node.id).catch((error: unknown) => this.options.log.warn({ err: error }, 'runtime node could not deregister'));
    await session.end().catch(() => {});
  }

  /** Heartbeat; locks of channels that stopped here go back; a lost session is reopened. */
  private async beat(): Promise<void> {
    const session = await this.ready();
    if (!(await beatHeartbeat(session, this.node.id, ownershipTiming.forgetMs))) await registerNode(session, this.node);
    const now = this.options.clock.now();
    for (const [channelId, claimedAt] of [...this.held]) {
      if (this.options.playing(channelId) || now - claimedAt < ownershipTiming.claimGraceMs) continue;
      this.held.delete(channelId);
      await unlockChannel(session, channelId);
      this.options.log.info({ channel: channelId }, 'channel stopped here: ownership released');
    }
  }

  /** The session, opened (again) when there is none; its connection failures are the outage's. */
  private async ready(): Promise<OwnedSession> {
    if (this.session !== undefined) return this.session;
    this.opening ??= this.open().finally(() => (this.opening = undefined));
    try {
      const session = await this.opening;
      this.options.outage?.reached();
      return session;
    } catch (error) {
      throw this.options.outage?.failed(error) ?? error;
    }
  }

  private async open(): Promise<OwnedSession> {
    const session = await this.options.connect();
    const gone = (error?: Error) => {
      if (this.session !== session) return;
      this.session = undefined;
      if (error !== undefined) this.options.outage?.failed(error);
      this.options.log.info({ channels: this.owned() }, 'the ownership lock session was lost: its channels play on and their locks are re-taken on the next session');
    };
    session.on('error', gone);
    session.on('end', gone);
    try {
      await registerNode(session, this.node);
      await this.retake(session);
    } catch (error) {
      await session.end().catch(() => {});
      throw error;
    }
    this.session = session;
    return session;
  }

  /** On a new session, the locks of the channels still held here; those another node took meanwhile stop here. */
  private async retake(session: OwnedSession): Promise<void> {
    const taken: string[] = [];
    for (const channelId of [...this.held.keys()]) {
      if (await tryLockChannel(session, channelId)) continue;
      this.held.delete(channelId);
      taken.push(channelId);
    }
    if (taken.length === 0) return;
    this.options.log.warn({ channels: taken }, 'another node took these channels while this node\'s lock session was lost: they stop here');
    this.options.lost(taken);
  }
}
