// Handlers of `retrovue playlog …` (contracts/playlog/*.yaml): expanding built ScheduleDays into
// PlaylogEvents (avails filled from the channel's interstitials) and reading them back to the millisecond.
import type { PlaylogBuildInput, PlaylogBuildOutput, PlaylogShowInput, PlaylogShowOutput } from '../../generated/contract-types.js';
import type { CommandResult, TransactionContext } from '../command/command-context.js';
import { assetPaths } from '../catalog/asset-repository.js';
import { RetroVueError } from '../core/errors.js';
import type { PlaylogEvent } from '../plugins/playlog-event.js';
import { loadCatalogSnapshot } from './catalog-reader.js';
import { ChannelGrid, scheduleChannelOf } from './grid.js';
import { expandPlaylog } from './horizon.js';
import { lockChannelHorizon } from './horizon-repository.js';
import { lastPlaylogEvent, loadPlaylog } from './playlog-repository.js';
import { lastBuiltDay, loadScheduleDay } from './schedule-day-repository.js';
import { iso, parseInstant, wallClock } from './schedule-day-json.js';
import { requireChannelRow } from './scheduling-lookup.js';

const hourMs = 3_600_000;

async function countEvents(ctx: TransactionContext, channelId: string): Promise<number> {
  const row = await ctx.db.selectFrom('playlog_event').select((eb) => eb.fn.countAll<number>().as('n')).where('channel_id', '=', channelId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function buildPlaylog(ctx: TransactionContext, input: PlaylogBuildInput): Promise<CommandResult<PlaylogBuildOutput>> {
  const channel = await requireChannelRow(ctx.db, input.channel);
  const nowMs = ctx.clock.now();
  const today = new ChannelGrid(scheduleChannelOf(channel)).programmingDayOf(nowMs);
  await lockChannelHorizon(ctx.db, channel.id);
  if (!(await lastPlaylogEvent(ctx.db, channel.id)) && !(await loadScheduleDay(ctx.db, channel.id, today))) {
    throw new RetroVueError('not_found', `channel "${channel.id}" has no playlog and no schedule day for ${today} (on air now) to expand; run retrovue schedule-day build --channel ${channel.id} first`);
  }
  const until = nowMs + Math.round(input.hours * hourMs);
  const before = await countEvents(ctx, channel.id);
  const expanded = await expandPlaylog(ctx.db, channel, await loadCatalogSnapshot(ctx.db), today, until);
  const tail = await lastPlaylogEvent(ctx.db, channel.id);
  const warnings: string[] = [];
  if (!tail || tail.endMs < until) {
    const through = (await lastBuiltDay(ctx.db, channel.id))?.programmingDay ?? 'nothing';
    warnings.push(`the playlog reaches only ${tail ? iso(tail.endMs) : 'nowhere'}, short of ${iso(until)}: schedule days are built through ${through}; run retrovue schedule-day build --channel ${channel.id}`);
  }
  const added = (await countEvents(ctx, channel.id)) - before;
  const end = tail ? iso(tail.endMs) : null;
  const head = expanded.length === 0 ? `the playlog of channel ${channel.id} already reaches ${input.hours} h ahead` : `${ctx.dryRun ? 'would expand' : 'expanded'} ${expanded.join(', ')}: ${added} events`;
  const text = [head, `playlog ends ${tail ? wallClock(tail.endMs, channel.timezone) : '—'} (${channel.timezone})`, ...warnings.map((w) => `warning: ${w}`)].join('\n');
  return { data: { channel: channel.id, expanded_days: expanded, events_added: added, playlog_end: end, warnings }, text };
}

/** An event as `playlog show` prints it; `paths` holds the catalog's current file of each asset. */
function eventJson(e: PlaylogEvent, paths: ReadonlyMap<string, string>) {
  return {
    start: iso(e.startMs),
    end: iso(e.endMs),
    start_ms: e.startMs,
    end_ms: e.endMs,
    duration_ms: e.endMs - e.startMs,
    role: e.role,
    source: e.source.kind,
    asset_id: e.source.kind === 'asset' ? e.source.assetId : null,
    path: e.source.kind === 'asset' ? (paths.get(e.source.assetId) ?? null) : null,
    in_point_ms: e.source.kind === 'asset' ? e.source.inPointMs : null,
    synthetic: e.source.kind === 'synthetic' ? e.source.synthetic : null,
    title: e.title,
    episode_title: e.episodeTitle ?? null,
  };
}

function describeEvent(e: PlaylogEvent, timezone: string, paths: ReadonlyMap<string, string>): string {
  const what = e.source.kind === 'asset' ? `${paths.get(e.source.assetId) ?? `(asset ${e.source.assetId} is no longer in the catalog)`}${e.source.inPointMs > 0 ? ` from ${(e.source.inPointMs / 1000).toFixed(3)} s` : ''}` : `[${e.source.synthetic}]`;
  return `${wallClock(e.startMs, timezone).slice(11).padEnd(12)}  ${((e.endMs - e.startMs) / 1000).toFixed(3).padStart(9)} s  ${e.role.padEnd(12)}  ${e.title}${e.episodeTitle ? ` — ${e.episodeTitle}` : ''}  ${what}`;
}

export async function showPlaylog(ctx: TransactionContext, input: PlaylogShowInput): Promise<CommandResult<PlaylogShowOutput>> {
  const channel = await requireChannelRow(ctx.db, input.channel);
  const fromMs = parseInstant(input.at, '--at', ctx.clock.now());
  const toMs = fromMs + Math.round(input.hours * hourMs);
  const events = await loadPlaylog(ctx.db, channel.id, fromMs, toMs);
  const paths = await assetPaths(ctx.db, events.flatMap((e) => (e.source.kind === 'asset' ? [e.source.assetId] : [])));
  const text =
    events.length === 0
      ? `no playlog for channel ${channel.id} between ${iso(fromMs)} and ${iso(toMs)}; run retrovue playlog build --channel ${channel.id} (or retrovue horizon advance)`
      : [`channel ${channel.id}, ${channel.timezone}:`, ...events.map((e) => describeEvent(e, channel.timezone, paths))].join('\n');
  return { data: { channel: channel.id, from: iso(fromMs), to: iso(toMs), events: events.map((e) => eventJson(e, paths)) }, text };
}
