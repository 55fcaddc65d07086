// Handlers of `retrovue zone …` (contracts/zone/*.yaml): a plan's windows of the programming day. Every
// change is written, then the whole plan is validated as it now stands (grid, overlap, day, references);
// a refusal rolls the command's transaction back, so nothing refused is ever written.
import type { Kysely } from 'kysely';
import type {
  ZoneAddInput,
  ZoneAddOutput,
  ZoneListInput,
  ZoneListOutput,
  ZoneRemoveInput,
  ZoneRemoveOutput,
  ZoneUpdateInput,
  ZoneUpdateOutput,
} from '../../../generated/contract-types.js';
import type { CommandResult, TransactionContext } from '../../command/command-context.js';
import { RetroVueError } from '../../core/errors.js';
import type { ChannelRow, Schema } from '../../db/schema.js';
import { parseWeekdays, type Weekday } from '../time/civil-date.js';
import { scheduleChannelOf } from '../time/grid.js';
import { resolveItems } from '../library/schedulable-refs.js';
import { deleteZone, insertZone, loadChannelPlans, updateZone as updateZoneRow, type ZoneDraft } from './schedule-plan-repository.js';
import { zoneWindowFromClock } from './schedule-plan.js';
import { validatePlan } from './plan-validation.js';
import { describeZone, zoneJson } from './plan-json.js';
import { loadNaming, nonEmptyName } from '../library/naming.js';
import { requireChannelRow } from '../channel/channel-repository.js';
import { requirePlan } from './schedule-plan-repository.js';
import { requireZone } from './schedule-plan.js';
import { confirmRemoval, usageNote } from '../library/schedule-usage.js';

const daysOf = (text: string): Weekday[] | null => (['all', 'every'].includes(text.toLowerCase()) ? null : parseWeekdays(text, '--days'));

/** The plan as it now stands, validated unless a caller checks it after several updates; with the naming it was read with. */
async function storedPlan(db: Kysely<Schema>, channel: ChannelRow, planName: string, validate: boolean) {
  const plan = await requirePlan(db, channel.id, planName);
  const naming = await loadNaming(db);
  if (validate) validatePlan(plan, scheduleChannelOf(channel), naming.library, naming.catalog);
  return { plan, naming };
}

/** The zone's JSON from its plan as it now stands, validated (unless a caller checks it after several updates). */
async function validatedZone(db: Kysely<Schema>, channel: ChannelRow, planName: string, zoneName: string, validate = true) {
  const { plan, naming } = await storedPlan(db, channel, planName, validate);
  return zoneJson(requireZone(plan, zoneName), plan, channel.programming_day_start, naming);
}

/** Validates a plan as it now stands: what zone update checks, once after updates made with `planCheckedLater`. */
export async function checkPlan(db: Kysely<Schema>, channelId: string, planName: string): Promise<void> {
  await storedPlan(db, await requireChannelRow(db, channelId), planName, true);
}

export async function addZone(ctx: TransactionContext, input: ZoneAddInput): Promise<CommandResult<ZoneAddOutput>> {
  const channel = await requireChannelRow(ctx.db, input.channel);
  const plan = await requirePlan(ctx.db, channel.id, input.plan);
  const name = nonEmptyName(input.name, '--name');
  if (plan.zones.some((z) => z.name === name)) {
    throw new RetroVueError('conflict', `zone "${name}" already exists in plan "${plan.name}" of channel "${channel.id}"; pick another --name or use retrovue zone update`);
  }
  const window = zoneWindowFromClock(input.start, input.end, channel.programming_day_start);
  const draft: ZoneDraft = { name, ...window, daysOfWeek: input.days === undefined ? null : parseWeekdays(input.days, '--days'), items: await resolveItems(ctx.db, input.item ?? []) };
  await insertZone(ctx.db, plan.id, draft);
  const zone = await validatedZone(ctx.db, channel, plan.name, name);
  return { data: { zone }, text: `${ctx.dryRun ? 'would add' : 'added'} zone to plan "${plan.name}" of channel ${channel.id}\n${describeZone(zone)}` };
}

