// The scheduling half of `network export`: synthetic and virtual assets, programs, and channels with their
// playout settings, schedule plans, zones and interstitials, read through the list handlers.
import type { Channel, ChainLink, SchedulableItem, SchedulePlan, Zone } from '../../generated/contract-types.js';
import type { NetworkChannel, NetworkProgram, NetworkSchedulePlan, NetworkSyntheticAsset, NetworkVirtualAsset, NetworkZone } from '../../generated/network-schema.js';
import { channelEnrichers } from '../catalog/channel-enricher-repository.js';
import type { TransactionContext } from '../command/command-context.js';
import { listChannels } from '../scheduling/channel/channel-list.js';
import { compareChannelNumbers } from '../scheduling/channel/channel.js';
import { loadChannelLogo } from '../scheduling/channel/channel-logo-repository.js';
import { listInterstitialAssignments } from '../scheduling/library/interstitial-commands.js';
import { listSyntheticAssets, listVirtualAssets } from '../scheduling/library/library-commands.js';
import { listPrograms } from '../scheduling/library/program-commands.js';
import { listSchedulePlans } from '../scheduling/plans/schedule-plan-commands.js';
import { byKey, compact, withoutDefaults } from './network-values.js';

/** How a zone's --item names what it holds (an asset by id: assets are not part of the file). */
export function itemText(item: SchedulableItem): string {
  return item.kind === 'asset' ? `asset:${item.id}` : `${item.kind}:${item.name}`;
}

/** How a program's --link names a chain link. */
export function linkText(link: ChainLink): string {
  if (link.kind === 'asset') return `asset:${link.id ?? link.name}`;
  if (link.kind === 'series') return `series:${link.name}${link.season === null ? '' : `:${link.season}`}`;
  return `${link.kind}:${link.name}`;
}

export async function exportSyntheticAssets(ctx: TransactionContext): Promise<NetworkSyntheticAsset[]> {
  const list = (await listSyntheticAssets(ctx, {})).data.synthetic_assets;
  return byKey(list, (a) => a.name).map((a) => compact<NetworkSyntheticAsset>({ name: a.name, kind: a.kind, seconds: a.duration_ms / 1000, text: a.text ?? undefined }));
}

export async function exportVirtualAssets(ctx: TransactionContext): Promise<NetworkVirtualAsset[]> {
  const list = (await listVirtualAssets(ctx, {})).data.virtual_assets;
  const minutes = (ms: number | null) => (ms === null ? undefined : ms / 60_000);
  return byKey(list, (a) => a.name).map((a) =>
    withoutDefaults(
      compact<NetworkVirtualAsset>({
        name: a.name,
        collection: a.collection ?? undefined,
        series: a.series ?? undefined,
        kinds: [...a.kinds],
        tags: [...a.tags],
        'min-minutes': minutes(a.min_duration_ms),
        'max-minutes': minutes(a.max_duration_ms),
        unplayed: a.unplayed,
        order: a.order,
      }),
      'VirtualAsset',
    ),
  );
}

export async function exportPrograms(ctx: TransactionContext): Promise<NetworkProgram[]> {
  const list = (await listPrograms(ctx, {})).data.programs;
  return byKey(list, (p) => p.name).map((p) =>
    withoutDefaults(
      compact<NetworkProgram>({
        name: p.name,
        kind: p.kind,
        links: p.asset_chain.map(linkText),
        'play-mode': p.play_mode,
        'allow-breaks': p.allow_breaks,
        description: p.description ?? undefined,
        categories: [...p.categories],
      }),
      'Program',
    ),
  );
}

const daysText = (days: readonly string[] | null): string | undefined => (days === null ? undefined : days.join(','));

function zoneEntry(z: Zone): NetworkZone {
  return compact<NetworkZone>({ name: z.name, start: z.start, end: z.end, days: daysText(z.days_of_week), items: z.items.map(itemText) });
}

/** Zones in the order of the programming day, then by name. */
const zoneOrder = (z: Zone): string => `${z.start}\u0000${z.name}`;

function planEntry(plan: SchedulePlan, dayStart: string): NetworkSchedulePlan {
  const fromDayStart = (z: Zone): string => (z.start >= dayStart ? `0${zoneOrder(z)}` : `1${zoneOrder(z)}`);
  return withoutDefaults(
    compact<NetworkSchedulePlan>({
      name: plan.name,
      days: daysText(plan.days_of_week),
      'start-date': plan.start_date ?? undefined,
      'end-date': plan.end_date ?? undefined,
      priority: plan.priority,
      zones: byKey(plan.zones, fromDayStart).map(zoneEntry),
    }),
    'SchedulePlan',
  );
}

async function channelEntry(ctx: TransactionContext, c: Channel): Promise<NetworkChannel> {
  const logo = await loadChannelLogo(ctx.db, c.id);
  const plans = (await listSchedulePlans(ctx, { channel: c.id })).data.plans;
  const interstitials = (await listInterstitialAssignments(ctx, { channel: c.id })).data.interstitials;
  const entry = compact<NetworkChannel>({
    id: c.id,
    name: c.name,
    number: c.number,
    'grid-block-minutes': c.grid_block_minutes,
    'block-start-offsets-minutes': [...c.block_start_offsets_minutes],
    'programming-day-start': c.programming_day_start,
    timezone: c.timezone,
    enabled: c.enabled,
    'audio-languages': [...c.audio_languages],
    subtitles: c.subtitles.mode,
    'subtitle-languages': [...c.subtitles.languages],
    'loudness-target': c.loudness_target_lufs === null ? 'off' : String(c.loudness_target_lufs),
    producer: c.producer ?? undefined,
    enrichers: (await channelEnrichers(ctx.db, c.id)).map((e) => e.id),
    logo: logo === undefined ? undefined : `data:${logo.contentType};base64,${Buffer.from(logo.bytes).toString('base64')}`,
    plans: byKey(plans, (p) => p.name).map((p) => planEntry(p, c.programming_day_start)),
    interstitials: byKey(interstitials, (i) => `${i.role}\u0000${i.collection}`).map((i) => ({ collection: i.collection, role: i.role })),
  });
  return withoutDefaults(entry, 'Channel');
}

/** Channels in dial order (7 before 7.1 before 7.9 before 7.10 before 12), as the guide and channel list show them. */
export async function exportChannels(ctx: TransactionContext): Promise<NetworkChannel[]> {
  const channels = (await listChannels(ctx, { enabledOnly: false })).data.channels;
  const dial = [...channels].sort((a, b) => compareChannelNumbers(a.number, b.number));
  const entries: NetworkChannel[] = [];
  for (const c of dial) entries.push(await channelEntry(ctx, c));
  return entries;
}
