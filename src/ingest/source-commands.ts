// Handlers of `retrovue source …` (contracts/source/*.yaml): Sources and the discovery of their Collections.
import type { Kysely } from 'kysely';
import type { SourceAddInput } from '../../generated/commands/source-add.js';
import type { SourceDiscoverInput } from '../../generated/commands/source-discover.js';
import type { SourceListTypesInput } from '../../generated/commands/source-list-types.js';
import type { SourceListInput } from '../../generated/commands/source-list.js';
import type { SourceRemoveInput } from '../../generated/commands/source-remove.js';
import type { SourceShowInput } from '../../generated/commands/source-show.js';
import type { SourceUpdateInput } from '../../generated/commands/source-update.js';
import type { BaseCommandContext, CommandResult, TransactionContext } from '../cli/command-context.js';
import { textTable } from '../cli/text-table.js';
import { RetroVueError } from '../core/errors.js';
import type { Schema, SourceRow } from '../db/schema.js';
import { defaultIngestEnricherIds, importers } from '../plugins/builtin-plugins.js';
import { assertValidPluginConfig, parseConfigJson } from '../plugins/plugin-config.js';
import { sourceToJson } from './catalog-json.js';
import { collectionsToJson, requireSource } from './catalog-repository.js';
import { assertNotReferenced } from './production-safety.js';

