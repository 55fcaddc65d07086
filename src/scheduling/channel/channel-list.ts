// The handler of `retrovue channel list` (contracts/channel/list.yaml), apart from the other channel verbs:
// a read needs only the repository and the channel's JSON, not what adding or updating one validates against
// (enrichers, producers, presentation, logos), so the command's start loads none of that.
import type { ChannelListInput, ChannelListOutput } from '../../../generated/contract-types.js';
import type { CommandResult, TransactionContext } from '../../command/command-context.js';
import { textTable } from '../../command/text-table.js';
import { channelToJson, compareChannelNumbers } from './channel.js';
import { listChannelRows } from './channel-repository.js';

export async function listChannels(ctx: TransactionContext, input: ChannelListInput): Promise<CommandResult<ChannelListOutput>> {
  const rows = await listChannelRows(ctx.db, { enabledOnly: input.enabledOnly });
  const channels = rows.map(channelToJson).sort((a, b) => compareChannelNumbers(a.number, b.number));
  const text =
    channels.length === 0
      ? 'no channels yet; add one with retrovue channel add'
      : textTable(
          ['NUMBER', 'ID', 'NAME', 'GRID', 'OFFSETS', 'DAY START', 'TIMEZONE', 'ENABLED'],
          channels.map((c) => [
            c.number,
            c.id,
            c.name,
            `${c.grid_block_minutes}m`,
            c.block_start_offsets_minutes.join(','),
            c.programming_day_start,
            c.timezone,
            c.enabled ? 'yes' : 'no',
          ]),
        );
  return { data: { channels }, text };
}
