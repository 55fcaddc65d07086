// Handlers of `retrovue enricher …` (contracts/enricher/*.yaml): enricher instances and their config.
import type { Kysely } from 'kysely';
import type { EnricherAddInput } from '../../generated/commands/enricher-add.js';
import type { EnricherListTypesInput } from '../../generated/commands/enricher-list-types.js';
import type { EnricherListInput } from '../../generated/commands/enricher-list.js';
import type { EnricherRemoveInput } from '../../generated/commands/enricher-remove.js';
import type { EnricherUpdateInput } from '../../generated/commands/enricher-update.js';
import type { BaseCommandContext, CommandResult, TransactionContext } from '../cli/command-context.js';
import { textTable } from '../cli/text-table.js';
import { RetroVueError } from '../core/errors.js';
import type { EnricherRow, Schema } from '../db/schema.js';
import { enrichers } from '../plugins/builtin-plugins.js';
import { assertValidPluginConfig, parseConfigJson } from '../plugins/plugin-config.js';
import { collectionRef, enricherToJson } from './catalog-json.js';

async function attachments(db: Kysely<Schema>, enricherIds: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(enricherIds.map((id) => [id, []]));
  if (enricherIds.length === 0) return result;
  const rows = await db
    .selectFrom('collection_enricher')
    .innerJoin('collection', 'collection.id', 'collection_enricher.collection_id')
    .innerJoin('source', 'source.id', 'collection.source_id')
    .select(['collection_enricher.enricher_id', 'collection.name', 'source.name as source_name'])
    .where('collection_enricher.enricher_id', 'in', enricherIds)
    .execute();
  for (const row of rows) result.get(row.enricher_id)?.push(collectionRef(row.source_name, row.name));
  for (const refs of result.values()) refs.sort((a, b) => a.localeCompare(b)); // as collection list orders them
  return result;
}

async function toJson(db: Kysely<Schema>, row: EnricherRow) {
  return enricherToJson(row, (await attachments(db, [row.id])).get(row.id) ?? []);
}

async function requireEnricher(db: Kysely<Schema>, id: string): Promise<EnricherRow> {
  const row = await db.selectFrom('enricher').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new RetroVueError('not_found', `enricher "${id}" does not exist; see retrovue enricher list`);
  return row;
}

export async function listEnricherTypes(_ctx: BaseCommandContext, _input: EnricherListTypesInput): Promise<CommandResult> {
  const types = enrichers.list().map((e) => ({ type: e.type, kind: e.kind, description: e.description, config_schema: e.configSchema }));
  return { data: { types }, text: textTable(['TYPE', 'KIND', 'DESCRIPTION'], types.map((t) => [t.type, t.kind, t.description])) };
}

export async function addEnricher(ctx: TransactionContext, input: EnricherAddInput): Promise<CommandResult> {
  const plugin = enrichers.get(input.type);
  const config = parseConfigJson(input.config);
  await assertValidPluginConfig('enricher', plugin, config);
  if (await ctx.db.selectFrom('enricher').select('id').where('id', '=', input.id).executeTakeFirst()) {
    throw new RetroVueError('conflict', `enricher "${input.id}" already exists; pick another --id`);
  }
  const now = new Date(ctx.clock.now());
  const row = await ctx.db
    .insertInto('enricher')
    .values({ id: input.id, type: plugin.type, kind: plugin.kind, config: JSON.stringify(config), created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  const enricher = enricherToJson(row, []);
  return { data: { enricher }, text: `${ctx.dryRun ? 'would add' : 'added'} ${enricher.kind} enricher ${enricher.id} (${enricher.type})` };
}

export async function listEnrichers(ctx: TransactionContext, _input: EnricherListInput): Promise<CommandResult> {
  const rows = await ctx.db.selectFrom('enricher').selectAll().orderBy('id').execute();
  const attached = await attachments(ctx.db, rows.map((r) => r.id));
  const list = rows.map((row) => enricherToJson(row, attached.get(row.id) ?? []));
  const text = textTable(
    ['ID', 'TYPE', 'KIND', 'CONFIG', 'ATTACHED TO'],
    list.map((e) => [e.id, e.type, e.kind, JSON.stringify(e.config), `${e.collections.length} collection(s)`]),
  );
  return { data: { enrichers: list }, text };
}

export async function updateEnricher(ctx: TransactionContext, input: EnricherUpdateInput): Promise<CommandResult> {
  const current = await requireEnricher(ctx.db, input.id);
  const config = parseConfigJson(input.config);
  await assertValidPluginConfig('enricher', enrichers.get(current.type), config);
  const row = await ctx.db
    .updateTable('enricher')
    .set({ config: JSON.stringify(config), updated_at: new Date(ctx.clock.now()) })
    .where('id', '=', current.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const enricher = await toJson(ctx.db, row);
  return { data: { enricher }, text: `${ctx.dryRun ? 'would update' : 'updated'} enricher ${enricher.id}: ${JSON.stringify(enricher.config)}` };
}

export async function removeEnricher(ctx: TransactionContext, input: EnricherRemoveInput): Promise<CommandResult> {
  const row = await requireEnricher(ctx.db, input.id);
  const enricher = await toJson(ctx.db, row);
  if (enricher.collections.length > 0) {
    throw new RetroVueError(
      'refused',
      `enricher "${row.id}" is attached to ${enricher.collections.join(', ')}; detach it first (retrovue collection detach-enricher <ref> --enricher ${row.id})`,
    );
  }
  await ctx.confirm(`remove enricher "${row.id}" (${row.type})`);
  await ctx.db.deleteFrom('enricher').where('id', '=', row.id).execute();
  return { data: { removed: enricher }, text: `${ctx.dryRun ? 'would remove' : 'removed'} enricher ${row.id}` };
}
