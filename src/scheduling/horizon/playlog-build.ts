// Handler of `retrovue playlog build` (contracts/playlog/build.yaml): expanding built ScheduleDays into
// PlaylogEvents (avails filled from the channel's interstitials) as far ahead as asked, like the horizon.
import type { PlaylogBuildInput, PlaylogBuildOutput } from '../../../generated/contract-types.js';
import type { CommandResult, TransactionContext } from '../../command/command-context.js';
import { RetroVueError } from '../../core/errors.js';
import { loadCatalogSnapshot } from '../../catalog/catalog-snapshot-repository.js';
import { ChannelGrid, scheduleChannelOf } from '../time/grid.js';
import { expandPlaylog } from './horizon.js';
import { lockChannelHorizon } from './horizon-repository.js';
import { lastPlaylogEvent } from '../playlog/playlog-repository.js';
import { lastBuiltDay, loadScheduleDay } from '../schedule-day/schedule-day-repository.js';
import { iso, wallClock } from '../schedule-day/schedule-day-json.js';
import { requireChannelRow } from '../channel/channel-repository.js';

const hourMs = 3_600_000;

export async function buildPlaylog(ctx: TransactionContext, input: PlaylogBuildInput): Promise<CommandResult<PlaylogBuildOutput>> {
  const channel = await requireChannelRow(ctx.db, input.channel);
  const nowMs = ctx.clock.now();
  const today = new ChannelGrid(scheduleChannelOf(channel)).programmingDayOf(nowMs);
  await lockChannelHorizon(ctx.db, channel.id);
  if (!(await lastPlaylogEvent(ctx.db, channel.id)) && !(await loadScheduleDay(ctx.db, channel.id, today))) {
    throw new RetroVueError('not_found', `channel "${channel.id}" has no playlog and no schedule day for ${today} (on air now) to expand; run retrovue schedule-day build --channel ${channel.id} first`);
  }
  const until = nowMs + Math.round(input.hours * hourMs);
  const expanded = await expandPlaylog(ctx.db, channel, await loadCatalogSnapshot(ctx.db), today, until);
  const tail = await lastPlaylogEvent(ctx.db, channel.id);
  const warnings: string[] = [];
  if (!tail || tail.endMs < until) {
    const through = (await lastBuiltDay(ctx.db, channel.id))?.programmingDay ?? 'nothing';
    warnings.push(`the playlog reaches only ${tail ? iso(tail.endMs) : 'nowhere'}, short of ${iso(until)}: schedule days are built through ${through}; run retrovue schedule-day build --channel ${channel.id}`);
  }
  const end = tail ? iso(tail.endMs) : null;
  const head = expanded.days.length === 0 ? `the playlog of channel ${channel.id} already reaches ${input.hours} h ahead` : `${ctx.dryRun ? 'would expand' : 'expanded'} ${expanded.days.join(', ')}: ${expanded.events} events`;
  const text = [head, `playlog ends ${tail ? wallClock(tail.endMs, channel.timezone) : '—'} (${channel.timezone})`, ...warnings.map((w) => `warning: ${w}`)].join('\n');
  return { data: { channel: channel.id, expanded_days: expanded.days, events_added: expanded.events, playlog_end: end, warnings }, text };
}
