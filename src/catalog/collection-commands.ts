// Handlers of `retrovue collection …` (contracts/collection/*.yaml) except ingest, which runs the pipeline
// (src/ingest/ingest-commands.ts): ingest scope, local path mappings and the enricher chain.
import type {
  Collection,
  CollectionAttachEnricherInput,
  CollectionAttachEnricherOutput,
  CollectionDetachEnricherInput,
  CollectionDetachEnricherOutput,
  CollectionListInput,
  CollectionListOutput,
  CollectionShowInput,
  CollectionShowOutput,
  CollectionUpdateInput,
  CollectionUpdateOutput,
} from '../../generated/contract-types.js';
import type { CommandResult, TransactionContext } from '../command/command-context.js';
import { textTable } from '../command/text-table.js';
import { RetroVueError } from '../core/errors.js';
import type { LocalPathMapping } from '../db/schema.js';
import { collectionRef } from './catalog-ref.js';
import {
  collectionsToJson,
  collectionToJsonOf,
  enricherOrder,
  listCollectionRows,
  requireCollection,
  updateCollectionRow,
  writeEnricherOrder,
} from './collection-repository.js';
import { requireEnricher } from './enricher-repository.js';
import { normaliseMappings, parseMapping } from './path-mapping.js';
import { requireSource } from './source-repository.js';

function describeCollection(c: Collection): string {
  const mappings = c.local_paths.map((m) => `${m.remote}=${m.local}`).join(', ') || 'none';
  return [
    `${c.ref}  ingest ${c.ingest_enabled ? 'enabled' : 'disabled'}`,
    `  path      ${c.source_path}`,
    `  mappings  ${mappings}`,
    `  enrichers ${c.enrichers.join(' → ') || 'none'}`,
    `  assets    ${c.assets.ready} ready, ${c.assets.new} new, ${c.assets.invalid} invalid, ${c.assets.missing} missing`,
  ].join('\n');
}

export async function listCollections(ctx: TransactionContext, input: CollectionListInput): Promise<CommandResult<CollectionListOutput>> {
  const sourceId = input.source === undefined ? undefined : (await requireSource(ctx.db, input.source)).id;
  const collections = await collectionsToJson(ctx.db, await listCollectionRows(ctx.db, sourceId === undefined ? {} : { sourceId }));
  const text =
    collections.length === 0
      ? 'no collections; discover them with retrovue source discover <source>'
      : textTable(
          ['COLLECTION', 'INGEST', 'READY', 'NEW', 'INVALID', 'MISSING', 'ENRICHERS'],
          collections.map((c) => [c.ref, c.ingest_enabled ? 'on' : 'off', ...[c.assets.ready, c.assets.new, c.assets.invalid, c.assets.missing].map(String), c.enrichers.join(',')]),
        );
  return { data: { collections }, text };
}

export async function showCollection(ctx: TransactionContext, input: CollectionShowInput): Promise<CommandResult<CollectionShowOutput>> {
  const { collection } = await requireCollection(ctx.db, input.collection);
  const json = await collectionToJsonOf(ctx.db, collection);
  return { data: { collection: json }, text: describeCollection(json) };
}

// Compared field by field: jsonb hands objects back with its own key order.
function sameMappings(a: readonly LocalPathMapping[], b: readonly LocalPathMapping[]): boolean {
  return a.length === b.length && a.every((m, i) => m.remote === b[i]?.remote && m.local === b[i]?.local);
}

export async function updateCollection(ctx: TransactionContext, input: CollectionUpdateInput): Promise<CommandResult<CollectionUpdateOutput>> {
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
  const row =
    changed.length === 0
      ? collection
      : await updateCollectionRow(ctx.db, collection.id, {
          ingest_enabled: ingestEnabled,
          local_paths: JSON.stringify(mappings),
          updated_at: new Date(ctx.clock.now()),
        });
  const json = await collectionToJsonOf(ctx.db, row);
  const summary = changed.length === 0 ? `collection ${json.ref} unchanged` : `${ctx.dryRun ? 'would update' : 'updated'} ${changed.join(', ')}`;
  return { data: { collection: json, changed }, text: `${summary}\n${describeCollection(json)}` };
}

export async function attachEnricher(
  ctx: TransactionContext,
  input: CollectionAttachEnricherInput,
): Promise<CommandResult<CollectionAttachEnricherOutput>> {
  const { collection, source } = await requireCollection(ctx.db, input.collection);
  const enricher = await requireEnricher(ctx.db, input.enricher);
  const ref = collectionRef(source.name, collection.name);
  if (enricher.kind !== 'ingest') throw new RetroVueError('invalid_input', `enricher "${enricher.id}" is a ${enricher.kind} enricher; only ingest enrichers attach to collections`);
  const order = await enricherOrder(ctx.db, collection.id);
  if (order.includes(enricher.id)) throw new RetroVueError('conflict', `enricher "${enricher.id}" is already attached to ${ref}`);
  const at = Math.min(input.position ?? order.length + 1, order.length + 1) - 1;
  order.splice(at, 0, enricher.id);
  await writeEnricherOrder(ctx.db, collection.id, order);
  const json = await collectionToJsonOf(ctx.db, collection);
  return { data: { collection: json }, text: `${ctx.dryRun ? 'would attach' : 'attached'} ${enricher.id}: ${json.enrichers.join(' → ')}` };
}

export async function detachEnricher(
  ctx: TransactionContext,
  input: CollectionDetachEnricherInput,
): Promise<CommandResult<CollectionDetachEnricherOutput>> {
  const { collection, source } = await requireCollection(ctx.db, input.collection);
  const order = await enricherOrder(ctx.db, collection.id);
  if (!order.includes(input.enricher)) {
    throw new RetroVueError('not_found', `enricher "${input.enricher}" is not attached to ${collectionRef(source.name, collection.name)}`);
  }
  await writeEnricherOrder(ctx.db, collection.id, order.filter((id) => id !== input.enricher));
  const json = await collectionToJsonOf(ctx.db, collection);
  return { data: { collection: json }, text: `${ctx.dryRun ? 'would detach' : 'detached'} ${input.enricher}: ${json.enrichers.join(' → ') || 'no enrichers left'}` };
}
