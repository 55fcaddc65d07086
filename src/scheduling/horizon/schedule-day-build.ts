// Handler of `retrovue schedule-day build` (contracts/schedule-day/build.yaml): resolving plans into immutable
// ScheduleDays through the same functions as the horizon; --force rebuilds days that have not started airing.
import type { ScheduleDayBuildInput, ScheduleDayBuildOutput } from '../../../generated/contract-types.js';
import { sql } from 'kysely';
import type { CommandResult, TransactionContext } from '../../command/command-context.js';
import { RetroVueError } from '../../core/errors.js';
import { addDays, type IsoDate, parseIsoDate } from '../time/civil-date.js';
import { ChannelGrid, scheduleChannelOf } from '../time/grid.js';
import { buildScheduleDays as buildDays, expandPlaylog, loadHorizonInputs } from './horizon.js';
import { lockChannelHorizon } from './horizon-repository.js';
import { lastPlaylogEvent } from '../playlog/playlog-repository.js';
import { deleteScheduleDaysFrom, lastBuiltDay, loadScheduleDays } from '../schedule-day/schedule-day-repository.js';
import { describeDaySummary, scheduleDaySummary } from '../schedule-day/schedule-day-json.js';
import { requireChannelRow } from '../channel/channel-repository.js';

/** How far ahead of the day on air a build may start. */
const maxDaysAhead = 60;

async function builtDatesBetween(ctx: TransactionContext, channelId: string, from: IsoDate, through: IsoDate): Promise<IsoDate[]> {
  const rows = await ctx.db
    .selectFrom('schedule_day')
    .select(sql<string>`to_char(programming_day, 'YYYY-MM-DD')`.as('day'))
    .where('channel_id', '=', channelId)
    .where('programming_day', '>=', from)
    .where('programming_day', '<=', through)
    .orderBy('programming_day')
    .execute();
  return rows.map((r) => r.day);
}

export async function buildScheduleDays(ctx: TransactionContext, input: ScheduleDayBuildInput): Promise<CommandResult<ScheduleDayBuildOutput>> {
  const channel = await requireChannelRow(ctx.db, input.channel);
  const grid = new ChannelGrid(scheduleChannelOf(channel));
  const nowMs = ctx.clock.now();
  const today = grid.programmingDayOf(nowMs);
  const from = input.from === undefined ? today : parseIsoDate(input.from, '--from');
  const through = addDays(from, input.days - 1);
  // Every day up to the range gets resolved (days stay contiguous), so a far --from would resolve years of days.
  const latestFrom = addDays(today, maxDaysAhead);
  if (from > latestFrom) {
    throw new RetroVueError('invalid_input', `--from ${from} is more than ${maxDaysAhead} days ahead of channel "${channel.id}"'s programming day ${today}; the last --from allowed is ${latestFrom}`);
  }
  await lockChannelHorizon(ctx.db, channel.id);
  const inputs = await loadHorizonInputs(ctx.db);
  const lastBefore = await lastBuiltDay(ctx.db, channel.id);
  let built: { days: IsoDate[]; warnings: string[] };
  let kept: IsoDate[] = [];
  if (ctx.force) {
    const startMs = grid.bounds(from).startMs;
    if (startMs <= nowMs) {
      throw new RetroVueError(
        'refused',
        `schedule day ${from} of channel "${channel.id}" started airing at ${new Date(startMs).toISOString()}; a day that has started can never be rebuilt (the first that can is ${addDays(today, 1)})`,
      );
    }
    await ctx.confirm(`throw away the schedule days of channel "${channel.id}" from ${from} on and build them again`);
    const tailBefore = await lastPlaylogEvent(ctx.db, channel.id);
    await deleteScheduleDaysFrom(ctx.db, channel.id, from);
    built = await buildDays(ctx.db, channel, inputs, lastBefore && lastBefore.programmingDay > through ? lastBefore.programmingDay : through, from);
    if (tailBefore) await expandPlaylog(ctx.db, channel, inputs.catalog, today, tailBefore.endMs);
  } else {
    const [firstBuilt] = await builtDatesBetween(ctx, channel.id, '1970-01-01', '9999-12-31');
    if (firstBuilt !== undefined && from < firstBuilt) {
      throw new RetroVueError(
        'invalid_input',
        `channel "${channel.id}" has schedule days from ${firstBuilt} on; days are built in order, so ${from} cannot be added before them (rebuild from ${from} with --force, if it has not started airing)`,
      );
    }
    kept = await builtDatesBetween(ctx, channel.id, from, through);
    built = await buildDays(ctx.db, channel, inputs, through, from);
  }
  const first = built.days[0] && built.days[0] < from ? built.days[0] : from;
  const days = (await loadScheduleDays(ctx.db, channel.id, first, built.days.at(-1) ?? through)).map(scheduleDaySummary);
  const verb = ctx.dryRun ? 'would build' : ctx.force ? 'rebuilt' : 'built';
  const lines = [
    built.days.length === 0 ? `nothing to build for channel ${channel.id}` : `${verb} ${built.days.length} day(s) for channel ${channel.id}: ${built.days.join(', ')}`,
    ...(kept.length > 0 ? [`kept ${kept.join(', ')} as built (rebuild with --force)`] : []),
    ...days.map((d) => `  ${describeDaySummary(d, channel.timezone)}`),
  ];
  return { data: { channel: channel.id, built: built.days, kept, rebuilt: ctx.force, days }, text: lines.join('\n') };
}
