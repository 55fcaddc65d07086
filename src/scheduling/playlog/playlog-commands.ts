// Handler of `retrovue playlog show` (contracts/playlog/show.yaml): reading PlaylogEvents back to the
// millisecond (expanding them is the horizon room's playlog-build.ts).
import type { PlaylogShowInput, PlaylogShowOutput } from '../../../generated/contract-types.js';
import type { CommandResult, TransactionContext } from '../../command/command-context.js';
import { assetPaths } from '../../catalog/asset-repository.js';
import type { PlaylogEvent } from '../../plugins/playlog-event.js';
import { loadPlaylog } from './playlog-repository.js';
import { parseInstant } from '../../command/instant.js';
import { iso, wallClock } from '../schedule-day/schedule-day-json.js';
import { requireChannelRow } from '../channel/channel-repository.js';

const hourMs = 3_600_000;

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
  const fromMs = parseInstant(input.at, '--at', { nowMs: ctx.clock.now(), timezone: channel.timezone });
  const toMs = fromMs + Math.round(input.hours * hourMs);
  const events = await loadPlaylog(ctx.db, channel.id, fromMs, toMs);
  const paths = await assetPaths(ctx.db, events.flatMap((e) => (e.source.kind === 'asset' ? [e.source.assetId] : [])));
  const text =
    events.length === 0
      ? `no playlog for channel ${channel.id} between ${iso(fromMs)} and ${iso(toMs)}; run retrovue playlog build --channel ${channel.id} (or retrovue horizon advance)`
      : [`channel ${channel.id}, ${channel.timezone}:`, ...events.map((e) => describeEvent(e, channel.timezone, paths))].join('\n');
  return { data: { channel: channel.id, from: iso(fromMs), to: iso(toMs), events: events.map((e) => eventJson(e, paths)) }, text };
}
