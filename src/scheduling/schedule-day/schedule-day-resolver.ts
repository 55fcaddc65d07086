// Resolution (the pure heart of scheduling): plan, catalog snapshot, seed and the previous day's carry-out
// → one immutable ScheduleDay. The day begins where the previous one left off (invariant 6: carry-in,
// then the next grid boundary); zones resolve in window order, each soft-starting after the last; the gaps
// become avails; sequential progress flows through to the carry-out. Same input, same day (invariant 8).
import { RetroVueError } from '../../core/errors.js';
import type { CatalogSnapshot } from '../../catalog/catalog-snapshot.js';
import type { IsoDate } from '../time/civil-date.js';
import { ChannelGrid, type ScheduleChannel } from '../time/grid.js';
import type { SchedulingLibrary } from '../library/schedulable-asset.js';
import type { PickState } from './schedulable-picker.js';
import { planForDate, type SchedulePlan, zonesForDate } from '../plans/schedule-plan.js';
import { type CarryState, emptyProgress, type Interval, type ScheduleDay, type ScheduledSlot, tileWithAvails, uncovered } from './schedule-day.js';
import { validatePlan } from '../plans/plan-validation.js';
import { resolveZone } from './zone-resolver.js';

export interface ResolveInput {
  readonly channel: ScheduleChannel;
  readonly date: IsoDate;
  /** The channel's plans; the highest-priority one applying to the date is used. */
  readonly plans: readonly SchedulePlan[];
  readonly library: SchedulingLibrary;
  readonly catalog: CatalogSnapshot;
  readonly seed: string;
  /** The previous programming day's carry-out; null only for the first day a channel ever builds. */
  readonly carryIn: CarryState | null;
}

/**
 * @example
 * const monday = resolveScheduleDay({ channel, date: '2025-03-10', plans, library, catalog, seed: channel.id, carryIn: null });
 * const tuesday = resolveScheduleDay({ ...sameInputs, date: '2025-03-11', carryIn: monday.carryOut });
 */
export function resolveScheduleDay(input: ResolveInput): ScheduleDay {
  const { channel, date, carryIn } = input;
  const grid = new ChannelGrid(channel);
  const { startMs: dayStartMs, endMs: dayEndMs } = grid.bounds(date);
  assertCarryIn(input, dayStartMs, dayEndMs);
  // Normally the carry-in lies in [day start, day end). It lies before the start when the channel's day
  // start or time zone moved later since the previous day was built: the hour(s) between become avails.
  const coverStartMs = carryIn ? carryIn.airingUntilMs : dayStartMs;
  const plan = planForDate(input.plans, date);
  const warnings: string[] = [];
  let state: PickState = { progress: carryIn?.progress ?? emptyProgress, draws: {} };
  const slots: ScheduledSlot[] = [];
  // Windows of zones that yielded a programme: the rest of the day is off air.
  const covered: Interval[] = [];
  if (plan === null) {
    warnings.push(`no schedule plan applies to channel "${channel.id}" on ${date}; the whole day becomes avails`);
  } else {
    validatePlan(plan, channel, input.library, input.catalog);
    const ctx = { catalog: input.catalog, library: input.library, seed: input.seed, date };
    let freeAtMs = coverStartMs;
    for (const zone of zonesForDate(plan, date)) {
      const window = grid.zoneWindow(date, zone.startMinute, zone.endMinute);
      const resolved = resolveZone(zone, window, freeAtMs, state, grid, ctx);
      slots.push(...resolved.slots);
      if (resolved.slots.length > 0) covered.push(window);
      warnings.push(...resolved.warnings);
      state = resolved.state;
      freeAtMs = resolved.freeAtMs;
    }
  }
  const settled = settleLastSlot(slots, dayEndMs);
  const last = settled[settled.length - 1];
  // (A day the clock skips whole is empty: what airs into it carries straight on to the next.)
  const coverEndMs = Math.max(dayEndMs, coverStartMs, last?.blockEndMs ?? dayEndMs);
  const offAir = uncovered(coverStartMs, coverEndMs, [...covered, ...settled.map((s) => ({ startMs: s.startMs, endMs: s.blockEndMs }))]);
  return {
    channelId: channel.id,
    programmingDay: date,
    dayStartMs,
    dayEndMs,
    coverStartMs,
    coverEndMs,
    planId: plan?.id ?? null,
    seed: input.seed,
    entries: tileWithAvails(coverStartMs, coverEndMs, settled, offAir),
    offAir,
    carryOut: { airingUntilMs: coverEndMs, progress: state.progress },
    warnings,
  };
}

/** How far before a day's start the previous day may end (a moved day start or time zone), beyond which it is not the previous day. */
const maxCarryGapMs = 36 * 3_600_000;

function assertCarryIn(input: ResolveInput, dayStartMs: number, dayEndMs: number): void {
  const until = input.carryIn?.airingUntilMs;
  if (until === undefined) return;
  const at = new Date(until).toISOString();
  if (until >= dayEndMs && dayEndMs > dayStartMs) {
    throw new RetroVueError(
      'invalid_input',
      `the day before ${input.date} on channel "${input.channel.id}" runs until ${at}, past the end of ${input.date} (did the channel's time zone or day start move earlier?); rebuild from an earlier day with --force`,
    );
  }
  if (until < dayStartMs - maxCarryGapMs) {
    throw new RetroVueError('invalid_input', `the carry-in for channel "${input.channel.id}" on ${input.date} ends at ${at}, long before that programming day; build the days in order`);
  }
}

/**
 * The day's last slot keeps its block only up to the day's end (or its own end, when it runs over): the
 * time after belongs to the next day, which snaps its first start to the grid itself.
 */
function settleLastSlot(slots: readonly ScheduledSlot[], dayEndMs: number): ScheduledSlot[] {
  const last = slots[slots.length - 1];
  if (!last) return [];
  const blockEndMs = Math.min(last.blockEndMs, Math.max(dayEndMs, last.endMs));
  return blockEndMs === last.blockEndMs ? [...slots] : [...slots.slice(0, -1), { ...last, blockEndMs }];
}
