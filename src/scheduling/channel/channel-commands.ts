// Handlers of `retrovue channel add/show/update/remove` (contracts/channel/*.yaml; list, a read, is channel-list.ts).
// validators cannot (rules across fields and against stored channels), then write through the repository.
import type {
  ChannelAddInput,
  ChannelAddOutput,
  ChannelRemoveInput,
  ChannelRemoveOutput,
  ChannelShowInput,
  ChannelShowOutput,
  ChannelUpdateInput,
  ChannelUpdateOutput,
} from '../../../generated/contract-types.js';
import { channelEnrichers, setChannelEnrichers } from '../../catalog/channel-enricher-repository.js';
import { findEnricher } from '../../catalog/enricher-repository.js';
import { requireProducer } from '../../catalog/producer-repository.js';
import type { CommandResult, TransactionContext } from '../../command/command-context.js';
import { RetroVueError } from '../../core/errors.js';
import type { Kysely } from 'kysely';
import type { ChannelRow, ChannelRowUpdate, Schema } from '../../db/schema.js';
import { presentationFrom, presentationOf } from '../../catalog/presentation-options.js';
import {
  assertValidGrid,
  canonicalChannelNumber,
  canonicalTimezone,
  channelToJson,
  describeChannel,
  machineTimezone,
  sortedOffsets,
} from './channel.js';
import { applyLogoOption, logoJson, logoLine } from './channel-logo-commands.js';
import { channelLogoInfo } from './channel-logo-repository.js';
import {
  deleteChannel,
  findChannel,
  findChannelByNumber,
  insertChannel,
  requireChannelRow,
  updateChannelRow,
} from './channel-repository.js';

async function assertNumberFree(db: Kysely<Schema>, number: string, exceptId?: string): Promise<void> {
  const holder = await findChannelByNumber(db, number);
  if (holder && holder.id !== exceptId) {
    throw new RetroVueError('conflict', `channel number ${number} is already used by channel "${holder.id}"; pick another --number`);
  }
}

/** The channel's own fields of `channel add` (what the channel airs is made a room above, horizon/channel-setup.ts). */
export type ChannelFields = Omit<ChannelAddInput, 'from' | 'interstitials' | 'build'>;

export async function addChannel(ctx: TransactionContext, input: ChannelFields): Promise<CommandResult<ChannelAddOutput>> {
  assertValidGrid(input.gridBlockMinutes, input.blockStartOffsetsMinutes);
  const timezone = canonicalTimezone(input.timezone ?? machineTimezone());
  if (input.name.trim().length === 0) throw new RetroVueError('invalid_input', 'name must not be empty');
  const number = canonicalChannelNumber(input.number);
  if (await findChannel(ctx.db, input.id)) {
    throw new RetroVueError('conflict', `channel "${input.id}" already exists; use retrovue channel update ${input.id}`);
  }
  await assertNumberFree(ctx.db, number);
  const presentation = presentationFrom(input);
  const now = new Date(ctx.clock.now());
  const row = await insertChannel(ctx.db, {
    audio_languages: [...presentation.audioLanguages],
    subtitle_mode: presentation.subtitleMode,
    subtitle_languages: [...presentation.subtitleLanguages],
    loudness_target_lufs: presentation.loudnessTargetLufs,
    id: input.id,
    name: input.name.trim(),
    number,
    grid_block_minutes: input.gridBlockMinutes,
    block_start_offsets_minutes: sortedOffsets(input.blockStartOffsetsMinutes),
    programming_day_start: input.programmingDayStart,
    timezone,
    enabled: input.enabled,
    created_at: now,
    updated_at: now,
  });
  const channel = channelToJson(row);
  return { data: { channel }, text: `${ctx.dryRun ? 'would add' : 'added'} channel\n${describeChannel(channel)}` };
}

export async function showChannel(ctx: TransactionContext, input: ChannelShowInput): Promise<CommandResult<ChannelShowOutput>> {
  const channel = channelToJson(await requireChannelRow(ctx.db, input.id));
  const logo = logoJson(await channelLogoInfo(ctx.db, channel.id));
  return { data: { channel, logo }, text: `${describeChannel(channel)}\n${logoLine(logo)}` };
}