async function collectionCount(db: Kysely<Schema>, sourceId: string): Promise<number> {
  const row = await db.selectFrom('collection').select((eb) => eb.fn.countAll<number>().as('n')).where('source_id', '=', sourceId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Operator options → the importer's validated, normalised config. */
async function importerConfig(type: string, raw: Record<string, unknown>, basePath: string | undefined, cwd: string) {
  const importer = importers.get(type);
  const merged = basePath === undefined ? raw : { ...raw, base_path: basePath };
  await assertValidPluginConfig('importer', importer, merged);
  return importer.normaliseConfig(merged, { cwd });
}

function describeSource(source: ReturnType<typeof sourceToJson>): string {
  return `${source.name} (${source.type}) ${JSON.stringify(source.config)}, ${source.collections} collection(s)`;
}

export async function listSourceTypes(_ctx: BaseCommandContext, _input: SourceListTypesInput): Promise<CommandResult> {
  const types = importers.list().map((i) => ({ type: i.type, description: i.description, config_schema: i.configSchema }));
  return { data: { types }, text: textTable(['TYPE', 'DESCRIPTION'], types.map((t) => [t.type, t.description])) };
}

export async function addSource(ctx: TransactionContext, input: SourceAddInput): Promise<CommandResult> {
  const config = await importerConfig(input.type, parseConfigJson(input.config), input.basePath, process.cwd());
  const taken = await ctx.db.selectFrom('source').select('id').where('name', '=', input.name).executeTakeFirst();
  if (taken) throw new RetroVueError('conflict', `source "${input.name}" already exists; pick another --name`);
  const now = new Date(ctx.clock.now());
  const row = await ctx.db
    .insertInto('source')
    .values({ name: input.name, type: input.type, config: JSON.stringify(config), created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  const source = sourceToJson(row, 0);
  const next = `next: retrovue source discover ${source.name}`;
  return { data: { source }, text: `${ctx.dryRun ? 'would add' : 'added'} source ${describeSource(source)}\n${next}` };
}

export async function listSources(ctx: TransactionContext, _input: SourceListInput): Promise<CommandResult> {
  const rows = await ctx.db.selectFrom('source').selectAll().orderBy('name').execute();
  const counts = await ctx.db
    .selectFrom('collection')
    .select(['source_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('source_id')
    .execute();
  const countOf = new Map(counts.map((c) => [c.source_id, Number(c.n)]));
  const sources = rows.map((row) => sourceToJson(row, countOf.get(row.id) ?? 0));
  const text =
    sources.length === 0
      ? 'no sources yet; add one with retrovue source add'
      : textTable(['NAME', 'TYPE', 'COLLECTIONS', 'CONFIG'], sources.map((s) => [s.name, s.type, String(s.collections), JSON.stringify(s.config)]));
  return { data: { sources }, text };
}

export async function showSource(ctx: TransactionContext, input: SourceShowInput): Promise<CommandResult> {
  const row = await requireSource(ctx.db, input.source);
  const collections = await collectionsToJson(ctx.db, await ctx.db.selectFrom('collection').selectAll().where('source_id', '=', row.id).execute());
  const source = sourceToJson(row, collections.length);
  const table = textTable(
    ['COLLECTION', 'INGEST', 'READY', 'INVALID', 'MISSING', 'ENRICHERS'],
    collections.map((c) => [c.ref, c.ingest_enabled ? 'on' : 'off', String(c.assets.ready), String(c.assets.invalid), String(c.assets.missing), c.enrichers.join(',')]),
  );
  return { data: { source, collections }, text: `${describeSource(source)}\n\n${table}` };
}

export async function updateSource(ctx: TransactionContext, input: SourceUpdateInput): Promise<CommandResult> {
  const current = await requireSource(ctx.db, input.source);
  const changed: string[] = [];
  let name = current.name;
  if (input.name !== undefined && input.name !== current.name) {
    const taken = await ctx.db.selectFrom('source').select('id').where('name', '=', input.name).executeTakeFirst();
    if (taken) throw new RetroVueError('conflict', `source "${input.name}" already exists; pick another --name`);
    name = input.name;
    changed.push('name');
  }
  let config = current.config;
  if (input.config !== undefined || input.basePath !== undefined) {
    const raw = input.config !== undefined ? parseConfigJson(input.config) : current.config;
    config = (await importerConfig(current.type, raw, input.basePath, process.cwd())) as Record<string, unknown>;
    if (JSON.stringify(config) !== JSON.stringify(current.config)) changed.push('config');
  }
  let row: SourceRow = current;
  if (changed.length > 0) {
    row = await ctx.db
      .updateTable('source')
      .set({ name, config: JSON.stringify(config), updated_at: new Date(ctx.clock.now()) })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (changed.includes('config')) await followSourcePaths(ctx, row);
  }
  const source = sourceToJson(row, await collectionCount(ctx.db, row.id));
  const summary = changed.length === 0 ? `source ${source.name} unchanged` : `${ctx.dryRun ? 'would update' : 'updated'} ${changed.join(', ')}`;
  return { data: { source, changed }, text: `${summary}\n${describeSource(source)}` };
}

/** After a config change, every collection's source path follows, as the importer places it under the new config. */
async function followSourcePaths(ctx: TransactionContext, source: SourceRow): Promise<void> {
  const importer = importers.get(source.type);
  const collections = await ctx.db.selectFrom('collection').select(['id', 'external_key', 'source_path']).where('source_id', '=', source.id).execute();
  for (const c of collections) {
    const sourcePath = importer.collectionSourcePath(source.config, c.external_key);
    if (sourcePath !== c.source_path) await ctx.db.updateTable('collection').set({ source_path: sourcePath }).where('id', '=', c.id).execute();
  }
}

export async function removeSource(ctx: TransactionContext, input: SourceRemoveInput): Promise<CommandResult> {
  const row = await requireSource(ctx.db, input.source);
  await assertNotReferenced(ctx.db, row);
  const collections = await collectionCount(ctx.db, row.id);
  const assets = Number(
    (
      await ctx.db
        .selectFrom('asset')
        .innerJoin('collection', 'collection.id', 'asset.collection_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('collection.source_id', '=', row.id)
        .executeTakeFirstOrThrow()
    ).n,
  );
  await ctx.confirm(`remove source "${row.name}" with its ${collections} collection(s) and ${assets} asset(s)`);
  await ctx.db.deleteFrom('source').where('id', '=', row.id).execute();
  const removed = sourceToJson(row, collections);
  return {
    data: { removed, collections, assets },
    text: `${ctx.dryRun ? 'would remove' : 'removed'} source ${row.name}, ${collections} collection(s), ${assets} asset(s)`,
  };
}

export async function discoverSource(ctx: TransactionContext, input: SourceDiscoverInput): Promise<CommandResult> {
  const source = await requireSource(ctx.db, input.source);
  const importer = importers.get(source.type);
  const discovered = await importer.discoverCollections(source.config);
  const existing = await ctx.db.selectFrom('collection').selectAll().where('source_id', '=', source.id).execute();
  const existingKeys = new Set(existing.map((c) => c.external_key));
  const now = new Date(ctx.clock.now());
  const fresh = discovered.filter((d) => !existingKeys.has(d.externalKey));
  const created =
    fresh.length === 0
      ? []
      : await ctx.db
          .insertInto('collection')
          .values(fresh.map((d) => ({ source_id: source.id, external_key: d.externalKey, name: d.name, source_path: d.sourcePath, created_at: now, updated_at: now })))
          .returningAll()
          .execute();
  if (created.length > 0) {
    await ctx.db
      .insertInto('collection_enricher')
      .values(created.flatMap((c) => defaultIngestEnricherIds.map((enricherId, i) => ({ collection_id: c.id, enricher_id: enricherId, position: i + 1 }))))
      .execute();
  }
  const reported = new Set(discovered.map((d) => d.externalKey));
  const createdIds = new Set(created.map((c) => c.id));
  const all = await collectionsToJson(ctx.db, [...existing, ...created]);
  const statusOf = (id: string, key: string) => (createdIds.has(id) ? 'new' : reported.has(key) ? 'existing' : 'gone');
  const collections = all.map((collection) => ({ collection, status: statusOf(collection.id, collection.external_key) }));
  const text = [
    textTable(['COLLECTION', 'STATUS', 'INGEST', 'PATH'], collections.map((c) => [c.collection.ref, c.status, c.collection.ingest_enabled ? 'on' : 'off', c.collection.source_path])),
    created.length > 0 ? `\n${created.length} new collection(s), ingest disabled; enable with retrovue collection update <ref> --ingest-enabled` : '',
  ].join('');
  return { data: { source: source.name, collections }, text };
}
