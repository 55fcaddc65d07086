// Handlers of `retrovue collection …` (contracts/collection/*.yaml): ingest scope, mappings, enrichers, ingest.
import { availableParallelism } from 'node:os';
import type { Kysely } from 'kysely';
import type { CollectionAttachEnricherInput } from '../../generated/commands/collection-attach-enricher.js';
import type { CollectionDetachEnricherInput } from '../../generated/commands/collection-detach-enricher.js';
import type { CollectionIngestInput } from '../../generated/commands/collection-ingest.js';
import type { CollectionListInput } from '../../generated/commands/collection-list.js';
import type { CollectionShowInput } from '../../generated/commands/collection-show.js';
import type { CollectionUpdateInput } from '../../generated/commands/collection-update.js';
import type { CommandResult, ConnectionContext, TransactionContext } from '../cli/command-context.js';
import { createProgress } from '../cli/progress.js';
import { textTable } from '../cli/text-table.js';
import { ExitCode, RetroVueError } from '../core/errors.js';
import type { CollectionRow, LocalPathMapping, Schema } from '../db/schema.js';
import type { CollectionJson } from './catalog-json.js';
import { collectionsToJson, requireCollection, requireSource } from './catalog-repository.js';
import { type IngestSummary, runIngest } from './collection-ingest.js';
import { normaliseMappings, parseMapping } from './path-mapping.js';

async function oneCollectionJson(db: Kysely<Schema>, row: CollectionRow): Promise<CollectionJson> {
  const [json] = await collectionsToJson(db, [row]);
  if (!json) throw new RetroVueError('internal', `collection ${row.id} vanished while being shown`);
  return json;
}

function describeCollection(c: CollectionJson): string {
  const mappings = c.local_paths.map((m) => `${m.remote}=${m.local}`).join(', ') || 'none';
  return [
    `${c.ref}  ingest ${c.ingest_enabled ? 'enabled' : 'disabled'}`,
    `  path      ${c.source_path}`,
    `  mappings  ${mappings}`,
    `  enrichers ${c.enrichers.join(' → ') || 'none'}`,
    `  assets    ${c.assets.ready} ready, ${c.assets.new} new, ${c.assets.invalid} invalid, ${c.assets.missing} missing`,
  ].join('\n');
}

export async function listCollections(ctx: TransactionContext, input: CollectionListInput): Promise<CommandResult> {
  let query = ctx.db.selectFrom('collection').selectAll();
  if (input.source !== undefined) query = query.where('source_id', '=', (await requireSource(ctx.db, input.source)).id);
  const collections = await collectionsToJson(ctx.db, await query.execute());
  const text =
    collections.length === 0
      ? 'no collections; discover them with retrovue source discover <source>'
      : textTable(
          ['COLLECTION', 'INGEST', 'READY', 'NEW', 'INVALID', 'MISSING', 'ENRICHERS'],
          collections.map((c) => [c.ref, c.ingest_enabled ? 'on' : 'off', ...[c.assets.ready, c.assets.new, c.assets.invalid, c.assets.missing].map(String), c.enrichers.join(',')]),
        );
  return { data: { collections }, text };
}

export async function showCollection(ctx: TransactionContext, input: CollectionShowInput): Promise<CommandResult> {
  const { collection } = await requireCollection(ctx.db, input.collection);
  const json = await oneCollectionJson(ctx.db, collection);
  return { data: { collection: json }, text: describeCollection(json) };
}

// Compared field by field: jsonb hands objects back with its own key order.
function sameMappings(a: readonly LocalPathMapping[], b: readonly LocalPathMapping[]): boolean {
  return a.length === b.length && a.every((m, i) => m.remote === b[i]?.remote && m.local === b[i]?.local);
}

