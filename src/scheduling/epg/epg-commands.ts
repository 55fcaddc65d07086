// Handlers of `retrovue epg …` and `retrovue channel export` (contracts/epg/*.yaml, channel/export.yaml):
// the guide read from built ScheduleDays through the pure renderers the runtime serves too.
import type {
  ChannelExportInput,
  ChannelExportOutput,
  EpgExportInput,
  EpgExportOutput,
  EpgShowInput,
  EpgShowOutput,
} from '../../../generated/contract-types.js';
import type { CommandResult, TransactionContext } from '../../command/command-context.js';
import { deliver } from '../../command/deliver-document.js';
import { RetroVueError } from '../../core/errors.js';
import type { ChannelRow } from '../../db/schema.js';
import { listChannelRows } from '../channel/channel-repository.js';
import { addDays } from '../time/civil-date.js';
import { epgChannelOf, guideProgrammes, programmesBetween } from './epg-guide.js';
import { firstAiringsOf } from './first-airing-repository.js';
import { channelsWithLogo } from '../channel/channel-logo-repository.js';
import { onscreenEpisode } from '../schedule-day/schedule-day.js';
import { renderEpgJson } from './epg-json-renderer.js';
import { ChannelGrid, scheduleChannelOf } from '../time/grid.js';
import { normaliseBaseUrl, renderM3u } from './m3u-renderer.js';
import { loadScheduleDays, loadScheduleDaysBetween } from '../schedule-day/schedule-day-repository.js';
import type { ScheduleDay } from '../schedule-day/schedule-day.js';
import { parseInstant } from '../../command/instant.js';
import { iso, wallClock } from '../schedule-day/schedule-day-json.js';
import { requireChannelRow } from '../channel/channel-repository.js';
import { renderXmltv } from './xmltv-renderer.js';

export async function showEpg(ctx: TransactionContext, input: EpgShowInput): Promise<CommandResult<EpgShowOutput>> {
  const channel = await requireChannelRow(ctx.db, input.channel);
  const fromMs = parseInstant(input.from, '--from', { nowMs: ctx.clock.now(), timezone: channel.timezone });
  const toMs = fromMs + Math.round(input.hours * 3_600_000);
  const days = await loadScheduleDaysBetween(ctx.db, channel.id, fromMs, toMs);
  const guide = guideProgrammes(days, await firstAiringsOf(ctx.db, days));
  const programmes = programmesBetween(guide, fromMs, toMs).map((p) => ({
    start: iso(p.startMs),
    stop: iso(p.stopMs),
    kind: p.kind,
    airing: p.airing,
    title: p.guide.title,
    subtitle: p.guide.subtitle,
    episode: onscreenEpisode(p.guide),
    description: p.guide.description,
    year: p.guide.year,
    categories: [...p.guide.categories],
  }));
  const lines = programmes.map((p) => {
    const when = `${wallClock(Date.parse(p.start), channel.timezone).slice(5, 16)}–${wallClock(Date.parse(p.stop), channel.timezone).slice(11, 16)}`;
    return `${when}  ${p.title}${p.episode ? ` ${p.episode}` : ''}${p.subtitle ? ` — ${p.subtitle}` : ''}${p.airing === 'new' ? ' (new)' : ''}`;
  });
  const text =
    programmes.length === 0
      ? `nothing scheduled on channel ${channel.id} between ${iso(fromMs)} and ${iso(toMs)}; run retrovue schedule-day build --channel ${channel.id} (or retrovue horizon advance)`
      : [`${channel.number}  ${channel.name} (${channel.id}), ${channel.timezone}`, ...lines].join('\n');
  return { data: { channel: channel.id, from: iso(fromMs), to: iso(toMs), programmes }, text };
}

async function exportedChannels(ctx: TransactionContext, only: string | undefined): Promise<ChannelRow[]> {
  return only === undefined ? listChannelRows(ctx.db, { enabledOnly: true }) : [await requireChannelRow(ctx.db, only)];
}

/** Writes the document where --out says (relative to the operator's directory), or returns it for stdout. */

export async function exportEpg(ctx: TransactionContext, input: EpgExportInput): Promise<CommandResult<EpgExportOutput>> {
  const channels = await exportedChannels(ctx, input.channel);
  const nowMs = ctx.clock.now();
  const days: ScheduleDay[] = [];
  for (const channel of channels) {
    const today = new ChannelGrid(scheduleChannelOf(channel)).programmingDayOf(nowMs);
    days.push(...(await loadScheduleDays(ctx.db, channel.id, today, addDays(today, input.days - 1))));
  }
  const baseUrl = input.baseUrl === undefined ? null : normaliseBaseUrl(input.baseUrl);
  const logos = baseUrl === null ? new Set<string>() : await channelsWithLogo(ctx.db);
  const epgChannels = channels.map((c) => epgChannelOf(c, { guideDomain: input.guideDomain, baseUrl, hasLogo: logos.has(c.id) }));
  const guide = guideProgrammes(days, await firstAiringsOf(ctx.db, days));
  const document = input.format === 'json' ? renderEpgJson(epgChannels, guide) : renderXmltv(epgChannels, guide);
  const out = deliver(ctx, input.out, document);
  const summary = { format: input.format === 'json' ? ('json' as const) : ('xmltv' as const), out, channels: channels.length, programmes: guide.length, bytes: Buffer.byteLength(document) };
  const text = out === '-' ? document : `wrote ${summary.format} guide of ${summary.channels} channel(s), ${summary.programmes} programmes, to ${out}`;
  return { data: summary, text };
}

export async function exportChannels(ctx: TransactionContext, input: ChannelExportInput): Promise<CommandResult<ChannelExportOutput>> {
  const channels = await exportedChannels(ctx, undefined);
  const baseUrl = normaliseBaseUrl(input.baseUrl);
  const logos = await channelsWithLogo(ctx.db);
  const epgChannels = channels.map((c) => epgChannelOf(c, { guideDomain: input.guideDomain, baseUrl, hasLogo: logos.has(c.id) }));
  const document = renderM3u(epgChannels, { baseUrl, epgUrl: input.epgUrl ?? null });
  const out = deliver(ctx, input.out, document);
  const text = out === '-' ? document : `wrote an M3U playlist of ${channels.length} channel(s) to ${out}`;
  return { data: { format: 'm3u', out, channels: channels.length, bytes: Buffer.byteLength(document) }, text };
}
