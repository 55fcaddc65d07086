// Handlers of the commands that run an importer: `retrovue source discover` (a Source's Collections) and
// `retrovue collection ingest` (a Collection's media, through the pipeline in collection-ingest.ts).
import { availableParallelism } from 'node:os';
import type {
  CollectionIngestInput,
  CollectionIngestOutput,
  SourceDiscoverInput,
  SourceDiscoverOutput,
} from '../../generated/contract-types.js';
import {
  attachChain,
  collectionsToJson,
  insertCollections,
  listCollectionRows,
} from '../catalog/collection-repository.js';
import { defaultIngestEnricherIds } from '../catalog/enricher-repository.js';
import { requireSource } from '../catalog/source-repository.js';
import type { CommandResult, ConnectionContext, TransactionContext } from '../command/command-context.js';
import { createProgress } from '../command/progress.js';
import { textTable } from '../command/text-table.js';
import { ExitCode } from '../core/errors.js';
import { type IngestSummary, runIngest } from './collection-ingest.js';
import { namingSource } from './importer-errors.js';
import { printableLine } from '../core/printable.js';

export async function discoverSource(ctx: TransactionContext, input: SourceDiscoverInput): Promise<CommandResult<SourceDiscoverOutput>> {
  const source = await requireSource(ctx.db, input.source);
  const importer = ctx.plugins.importers.get(source.type);
  const discovered = await importer.discoverCollections(source.config).catch((error: unknown) => Promise.reject(namingSource(error, source.name)));
  const existing = await listCollectionRows(ctx.db, { sourceId: source.id });
  const existingKeys = new Set(existing.map((c) => c.external_key));
  const now = new Date(ctx.clock.now());
  const created = await insertCollections(
    ctx.db,
    discovered
      .filter((d) => !existingKeys.has(d.externalKey))
      .map((d) => ({ source_id: source.id, external_key: d.externalKey, name: d.name, source_path: d.sourcePath, created_at: now, updated_at: now })),
  );
  await attachChain(ctx.db, created.map((c) => c.id), importer.ingestEnrichers ?? defaultIngestEnricherIds);
  const reported = new Set(discovered.map((d) => d.externalKey));
  const createdIds = new Set(created.map((c) => c.id));
  const all = await collectionsToJson(ctx.db, [...existing, ...created]);
  const statusOf = (id: string, key: string): SourceDiscoverOutput['collections'][number]['status'] =>
    createdIds.has(id) ? 'new' : reported.has(key) ? 'existing' : 'gone';
  const collections = all.map((collection) => ({ collection, status: statusOf(collection.id, collection.external_key) }));
  const text = [
    textTable(['COLLECTION', 'STATUS', 'INGEST', 'PATH'], collections.map((c) => [c.collection.ref, c.status, c.collection.ingest_enabled ? 'on' : 'off', c.collection.source_path])),
    created.length > 0 ? `\n${created.length} new collection(s), ingest disabled; enable with retrovue collection update <ref> --ingest-enabled` : '',
  ].join('');
  return { data: { source: source.name, collections }, text };
}

function describeIngest(s: IngestSummary, dryRun: boolean): string {
  const verb = dryRun ? 'would ingest' : s.interrupted ? 'interrupted ingest of' : 'ingested';
  const lines = [
    `${verb} ${s.collection}: ${s.new} new, ${s.updated} updated, ${s.unchanged} unchanged, ${s.invalid} invalid, ${s.missing} missing (${s.total} files, ${(s.elapsed_ms / 1000).toFixed(1)} s)`,
    ...s.invalid_files.map((f) => `  invalid ${printableLine(f.path)}: ${printableLine(f.reason)}`),
    ...s.skipped.map((f) => `  skipped ${printableLine(f.path)}: ${printableLine(f.reason)}`),
  ];
  if (s.interrupted) lines.push('finished files are kept; run the same command again to continue');
  return lines.join('\n');
}

export async function ingestCollection(ctx: ConnectionContext, input: CollectionIngestInput): Promise<CommandResult<CollectionIngestOutput>> {
  const progress = createProgress(ctx.stderr, ctx.stderrIsTTY, 'ingest');
  try {
    const summary = await runIngest(ctx.database.db, input.collection, {
      plugins: ctx.plugins,
      under: input.path,
      reprobe: input.reprobe,
      concurrency: input.concurrency ?? availableParallelism(),
      dryRun: ctx.dryRun,
      clock: ctx.clock,
      signal: ctx.signal,
      onListProgress: (listed, total) => progress.update(listed, total ?? listed, 'listing the source'),
      onProgress: (done, total, file) => progress.update(done, total, file),
      onCommit: (batch, committed) => ctx.log.debug({ collection: input.collection, batch, committed }, 'ingest batch committed'),
    });
    for (const file of summary.invalid_files) ctx.log.info({ file: file.path, reason: file.reason }, 'invalid media');
    for (const entry of summary.skipped) ctx.log.warn({ path: entry.path, reason: entry.reason }, 'skipped');
    return {
      data: summary,
      text: describeIngest(summary, ctx.dryRun),
      ...(summary.interrupted ? { exitCode: ExitCode.partial } : {}),
    };
  } finally {
    progress.stop();
  }
}
