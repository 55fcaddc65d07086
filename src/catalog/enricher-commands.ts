// Handlers of `retrovue enricher …` (contracts/enricher/*.yaml): enricher instances and their config.
import type {
  Enricher,
  EnricherAddInput,
  EnricherAddOutput,
  EnricherListInput,
  EnricherListOutput,
  EnricherListTypesInput,
  EnricherListTypesOutput,
  EnricherRemoveInput,
  EnricherRemoveOutput,
  EnricherUpdateInput,
  EnricherUpdateOutput,
} from '../../generated/contract-types.js';
import type { BaseCommandContext, CommandResult, TransactionContext } from '../command/command-context.js';
import { textTable } from '../command/text-table.js';
import { RetroVueError } from '../core/errors.js';
import type { EnricherRow } from '../db/schema.js';
import { assertValidPluginConfig, parseConfigJson } from '../plugins/plugin-config.js';
import { enricherToJson } from './catalog-json.js';
import { channelsOfEnricher } from './channel-enricher-repository.js';
import { enricherAttachments } from './collection-repository.js';
import { deleteEnricher, findEnricher, insertEnricher, listEnricherRows, requireEnricher, updateEnricherConfig } from './enricher-repository.js';

async function toJson(ctx: TransactionContext, row: EnricherRow): Promise<Enricher> {
  return enricherToJson(row, (await enricherAttachments(ctx.db, [row.id])).get(row.id) ?? []);
}

export async function listEnricherTypes(ctx: BaseCommandContext, _input: EnricherListTypesInput): Promise<CommandResult<EnricherListTypesOutput>> {
  const types = ctx.plugins.enrichers.list().map((e) => ({ type: e.type, kind: e.kind, description: e.description, config_schema: e.configSchema }));
  return { data: { types }, text: textTable(['TYPE', 'KIND', 'DESCRIPTION'], types.map((t) => [t.type, t.kind, t.description])) };
}

export async function addEnricher(ctx: TransactionContext, input: EnricherAddInput): Promise<CommandResult<EnricherAddOutput>> {
  const plugin = ctx.plugins.enrichers.get(input.type);
  const config = parseConfigJson(input.config);
  await assertValidPluginConfig('enricher', plugin, config);
  if (await findEnricher(ctx.db, input.id)) throw new RetroVueError('conflict', `enricher "${input.id}" already exists; pick another --id`);
  const now = new Date(ctx.clock.now());
  const row = await insertEnricher(ctx.db, { id: input.id, type: plugin.type, kind: plugin.kind, config: JSON.stringify(config), created_at: now, updated_at: now });
  const enricher = enricherToJson(row, []);
  return { data: { enricher }, text: `${ctx.dryRun ? 'would add' : 'added'} ${enricher.kind} enricher ${enricher.id} (${enricher.type})` };
}

export async function listEnrichers(ctx: TransactionContext, _input: EnricherListInput): Promise<CommandResult<EnricherListOutput>> {
  const rows = await listEnricherRows(ctx.db);
  const attached = await enricherAttachments(ctx.db, rows.map((r) => r.id));
  const enrichers = rows.map((row) => enricherToJson(row, attached.get(row.id) ?? []));
  const text = textTable(
    ['ID', 'TYPE', 'KIND', 'CONFIG', 'ATTACHED TO'],
    enrichers.map((e) => [e.id, e.type, e.kind, JSON.stringify(e.config), `${e.collections.length} collection(s)`]),
  );
  return { data: { enrichers }, text };
}

export async function updateEnricher(ctx: TransactionContext, input: EnricherUpdateInput): Promise<CommandResult<EnricherUpdateOutput>> {
  const current = await requireEnricher(ctx.db, input.id);
  const config = parseConfigJson(input.config);
  await assertValidPluginConfig('enricher', ctx.plugins.enrichers.get(current.type), config);
  const enricher = await toJson(ctx, await updateEnricherConfig(ctx.db, current.id, config, new Date(ctx.clock.now())));
  return { data: { enricher }, text: `${ctx.dryRun ? 'would update' : 'updated'} enricher ${enricher.id}: ${JSON.stringify(enricher.config)}` };
}

export async function removeEnricher(ctx: TransactionContext, input: EnricherRemoveInput): Promise<CommandResult<EnricherRemoveOutput>> {
  const row = await requireEnricher(ctx.db, input.id);
  const enricher = await toJson(ctx, row);
  if (enricher.collections.length > 0) {
    throw new RetroVueError(
      'refused',
      `enricher "${row.id}" is attached to ${enricher.collections.join(', ')}; detach it first (retrovue collection detach-enricher <ref> --enricher ${row.id})`,
    );
  }
  const channels = await channelsOfEnricher(ctx.db, row.id);
  if (channels.length > 0) {
    throw new RetroVueError(
      'refused',
      `enricher "${row.id}" decorates channel ${channels.join(', ')}; take it out of their chains first (retrovue channel update <id> --enrichers …)`,
    );
  }
  await ctx.confirm(`remove enricher "${row.id}" (${row.type})`);
  await deleteEnricher(ctx.db, row.id);
  return { data: { removed: enricher }, text: `${ctx.dryRun ? 'would remove' : 'removed'} enricher ${row.id}` };
}
