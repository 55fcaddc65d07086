// Handlers of `retrovue schedule-plan …` (contracts/schedule-plan/*.yaml): a channel's templates.
import type {
  SchedulePlanAddInput,
  SchedulePlanAddOutput,
  SchedulePlanListInput,
  SchedulePlanListOutput,
  SchedulePlanRemoveInput,
  SchedulePlanRemoveOutput,
  SchedulePlanShowInput,
  SchedulePlanShowOutput,
  SchedulePlanUpdateInput,
  SchedulePlanUpdateOutput,
} from '../../../generated/contract-types.js';
import type { CommandResult, TransactionContext } from '../../command/command-context.js';
import { RetroVueError } from '../../core/errors.js';
import { type IsoDate, parseIsoDate, parseWeekdays, type Weekday } from '../time/civil-date.js';
import { listChannelRows } from '../channel/channel-repository.js';
import { deleteSchedulePlan, findSchedulePlan, insertSchedulePlan, loadChannelPlans, type SchedulePlanDraft, updateSchedulePlan as updateSchedulePlanRow } from './schedule-plan-repository.js';
import { describePlan, schedulePlanJson } from './plan-json.js';
import { loadNaming, nonEmptyName } from '../library/naming.js';
import { requireChannelRow } from '../channel/channel-repository.js';
import { requirePlan } from './schedule-plan-repository.js';
import { confirmRemoval, usageNote } from '../library/schedule-usage.js';

function assertRange(start: IsoDate | null, end: IsoDate | null): void {
  if (start !== null && end !== null && start > end) {
    throw new RetroVueError('invalid_input', `--start-date ${start} follows --end-date ${end}; a plan's range must start on or before its end`);
  }
}

const optionalDate = (text: string, what: string): IsoDate | null => (text.toLowerCase() === 'none' ? null : parseIsoDate(text, what));
const optionalDays = (text: string): Weekday[] | null => (['all', 'every', 'none'].includes(text.toLowerCase()) ? null : parseWeekdays(text, '--days'));

async function assertPlanNameFree(ctx: TransactionContext, channelId: string, name: string): Promise<void> {
  if (await findSchedulePlan(ctx.db, channelId, name)) {
    throw new RetroVueError('conflict', `schedule plan "${name}" already exists on channel "${channelId}"; pick another --name or use retrovue schedule-plan update`);
  }
}

export async function addSchedulePlan(ctx: TransactionContext, input: SchedulePlanAddInput): Promise<CommandResult<SchedulePlanAddOutput>> {
  const channel = await requireChannelRow(ctx.db, input.channel);
  const name = nonEmptyName(input.name, '--name');
  const startDate = input.startDate === undefined ? null : parseIsoDate(input.startDate, '--start-date');
  const endDate = input.endDate === undefined ? null : parseIsoDate(input.endDate, '--end-date');
  assertRange(startDate, endDate);
  const daysOfWeek = input.days === undefined ? null : parseWeekdays(input.days, '--days');
  await assertPlanNameFree(ctx, channel.id, name);
  const draft: SchedulePlanDraft = { channelId: channel.id, name, daysOfWeek, startDate, endDate, priority: input.priority };
  const plan = schedulePlanJson(await insertSchedulePlan(ctx.db, draft), channel.programming_day_start, await loadNaming(ctx.db));
  return { data: { plan }, text: `${ctx.dryRun ? 'would add' : 'added'} ${describePlan(plan)}\nnext: retrovue zone add --channel ${channel.id} --plan ${JSON.stringify(name)} --name … --start HH:MM --end HH:MM --item program:…` };
}

