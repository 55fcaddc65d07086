// Handlers of `retrovue source …` (contracts/source/*.yaml) except discover, which runs the importer
// (src/ingest/ingest-commands.ts): Sources and their importer config.
import type {
  Source,
  SourceAddInput,
  SourceAddOutput,
  SourceListInput,
  SourceListOutput,
  SourceListTypesInput,
  SourceListTypesOutput,
  SourceRemoveInput,
  SourceRemoveOutput,
  SourceShowInput,
  SourceShowOutput,
  SourceUpdateInput,
  SourceUpdateOutput,
} from '../../generated/contract-types.js';
import type { BaseCommandContext, CommandResult, TransactionContext } from '../command/command-context.js';
import { shellWord } from '../command/shell-quote.js';
import { textTable } from '../command/text-table.js';
import type { SourceRow } from '../db/schema.js';
import { assertValidPluginConfig, parseConfigJson } from '../plugins/plugin-config.js';
import { countAssetsOfSource } from './asset-repository.js';
import { sourceToJson } from './catalog-json.js';
import { collectionCounts, collectionsToJson, listCollectionRows, updateCollectionRow } from './collection-repository.js';
import { assertNotReferenced } from './production-safety.js';
import { assertSourceNameFree, deleteSource, insertSource, listSourceRows, requireSource, updateSourceRow } from './source-repository.js';

/** Operator options → the importer's validated, normalised config. */
async function importerConfig(ctx: BaseCommandContext, type: string, raw: Record<string, unknown>, basePath: string | undefined) {
  const importer = ctx.plugins.importers.get(type);
  const merged = basePath === undefined ? raw : { ...raw, base_path: basePath };
  await assertValidPluginConfig('importer', importer, merged);
  return importer.normaliseConfig(merged, { cwd: ctx.cwd });
}

async function collectionCount(ctx: TransactionContext, sourceId: string): Promise<number> {
  return (await collectionCounts(ctx.db, [sourceId])).get(sourceId) ?? 0;
}

function describeSource(source: Source): string {
  return `${source.name} (${source.type}) ${JSON.stringify(source.config)}, ${source.collections} collection(s)`;
}

export async function listSourceTypes(ctx: BaseCommandContext, _input: SourceListTypesInput): Promise<CommandResult<SourceListTypesOutput>> {
  const types = ctx.plugins.importers.list().map((i) => ({ type: i.type, description: i.description, config_schema: i.configSchema }));
  return { data: { types }, text: textTable(['TYPE', 'DESCRIPTION'], types.map((t) => [t.type, t.description])) };
}

export async function addSource(ctx: TransactionContext, input: SourceAddInput): Promise<CommandResult<SourceAddOutput>> {
  const config = await importerConfig(ctx, input.type, parseConfigJson(input.config), input.basePath);
  await assertSourceNameFree(ctx.db, input.name);
  const now = new Date(ctx.clock.now());
  const row = await insertSource(ctx.db, { name: input.name, type: input.type, config: JSON.stringify(config), created_at: now, updated_at: now });
  const source = sourceToJson(row, 0);
  const next = `next: retrovue source discover ${shellWord(source.name)}`;
  return { data: { source }, text: `${ctx.dryRun ? 'would add' : 'added'} source ${describeSource(source)}\n${next}` };
}

export async function listSources(ctx: TransactionContext, _input: SourceListInput): Promise<CommandResult<SourceListOutput>> {
  const rows = await listSourceRows(ctx.db);
  const counts = await collectionCounts(ctx.db);
  const sources = rows.map((row) => sourceToJson(row, counts.get(row.id) ?? 0));
  const text =
    sources.length === 0
      ? 'no sources yet; add one with retrovue source add'
      : textTable(['NAME', 'TYPE', 'COLLECTIONS', 'CONFIG'], sources.map((s) => [s.name, s.type, String(s.collections), JSON.stringify(s.config)]));
  return { data: { sources }, text };
}

export async function showSource(ctx: TransactionContext, input: SourceShowInput): Promise<CommandResult<SourceShowOutput>> {
  const row = await requireSource(ctx.db, input.source);
  const collections = await collectionsToJson(ctx.db, await listCollectionRows(ctx.db, { sourceId: row.id }));
  const source = sourceToJson(row, collections.length);
  const table = textTable(
    ['COLLECTION', 'INGEST', 'READY', 'INVALID', 'MISSING', 'ENRICHERS'],
    collections.map((c) => [c.ref, c.ingest_enabled ? 'on' : 'off', String(c.assets.ready), String(c.assets.invalid), String(c.assets.missing), c.enrichers.join(',')]),
  );
  return { data: { source, collections }, text: `${describeSource(source)}\n\n${table}` };
}

export async function updateSource(ctx: TransactionContext, input: SourceUpdateInput): Promise<CommandResult<SourceUpdateOutput>> {
  const current = await requireSource(ctx.db, input.source);
  const changed: string[] = [];
  let name = current.name;
  if (input.name !== undefined && input.name !== current.name) {
    await assertSourceNameFree(ctx.db, input.name);
    name = input.name;
    changed.push('name');
  }
  let config = current.config;
  if (input.config !== undefined || input.basePath !== undefined) {
    const raw = input.config !== undefined ? parseConfigJson(input.config) : current.config;
    config = (await importerConfig(ctx, current.type, raw, input.basePath)) as Record<string, unknown>;
    if (JSON.stringify(config) !== JSON.stringify(current.config)) changed.push('config');
  }
  let row: SourceRow = current;
  if (changed.length > 0) {
    row = await updateSourceRow(ctx.db, current.id, { name, config: JSON.stringify(config), updated_at: new Date(ctx.clock.now()) });
    if (changed.includes('config')) await followSourcePaths(ctx, row);
  }
  const source = sourceToJson(row, await collectionCount(ctx, row.id));
  const summary = changed.length === 0 ? `source ${source.name} unchanged` : `${ctx.dryRun ? 'would update' : 'updated'} ${changed.join(', ')}`;
  return { data: { source, changed }, text: `${summary}\n${describeSource(source)}` };
}

/** After a config change, every collection's source path follows, as the importer places it under the new config. */
async function followSourcePaths(ctx: TransactionContext, source: SourceRow): Promise<void> {
  const importer = ctx.plugins.importers.get(source.type);
  for (const c of await listCollectionRows(ctx.db, { sourceId: source.id })) {
    const sourcePath = importer.collectionSourcePath(source.config, c.external_key);
    if (sourcePath !== undefined && sourcePath !== c.source_path) await updateCollectionRow(ctx.db, c.id, { source_path: sourcePath });
  }
}

export async function removeSource(ctx: TransactionContext, input: SourceRemoveInput): Promise<CommandResult<SourceRemoveOutput>> {
  const row = await requireSource(ctx.db, input.source);
  await assertNotReferenced(ctx.db, row);
  const collections = await collectionCount(ctx, row.id);
  const assets = await countAssetsOfSource(ctx.db, row.id);
  await ctx.confirm(`remove source "${row.name}" with its ${collections} collection(s) and ${assets} asset(s)`);
  await deleteSource(ctx.db, row.id);
  const removed = sourceToJson(row, collections);
  return {
    data: { removed, collections, assets },
    text: `${ctx.dryRun ? 'would remove' : 'removed'} source ${row.name}, ${collections} collection(s), ${assets} asset(s)`,
  };
}