export async function updateChannel(ctx: TransactionContext, input: ChannelUpdateInput): Promise<CommandResult<ChannelUpdateOutput>> {
  const current = await requireChannelRow(ctx.db, input.id);
  const changes: ChannelRowUpdate = {};
  if (input.name !== undefined && input.name.trim() !== current.name) {
    if (input.name.trim().length === 0) throw new RetroVueError('invalid_input', 'name must not be empty');
    changes.name = input.name.trim();
  }
  if (input.number !== undefined && canonicalChannelNumber(input.number) !== current.number) {
    changes.number = canonicalChannelNumber(input.number);
    await assertNumberFree(ctx.db, changes.number, current.id);
  }
  if (input.gridBlockMinutes !== undefined && input.gridBlockMinutes !== current.grid_block_minutes) {
    changes.grid_block_minutes = input.gridBlockMinutes;
  }
  // The grid is checked as it will be after the update, whichever of its two fields changed.
  const offsets = input.blockStartOffsetsMinutes === undefined ? current.block_start_offsets_minutes : sortedOffsets(input.blockStartOffsetsMinutes);
  if (offsets.join(',') !== current.block_start_offsets_minutes.join(',')) changes.block_start_offsets_minutes = offsets;
  if (input.programmingDayStart !== undefined && input.programmingDayStart !== current.programming_day_start) {
    changes.programming_day_start = input.programmingDayStart;
  }
  const timezone = input.timezone === undefined ? undefined : canonicalTimezone(input.timezone);
  if (timezone !== undefined && timezone !== current.timezone) {
    changes.timezone = timezone;
  }
  if (input.enabled !== undefined && input.enabled !== current.enabled) changes.enabled = input.enabled;
  if (input.producer !== undefined) {
    const producerId = input.producer === 'default' ? null : (await requireProducer(ctx.db, input.producer)).id;
    if (producerId !== current.producer_id) changes.producer_id = producerId;
  }
  Object.assign(changes, presentationChanges(current, input));
  assertValidGrid(changes.grid_block_minutes ?? current.grid_block_minutes, offsets);
  const chainBefore = (await channelEnrichers(ctx.db, current.id)).map((e) => e.id);
  const chain = input.enrichers === undefined ? chainBefore : await playoutChain(ctx.db, input.enrichers);
  const changed = [...new Set(Object.keys(changes).map((field) => FIELD_NAMES[field] ?? field))];
  if (chain.join(',') !== chainBefore.join(',')) {
    await setChannelEnrichers(ctx.db, current.id, chain);
    changed.push('enrichers');
  }
  const logo = await applyLogoOption(ctx, current.id, input.logo);
  if (logo.changed) changed.push('logo');
  const row =
    changed.length === 0
      ? current
      : await updateChannelRow(ctx.db, current.id, { ...changes, updated_at: new Date(ctx.clock.now()) });
  const channel = channelToJson(row);
  const summary =
    changed.length === 0 ? `channel ${channel.id} unchanged` : `${ctx.dryRun ? 'would update' : 'updated'} ${changed.join(', ')}`;
  const playout = `       producer ${channel.producer ?? 'default (schedule)'}, playout enrichers ${chain.join(' → ') || 'none'}`;
  return { data: { channel, changed, enrichers: chain, logo: logo.json }, text: `${summary}\n${describeChannel(channel)}\n${playout}${input.logo === undefined ? '' : `\n${logoLine(logo.json)}`}` };
}

/** Changed fields as the channel's JSON names them. */
const FIELD_NAMES: Readonly<Record<string, string>> = { producer_id: 'producer', subtitle_mode: 'subtitles', subtitle_languages: 'subtitles' };

/** The presentation columns the options change (a list compared in order: a reordering is a change). */
function presentationChanges(current: ChannelRow, input: ChannelUpdateInput): ChannelRowUpdate {
  const before = presentationOf(current);
  const after = presentationFrom(input, before);
  const changes: ChannelRowUpdate = {};
  if (after.audioLanguages.join(',') !== before.audioLanguages.join(',')) changes.audio_languages = [...after.audioLanguages];
  if (after.subtitleMode !== before.subtitleMode) changes.subtitle_mode = after.subtitleMode;
  if (after.subtitleLanguages.join(',') !== before.subtitleLanguages.join(',')) changes.subtitle_languages = [...after.subtitleLanguages];
  if (after.loudnessTargetLufs !== before.loudnessTargetLufs) changes.loudness_target_lufs = after.loudnessTargetLufs;
  return changes;
}

/** The ids of a playout enricher chain, each checked to exist and to decorate plans. */
async function playoutChain(db: Kysely<Schema>, ids: readonly string[]): Promise<string[]> {
  const chain = ids.map((id) => id.trim()).filter((id) => id !== '');
  if (new Set(chain).size !== chain.length) throw new RetroVueError('invalid_input', `--enrichers must not name an enricher twice; got ${chain.join(',')}`);
  for (const id of chain) {
    const row = await findEnricher(db, id);
    if (!row) throw new RetroVueError('not_found', `enricher "${id}" does not exist; see retrovue enricher list`);
    if (row.kind !== 'playout') throw new RetroVueError('invalid_input', `enricher "${id}" is an ${row.kind} enricher; a channel takes playout enrichers (bug, lower-third, crawl, vhs…)`);
  }
  return chain;
}

export async function removeChannel(ctx: TransactionContext, input: ChannelRemoveInput): Promise<CommandResult<ChannelRemoveOutput>> {
  const row = await requireChannelRow(ctx.db, input.id);
  const channel = channelToJson(row);
  await ctx.confirm(`remove channel "${channel.id}" (${channel.name}, number ${channel.number})`);
  await deleteChannel(ctx.db, channel.id);
  return { data: { removed: channel }, text: `${ctx.dryRun ? 'would remove' : 'removed'} channel ${channel.id} (${channel.name})` };
}