export async function listSchedulePlans(ctx: TransactionContext, input: SchedulePlanListInput): Promise<CommandResult<SchedulePlanListOutput>> {
  const channels = input.channel === undefined ? await listChannelRows(ctx.db, { enabledOnly: false }) : [await requireChannelRow(ctx.db, input.channel)];
  const naming = await loadNaming(ctx.db);
  const plans = [];
  for (const channel of [...channels].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const own = (await loadChannelPlans(ctx.db, channel.id)).sort((a, b) => b.priority - a.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    plans.push(...own.map((p) => schedulePlanJson(p, channel.programming_day_start, naming)));
  }
  const text = plans.length === 0 ? 'no schedule plans yet; add one with retrovue schedule-plan add --channel <id> --name <name>' : plans.map(describePlan).join('\n');
  return { data: { plans }, text };
}

export async function showSchedulePlan(ctx: TransactionContext, input: SchedulePlanShowInput): Promise<CommandResult<SchedulePlanShowOutput>> {
  const channel = await requireChannelRow(ctx.db, input.channel);
  const plan = schedulePlanJson(await requirePlan(ctx.db, channel.id, input.name), channel.programming_day_start, await loadNaming(ctx.db));
  return { data: { plan }, text: describePlan(plan) };
}

export async function updateSchedulePlan(ctx: TransactionContext, input: SchedulePlanUpdateInput): Promise<CommandResult<SchedulePlanUpdateOutput>> {
  const channel = await requireChannelRow(ctx.db, input.channel);
  const current = await requirePlan(ctx.db, channel.id, input.name);
  const changes: { -readonly [K in keyof Omit<SchedulePlanDraft, 'channelId'>]?: SchedulePlanDraft[K] } = {};
  if (input.rename !== undefined && input.rename.trim() !== current.name) {
    changes.name = nonEmptyName(input.rename, '--rename');
    await assertPlanNameFree(ctx, channel.id, changes.name);
  }
  if (input.days !== undefined) {
    const days = optionalDays(input.days);
    if (JSON.stringify(days) !== JSON.stringify(current.daysOfWeek)) changes.daysOfWeek = days;
  }
  const startDate = input.startDate === undefined ? current.startDate : optionalDate(input.startDate, '--start-date');
  const endDate = input.endDate === undefined ? current.endDate : optionalDate(input.endDate, '--end-date');
  assertRange(startDate, endDate);
  if (startDate !== current.startDate) changes.startDate = startDate;
  if (endDate !== current.endDate) changes.endDate = endDate;
  if (input.priority !== undefined && input.priority !== current.priority) changes.priority = input.priority;
  const changed = Object.keys(changes).map((k) => ({ name: 'name', daysOfWeek: 'days_of_week', startDate: 'start_date', endDate: 'end_date', priority: 'priority' })[k] ?? k);
  if (changed.length > 0) await updateSchedulePlanRow(ctx.db, current.id, changes);
  const plan = schedulePlanJson(await requirePlan(ctx.db, channel.id, changes.name ?? current.name), channel.programming_day_start, await loadNaming(ctx.db));
  const summary = changed.length === 0 ? `plan "${plan.name}" unchanged` : `${ctx.dryRun ? 'would update' : 'updated'} ${changed.join(', ')}`;
  return { data: { plan, changed }, text: `${summary}\n${describePlan(plan)}` };
}

export async function removeSchedulePlan(ctx: TransactionContext, input: SchedulePlanRemoveInput): Promise<CommandResult<SchedulePlanRemoveOutput>> {
  const channel = await requireChannelRow(ctx.db, input.channel);
  const current = await requirePlan(ctx.db, channel.id, input.name);
  const removed = schedulePlanJson(current, channel.programming_day_start, await loadNaming(ctx.db));
  const inUse = await confirmRemoval(ctx, { kind: 'plan', planId: current.id }, `schedule plan "${current.name}" of channel "${channel.id}" with ${current.zones.length} zone(s)`);
  await deleteSchedulePlan(ctx.db, current.id);
  return { data: { removed, in_use: inUse }, text: `${ctx.dryRun ? 'would remove' : 'removed'} plan "${removed.name}" of channel ${channel.id}${usageNote(inUse)}` };
}
