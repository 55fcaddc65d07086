// Handlers of `retrovue schedule-day show|list` (contracts/schedule-day/*.yaml): reading immutable ScheduleDays
// back (building them is the horizon room's schedule-day-build.ts).
import type { ScheduleDayListInput, ScheduleDayListOutput, ScheduleDayShowInput, ScheduleDayShowOutput } from '../../../generated/contract-types.js';
import type { CommandResult, TransactionContext } from '../../command/command-context.js';
import { RetroVueError } from '../../core/errors.js';
import { parseIsoDate } from '../time/civil-date.js';
import { ChannelGrid, scheduleChannelOf } from '../time/grid.js';
import { loadScheduleDay, loadScheduleDays } from './schedule-day-repository.js';
import { describeDaySummary, describeEntry, scheduleDaySummary, scheduleEntryJson } from './schedule-day-json.js';
import { requireChannelRow } from '../channel/channel-repository.js';

export async function showScheduleDay(ctx: TransactionContext, input: ScheduleDayShowInput): Promise<CommandResult<ScheduleDayShowOutput>> {
  const channel = await requireChannelRow(ctx.db, input.channel);
  const date = input.date === undefined ? new ChannelGrid(scheduleChannelOf(channel)).programmingDayOf(ctx.clock.now()) : parseIsoDate(input.date, '--date');
  const day = await loadScheduleDay(ctx.db, channel.id, date);
  if (!day) throw new RetroVueError('not_found', `schedule day ${date} of channel "${channel.id}" is not built; run retrovue schedule-day build --channel ${channel.id} --from ${date}`);
  const summary = scheduleDaySummary(day);
  const text = [`channel ${channel.id}, ${describeDaySummary(summary, channel.timezone)}`, ...day.entries.map((e) => `  ${describeEntry(e, channel.timezone)}`)].join('\n');
  return { data: { day: summary, entries: day.entries.map(scheduleEntryJson) }, text };
}

export async function listScheduleDays(ctx: TransactionContext, input: ScheduleDayListInput): Promise<CommandResult<ScheduleDayListOutput>> {
  const channel = await requireChannelRow(ctx.db, input.channel);
  const days = (await loadScheduleDays(ctx.db, channel.id, '1970-01-01', '9999-12-31')).map(scheduleDaySummary);
  const text = days.length === 0 ? `no schedule days built for channel ${channel.id}; run retrovue schedule-day build --channel ${channel.id}` : days.map((d) => describeDaySummary(d, channel.timezone)).join('\n');
  return { data: { days }, text };
}
