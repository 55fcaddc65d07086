// Handler of `retrovue runtime nodes` (contracts/runtime/nodes.yaml): the live nodes sharing a Postgres
// server and the channels each owns. On embedded PGlite one node serves and nothing registers: an empty list.
import type { RuntimeNodesInput, RuntimeNodesOutput } from '../../generated/contract-types.js';
import type { CommandResult, ConnectionContext } from '../command/command-context.js';
import { textTable } from '../command/text-table.js';
import { ownershipTiming } from './channel-ownership.js';
import { listNodes } from './runtime-node-repository.js';

export async function listRuntimeNodes(ctx: ConnectionContext, _input: RuntimeNodesInput): Promise<CommandResult<RuntimeNodesOutput>> {
  if (ctx.database.config.dialect !== 'postgres') {
    return { data: { database: 'embedded', nodes: [] }, text: 'embedded database: a single node serves it and no node registers (nodes share a Postgres server: RETROVUE_DATABASE_URL)' };
  }
  const nodes = (await listNodes(ctx.database.db, ownershipTiming.staleMs)).map((n) => ({
    id: n.id, name: n.name, url: n.url, started_at: n.startedAt.toISOString(), heartbeat_age_ms: n.heartbeatAgeMs, channels: n.channels,
  }));
  const text = nodes.length === 0
    ? 'no live node on this database; start one with retrovue runtime serve'
    : textTable(['NAME', 'URL', 'HEARTBEAT', 'CHANNELS', 'ID'], nodes.map((n) => [n.name, n.url, `${(n.heartbeat_age_ms / 1000).toFixed(1)} s ago`, n.channels.join(',') || '-', n.id]));
  return { data: { database: 'server', nodes }, text };
}
