// Handler of `retrovue asrun show` (contracts/asrun/show.yaml): what aired on a channel in one of its programming days.
import type { AsrunShowInput, AsrunShowOutput } from '../../generated/contract-types.js';
import type { CommandResult, TransactionContext } from '../command/command-context.js';
import { textTable } from '../command/text-table.js';
import { RetroVueError } from '../core/errors.js';
import { findChannel } from '../scheduling/channel/channel-repository.js';
import { parseIsoDate } from '../scheduling/time/civil-date.js';
import { ChannelGrid, type ScheduleChannel, scheduleChannelOf } from '../scheduling/time/grid.js';
import { hasAsRun, loadAsRun } from './asrun-repository.js';

/** How a channel that no longer exists is shown: by UTC days (its zone and day start went with it). */
const removedChannel: ScheduleChannel = { id: '', gridBlockMinutes: 1440, blockStartOffsetsMinutes: [0], programmingDayStart: '00:00', timezone: 'UTC' };

export async function showAsRun(ctx: TransactionContext, input: AsrunShowInput): Promise<CommandResult<AsrunShowOutput>> {
  const channel = await findChannel(ctx.db, input.channel);
  // The channel's programming days, as its ScheduleDays have them (ChannelGrid: zone, day start, DST).
  const grid = new ChannelGrid(channel === undefined ? removedChannel : scheduleChannelOf(channel));
  const date = input.date === undefined ? grid.programmingDayOf(ctx.clock.now()) : parseIsoDate(input.date, '--date');
  const { startMs, endMs } = grid.bounds(date);
  const records = await loadAsRun(ctx.db, input.channel, startMs, endMs);
  if (records.length === 0 && channel === undefined && !(await hasAsRun(ctx.db, input.channel))) {
    throw new RetroVueError('not_found', `channel "${input.channel}" does not exist and has no as-run records; see \`retrovue channel list\``);
  }
  const iso = (ms: number) => new Date(ms).toISOString();
  const entries = records.map((r) => ({
    playlog_event_id: r.playlogEventId,
    asset_id: r.assetId,
    title: r.title,
    scheduled_start: iso(r.scheduledStartMs),
    actual_start: iso(r.actualStartMs),
    end: iso(r.endMs),
    in_point_ms: r.inPointMs,
    status: r.status,
    reason: r.reason,
  }));
  const text = entries.length === 0
    ? `nothing aired on channel ${input.channel} in its programming day ${date}`
    : textTable(
        ['ACTUAL START', 'END', 'SCHEDULED', 'IN-POINT', 'STATUS', 'TITLE'],
        entries.map((e) => [e.actual_start.slice(11, 23), e.end.slice(11, 23), e.scheduled_start.slice(11, 23), `${(e.in_point_ms / 1000).toFixed(1)} s`, e.status, e.title]),
      );
  return { data: { channel: input.channel, date, entries }, text };
}
