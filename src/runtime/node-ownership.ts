// Whether this `runtime serve` is one node among several: on a Postgres server it is (channel ownership
// through its own lock session, viewers of other nodes' channels forwarded); on embedded PGlite it is the
// only node and nothing of this is built, so the single-node path costs nothing.
import { hostname } from 'node:os';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { Database } from '../db/open-database.js';
import { openLockSession } from '../db/lock-session.js';
import { ChannelOwnership } from './channel-ownership.js';
import type { ForwardMode } from './owner-forwarding.js';
import { OwnerRouting } from './owner-routing.js';
import type { DatabaseOutage } from './database-outage.js';

export interface NodeOptions {
  /** --node-name (default: the host name). */
  readonly name?: string | undefined;
  /** --advertise-url (default: the URL the server listens on). */
  readonly advertiseUrl?: string | undefined;
  /** --forward (default proxy). */
  readonly forward?: ForwardMode | undefined;
}

export interface NodeHooks {
  readonly playing: (channelId: string) => boolean;
  readonly lost: (channelIds: string[], error: Error) => void;
  readonly outage?: DatabaseOutage;
}

export function nodeOwnership(database: Database, options: NodeOptions, clock: Clock, log: Logger, hooks: NodeHooks): { ownership: ChannelOwnership; routing: OwnerRouting } | undefined {
  const config = database.config;
  if (config.dialect !== 'postgres') return undefined;
  const ownership = new ChannelOwnership({
    connect: () => openLockSession(config.url),
    name: options.name ?? hostname(),
    clock,
    log,
    playing: hooks.playing,
    lost: (channelIds) => hooks.lost(channelIds, new Error('another node took the channel while this node\'s lock session was lost')),
    ...(hooks.outage === undefined ? {} : { outage: hooks.outage }),
  });
  return { ownership, routing: new OwnerRouting(ownership, options.forward ?? 'proxy', log) };
}