export async function listZones(ctx: TransactionContext, input: ZoneListInput): Promise<CommandResult<ZoneListOutput>> {
  const channel = await requireChannelRow(ctx.db, input.channel);
  const plans = input.plan === undefined ? await loadChannelPlans(ctx.db, channel.id) : [await requirePlan(ctx.db, channel.id, input.plan)];
  const naming = await loadNaming(ctx.db);
  const zones = plans.flatMap((plan) => [...plan.zones].sort((a, b) => a.startMinute - b.startMinute).map((z) => zoneJson(z, plan, channel.programming_day_start, naming)));
  const text = zones.length === 0 ? `no zones yet; add one with retrovue zone add --channel ${channel.id} --plan <plan> …` : zones.map((z) => `${z.plan}: ${describeZone(z).trimStart()}`).join('\n');
  return { data: { zones }, text };
}

/** With `planCheckedLater` the caller moves several zones at once (a new day start) and runs checkPlan after the last one. */
export async function updateZone(ctx: TransactionContext, input: ZoneUpdateInput, options: { planCheckedLater?: boolean } = {}): Promise<CommandResult<ZoneUpdateOutput>> {
  const channel = await requireChannelRow(ctx.db, input.channel);
  const plan = await requirePlan(ctx.db, channel.id, input.plan);
  const current = requireZone(plan, input.name);
  const naming = await loadNaming(ctx.db);
  const before = zoneJson(current, plan, channel.programming_day_start, naming);
  const changes: { -readonly [K in keyof ZoneDraft]?: ZoneDraft[K] } = {};
  const changed: string[] = [];
  if (input.rename !== undefined && input.rename.trim() !== current.name) {
    changes.name = nonEmptyName(input.rename, '--rename');
    if (plan.zones.some((z) => z.name === changes.name)) throw new RetroVueError('conflict', `zone "${changes.name}" already exists in plan "${plan.name}"; pick another --rename`);
    changed.push('name');
  }
  if (input.start !== undefined || input.end !== undefined) {
    const window = zoneWindowFromClock(input.start ?? before.start, input.end ?? before.end, channel.programming_day_start);
    if (window.startMinute !== current.startMinute || window.endMinute !== current.endMinute) {
      Object.assign(changes, window);
      changed.push('window');
    }
  }
  if (input.days !== undefined) {
    const days = daysOf(input.days);
    if (JSON.stringify(days) !== JSON.stringify(current.daysOfWeek)) (changes.daysOfWeek = days), changed.push('days_of_week');
  }
  if (input.item !== undefined && input.item.length > 0) {
    const items = await resolveItems(ctx.db, input.item);
    if (JSON.stringify(items) !== JSON.stringify(current.items)) (changes.items = items), changed.push('items');
  }
  if (changed.length > 0) await updateZoneRow(ctx.db, current.id, changes);
  const zone = changed.length > 0 ? await validatedZone(ctx.db, channel, plan.name, changes.name ?? current.name, options.planCheckedLater !== true) : before;
  const summary = changed.length === 0 ? `zone "${zone.name}" unchanged` : `${ctx.dryRun ? 'would update' : 'updated'} ${changed.join(', ')}`;
  return { data: { zone, changed }, text: `${summary}\n${describeZone(zone)}` };
}

export async function removeZone(ctx: TransactionContext, input: ZoneRemoveInput): Promise<CommandResult<ZoneRemoveOutput>> {
  const channel = await requireChannelRow(ctx.db, input.channel);
  const plan = await requirePlan(ctx.db, channel.id, input.plan);
  const current = requireZone(plan, input.name);
  const removed = zoneJson(current, plan, channel.programming_day_start, await loadNaming(ctx.db));
  const inUse = await confirmRemoval(ctx, { kind: 'zone', planId: plan.id, zoneName: current.name }, `zone "${current.name}" of plan "${plan.name}" (channel ${channel.id})`);
  await deleteZone(ctx.db, current.id);
  return { data: { removed, in_use: inUse }, text: `${ctx.dryRun ? 'would remove' : 'removed'} zone "${current.name}" of plan "${plan.name}"${usageNote(inUse)}` };
}