export async function updateCollection(ctx: TransactionContext, input: CollectionUpdateInput): Promise<CommandResult> {
  const { collection } = await requireCollection(ctx.db, input.collection);
  const changed: string[] = [];
  let ingestEnabled = collection.ingest_enabled;
  if (input.ingestEnabled !== undefined && input.ingestEnabled !== collection.ingest_enabled) {
    ingestEnabled = input.ingestEnabled;
    changed.push('ingest_enabled');
  }
  let mappings = collection.local_paths;
  if (input.clearLocalPaths && input.localPath !== undefined) {
    throw new RetroVueError('invalid_input', '--clear-local-paths and --local-path cannot be combined');
  }
  const wanted = input.clearLocalPaths ? [] : input.localPath !== undefined ? normaliseMappings(input.localPath.map(parseMapping)) : undefined;
  if (wanted !== undefined && !sameMappings(wanted, collection.local_paths)) {
    mappings = wanted;
    changed.push('local_paths');
  }
  let row = collection;
  if (changed.length > 0) {
    row = await ctx.db
      .updateTable('collection')
      .set({ ingest_enabled: ingestEnabled, local_paths: JSON.stringify(mappings), updated_at: new Date(ctx.clock.now()) })
      .where('id', '=', collection.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  const json = await oneCollectionJson(ctx.db, row);
  const summary = changed.length === 0 ? `collection ${json.ref} unchanged` : `${ctx.dryRun ? 'would update' : 'updated'} ${changed.join(', ')}`;
  return { data: { collection: json, changed }, text: `${summary}\n${describeCollection(json)}` };
}

async function attachedIds(db: Kysely<Schema>, collectionId: string): Promise<string[]> {
  const rows = await db.selectFrom('collection_enricher').select('enricher_id').where('collection_id', '=', collectionId).orderBy('position').execute();
  return rows.map((r) => r.enricher_id);
}

/** Rewrites a collection's enricher order as 1..n (positions are unique, so clear then insert). */
async function writeOrder(db: Kysely<Schema>, collectionId: string, order: readonly string[]): Promise<void> {
  await db.deleteFrom('collection_enricher').where('collection_id', '=', collectionId).execute();
  if (order.length === 0) return;
  await db
    .insertInto('collection_enricher')
    .values(order.map((enricherId, i) => ({ collection_id: collectionId, enricher_id: enricherId, position: i + 1 })))
    .execute();
}

export async function attachEnricher(ctx: TransactionContext, input: CollectionAttachEnricherInput): Promise<CommandResult> {
  const { collection, source } = await requireCollection(ctx.db, input.collection);
  const enricher = await ctx.db.selectFrom('enricher').selectAll().where('id', '=', input.enricher).executeTakeFirst();
  const ref = `${source.name}/${collection.name}`;
  if (!enricher) throw new RetroVueError('not_found', `enricher "${input.enricher}" does not exist; see retrovue enricher list`);
  if (enricher.kind !== 'ingest') throw new RetroVueError('invalid_input', `enricher "${enricher.id}" is a ${enricher.kind} enricher; only ingest enrichers attach to collections`);
  const order = await attachedIds(ctx.db, collection.id);
  if (order.includes(enricher.id)) throw new RetroVueError('conflict', `enricher "${enricher.id}" is already attached to ${ref}`);
  const at = Math.min(input.position ?? order.length + 1, order.length + 1) - 1;
  order.splice(at, 0, enricher.id);
  await writeOrder(ctx.db, collection.id, order);
  const json = await oneCollectionJson(ctx.db, collection);
  return { data: { collection: json }, text: `${ctx.dryRun ? 'would attach' : 'attached'} ${enricher.id}: ${json.enrichers.join(' → ')}` };
}

export async function detachEnricher(ctx: TransactionContext, input: CollectionDetachEnricherInput): Promise<CommandResult> {
  const { collection, source } = await requireCollection(ctx.db, input.collection);
  const order = await attachedIds(ctx.db, collection.id);
  if (!order.includes(input.enricher)) {
    throw new RetroVueError('not_found', `enricher "${input.enricher}" is not attached to ${source.name}/${collection.name}`);
  }
  await writeOrder(ctx.db, collection.id, order.filter((id) => id !== input.enricher));
  const json = await oneCollectionJson(ctx.db, collection);
  return { data: { collection: json }, text: `${ctx.dryRun ? 'would detach' : 'detached'} ${input.enricher}: ${json.enrichers.join(' → ') || 'no enrichers left'}` };
}

function describeIngest(s: IngestSummary, dryRun: boolean): string {
  const verb = dryRun ? 'would ingest' : s.interrupted ? 'interrupted ingest of' : 'ingested';
  const lines = [
    `${verb} ${s.collection}: ${s.new} new, ${s.updated} updated, ${s.unchanged} unchanged, ${s.invalid} invalid, ${s.missing} missing (${s.total} files, ${(s.elapsed_ms / 1000).toFixed(1)} s)`,
    ...s.invalid_files.map((f) => `  invalid ${f.path}: ${f.reason}`),
  ];
  if (s.interrupted) lines.push('finished files are kept; run the same command again to continue');
  return lines.join('\n');
}

export async function ingestCollection(ctx: ConnectionContext, input: CollectionIngestInput): Promise<CommandResult> {
  const progress = createProgress(ctx.stderr, ctx.stderrIsTTY, 'ingest');
  try {
    const summary = await runIngest(ctx.database.db, input.collection, {
      under: input.path,
      concurrency: input.concurrency ?? availableParallelism(),
      dryRun: ctx.dryRun,
      clock: ctx.clock,
      signal: ctx.signal,
      onProgress: (done, total, file) => progress.update(done, total, file),
      onCommit: (batch, committed) => ctx.log.debug({ collection: input.collection, batch, committed }, 'ingest batch committed'),
    });
    for (const file of summary.invalid_files) ctx.log.info({ file: file.path, reason: file.reason }, 'invalid media');
    return {
      data: summary,
      text: describeIngest(summary, ctx.dryRun),
      ...(summary.interrupted ? { exitCode: ExitCode.partial } : {}),
    };
  } finally {
    progress.stop();
  }
}

