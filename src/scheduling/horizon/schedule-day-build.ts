// Handler of `retrovue schedule-day build` (contracts/schedule-day/build.yaml): resolving plans into immutable
// ScheduleDays through the same functions as the horizon; --force rebuilds days that have not started airing
// (rebuildScheduleDays, the one rebuild).
import type { ScheduleDayBuildInput, ScheduleDayBuildOutput } from '../../../generated/contract-types.js';
import type { CommandResult, TransactionContext } from '../../command/command-context.js';
import { RetroVueError } from '../../core/errors.js';
import type { ChannelRow } from '../../db/schema.js';
import { addDays, type IsoDate, parseIsoDate } from '../time/civil-date.js';
import { ChannelGrid, scheduleChannelOf } from '../time/grid.js';
import { type BuiltDays, extendScheduleDays, type HorizonInputs, loadHorizonInputs, rebuildScheduleDays } from './horizon.js';
import { lockChannelHorizon } from './horizon-repository.js';
import { builtDates, firstBuiltDate, loadScheduleDays } from '../schedule-day/schedule-day-repository.js';
import { describeDaySummary, scheduleDaySummary } from '../schedule-day/schedule-day-json.js';
import { requireChannelRow } from '../channel/channel-repository.js';

/** How far ahead of the day on air a build may start. */
const maxDaysAhead = 60;

interface BuildRange {
  readonly from: IsoDate;
  readonly through: IsoDate;
}

/** The programming days asked for; every day up to them gets resolved (days stay contiguous), so a far --from is refused. */
function rangeOf(channel: ChannelRow, input: ScheduleDayBuildInput, nowMs: number): BuildRange {
  const today = new ChannelGrid(scheduleChannelOf(channel)).programmingDayOf(nowMs);
  const from = input.from === undefined ? today : parseIsoDate(input.from, '--from');
  const latestFrom = addDays(today, maxDaysAhead);
  if (from > latestFrom) {
    throw new RetroVueError('invalid_input', `--from ${from} is more than ${maxDaysAhead} days ahead of channel "${channel.id}"'s programming day ${today}; the last --from allowed is ${latestFrom}`);
  }
  return { from, through: addDays(from, input.days - 1) };
}

/** Without --force: the days of the range not yet built, after the last one built; the built ones are kept. */
async function buildMissing(ctx: TransactionContext, channel: ChannelRow, inputs: HorizonInputs, range: BuildRange): Promise<{ built: BuiltDays; kept: IsoDate[] }> {
  const firstBuilt = await firstBuiltDate(ctx.db, channel.id);
  if (firstBuilt !== undefined && range.from < firstBuilt) {
    throw new RetroVueError(
      'invalid_input',
      `channel "${channel.id}" has schedule days from ${firstBuilt} on; days are built in order, so ${range.from} cannot be added before them (rebuild from ${range.from} with --force, if it has not started airing)`,
    );
  }
  const kept = await builtDates(ctx.db, channel.id, range.from, range.through);
  return { built: await extendScheduleDays(ctx.db, channel, inputs, range.through, range.from), kept };
}

async function rebuild(ctx: TransactionContext, channel: ChannelRow, inputs: HorizonInputs, range: BuildRange): Promise<{ built: BuiltDays; kept: IsoDate[] }> {
  await ctx.confirm(`throw away the schedule days of channel "${channel.id}" from ${range.from} on and build them again`);
  return { built: await rebuildScheduleDays(ctx.db, channel, inputs, { ...range, nowMs: ctx.clock.now() }), kept: [] };
}

export async function buildScheduleDays(ctx: TransactionContext, input: ScheduleDayBuildInput): Promise<CommandResult<ScheduleDayBuildOutput>> {
  const channel = await requireChannelRow(ctx.db, input.channel);
  const range = rangeOf(channel, input, ctx.clock.now());
  await lockChannelHorizon(ctx.db, channel.id);
  const inputs = await loadHorizonInputs(ctx.db);
  const { built, kept } = ctx.force ? await rebuild(ctx, channel, inputs, range) : await buildMissing(ctx, channel, inputs, range);
  const first = built.days[0] && built.days[0] < range.from ? built.days[0] : range.from;
  const days = (await loadScheduleDays(ctx.db, channel.id, first, built.days.at(-1) ?? range.through)).map(scheduleDaySummary);
  const verb = ctx.dryRun ? 'would build' : ctx.force ? 'rebuilt' : 'built';
  const lines = [
    built.days.length === 0 ? `nothing to build for channel ${channel.id}` : `${verb} ${built.days.length} day(s) for channel ${channel.id}: ${built.days.join(', ')}`,
    ...(kept.length > 0 ? [`kept ${kept.join(', ')} as built (rebuild with --force)`] : []),
    ...days.map((d) => `  ${describeDaySummary(d, channel.timezone)}`),
  ];
  return { data: { channel: channel.id, built: built.days, kept, rebuilt: ctx.force, days }, text: lines.join('\n') };
}
