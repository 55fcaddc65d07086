// Handlers of `retrovue producer …` (contracts/producer/*.yaml): Producer instances and their config. A
// channel names one with `channel update --producer`; a channel naming none uses the built-in schedule producer.
import type {
  Producer,
  ProducerAddInput,
  ProducerAddOutput,
  ProducerListInput,
  ProducerListOutput,
  ProducerListTypesInput,
  ProducerListTypesOutput,
  ProducerRemoveInput,
  ProducerRemoveOutput,
} from '../../generated/contract-types.js';
import {
  channelsUsingProducer, deleteProducer, findProducer, insertProducer, listProducerRows, requireProducer, type ProducerRow,
} from '../catalog/producer-repository.js';
import type { BaseCommandContext, CommandResult, TransactionContext } from '../command/command-context.js';
import { textTable } from '../command/text-table.js';
import { RetroVueError } from '../core/errors.js';
import { assertValidPluginConfig, parseConfigJson } from '../plugins/plugin-config.js';

/** `channel update --producer default` puts a channel back on the built-in producer; no instance may take the name. */
export const DEFAULT_PRODUCER_KEYWORD = 'default';

function producerToJson(row: ProducerRow, channels: readonly string[]): Producer {
  return { id: row.id, type: row.type, config: row.config, channels, created_at: new Date(row.created_at).toISOString(), updated_at: new Date(row.updated_at).toISOString() };
}

export async function listProducerTypes(ctx: BaseCommandContext, _input: ProducerListTypesInput): Promise<CommandResult<ProducerListTypesOutput>> {
  const types = ctx.plugins.producers.list().map((p) => ({ type: p.type, description: p.description, config_schema: p.configSchema }));
  return { data: { types }, text: textTable(['TYPE', 'DESCRIPTION'], types.map((t) => [t.type, t.description])) };
}

export async function addProducer(ctx: TransactionContext, input: ProducerAddInput): Promise<CommandResult<ProducerAddOutput>> {
  const plugin = ctx.plugins.producers.get(input.type);
  const config = parseConfigJson(input.config);
  await assertValidPluginConfig('producer', plugin, config);
  if (input.id === DEFAULT_PRODUCER_KEYWORD) {
    throw new RetroVueError('invalid_input', `producer id "${DEFAULT_PRODUCER_KEYWORD}" is reserved (channel update --producer default means the built-in producer); pick another --id`);
  }
  if (await findProducer(ctx.db, input.id)) throw new RetroVueError('conflict', `producer "${input.id}" already exists; pick another --id`);
  const row = await insertProducer(ctx.db, { id: input.id, type: plugin.type, config, now: new Date(ctx.clock.now()) });
  const producer = producerToJson(row, []);
  return { data: { producer }, text: `${ctx.dryRun ? 'would add' : 'added'} producer ${producer.id} (${producer.type}) ${JSON.stringify(producer.config)}` };
}

export async function listProducers(ctx: TransactionContext, _input: ProducerListInput): Promise<CommandResult<ProducerListOutput>> {
  const producers: Producer[] = [];
  for (const row of await listProducerRows(ctx.db)) producers.push(producerToJson(row, await channelsUsingProducer(ctx.db, row.id)));
  const text = producers.length === 0
    ? 'no producers defined; every channel uses the built-in schedule producer (add one with retrovue producer add)'
    : textTable(['ID', 'TYPE', 'CONFIG', 'CHANNELS'], producers.map((p) => [p.id, p.type, JSON.stringify(p.config), p.channels.join(', ') || '-']));
  return { data: { producers }, text };
}

export async function removeProducer(ctx: TransactionContext, input: ProducerRemoveInput): Promise<CommandResult<ProducerRemoveOutput>> {
  const row = await requireProducer(ctx.db, input.id);
  const producer = producerToJson(row, await channelsUsingProducer(ctx.db, row.id));
  if (producer.channels.length > 0) {
    throw new RetroVueError(
      'refused',
      `producer "${row.id}" is used by channel ${producer.channels.join(', ')}; switch them first (retrovue channel update <id> --producer default)`,
    );
  }
  await ctx.confirm(`remove producer "${row.id}" (${row.type})`);
  await deleteProducer(ctx.db, row.id);
  return { data: { removed: producer }, text: `${ctx.dryRun ? 'would remove' : 'removed'} producer ${row.id}` };
}
