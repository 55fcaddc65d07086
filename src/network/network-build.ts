// `network apply --then-build`: after the apply has committed, ingest what the file enables and build its
// channels' horizons, as `collection ingest` and `horizon advance` would. A failure here leaves the apply.
import type { NetworkFile } from '../../generated/network-schema.js';
import type { ConnectionContext } from '../command/command-context.js';
import { isRetroVueError } from '../core/errors.js';
import { ingestCollection } from '../ingest/ingest-commands.js';
import { advanceHorizons } from '../scheduling/horizon/horizon.js';

export interface BuildReport {
  readonly kind: 'collection' | 'channel';
  readonly name: string;
  readonly result: string;
  readonly failed: boolean;
}

async function ingestDeclared(ctx: ConnectionContext, network: NetworkFile): Promise<BuildReport[]> {
  const reports: BuildReport[] = [];
  for (const s of network.sources ?? []) {
    for (const c of (s.collections ?? []).filter((x) => x['ingest-enabled'])) {
      const name = `${s.name}/${c.name}`;
      try {
        const { data } = await ingestCollection(ctx, { collection: name, path: undefined, reprobe: false, concurrency: undefined });
        const failed = data.interrupted === true;
        reports.push({ kind: 'collection', name, failed, result: `${data.new} new, ${data.updated} updated, ${data.unchanged} unchanged, ${data.invalid} invalid, ${data.missing} missing${failed ? ' (interrupted)' : ''}` });
      } catch (error) {
        if (!isRetroVueError(error)) throw error;
        reports.push({ kind: 'collection', name, failed: true, result: `not ingested: ${error.message}` });
      }
    }
  }
  return reports;
}

export async function buildDeclared(ctx: ConnectionContext, network: NetworkFile, horizon: { epgDays: number; playlogHours: number }): Promise<BuildReport[]> {
  const ingested = await ingestDeclared(ctx, network);
  const channelIds = (network.channels ?? []).map((c) => c.id);
  const reports = await advanceHorizons(ctx.database.db, { channelIds, epgDays: horizon.epgDays, playlogHours: horizon.playlogHours, nowMs: ctx.clock.now() });
  const built = reports.map((r): BuildReport => ({
    kind: 'channel',
    name: r.channelId,
    failed: r.error !== null,
    result: r.error !== null ? `refused: ${r.error}` : `schedule through ${r.scheduleThrough ?? '—'}, playlog through ${r.playlogThroughMs === null ? '—' : new Date(r.playlogThroughMs).toISOString()}`,
  }));
  return [...ingested, ...built];
}
