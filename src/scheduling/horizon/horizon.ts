// Horizons: keep every channel's schedule built N programming days ahead and its playlog M hours ahead of
// now. Idempotent (built days are never rebuilt here) and safe when two processes run at once (a
// per-channel advisory lock, each channel in its own transaction). The CLI and the runtime's timer share it.
import type { Kysely } from 'kysely';
import { isRetroVueError, RetroVueError } from '../../core/errors.js';
import type { ChannelRow, Schema } from '../../db/schema.js';
import type { CatalogSnapshot } from '../../catalog/catalog-snapshot.js';
import { loadCatalogSnapshot } from '../../catalog/catalog-snapshot-repository.js';
import { addDays, type IsoDate } from '../time/civil-date.js';
import { ChannelGrid, scheduleChannelOf } from '../time/grid.js';
import { type HorizonEnd, type HorizonMark, loadHorizonEnds, lockChannelHorizon, lockChannelHorizons, recordHorizon, recordHorizons } from './horizon-repository.js';
import { interstitialPoolOf, listInterstitials } from '../library/interstitial-repository.js';
import { expandScheduleDay } from '../playlog/playlog-expander.js';
import { insertPlaylogEvents, lastPlaylogEvent } from '../playlog/playlog-repository.js';
import { loadSchedulingLibrary } from '../library/program-repository.js';
import type { SchedulingLibrary } from '../library/schedulable-asset.js';
import { resolveScheduleDay } from '../schedule-day/schedule-day-resolver.js';
import { deleteScheduleDaysFrom, insertScheduleDays, lastBuiltDay, loadScheduleDay } from '../schedule-day/schedule-day-repository.js';
import type { ScheduleDay } from '../schedule-day/schedule-day.js';
import { loadChannelPlans } from '../plans/schedule-plan-repository.js';
import { listChannelRows } from '../channel/channel-repository.js';

export interface HorizonOptions {
  /** Build schedule days through the programming day `epgDays` after the one on air now. */
  readonly epgDays: number;
  /** Expand the playlog at least this far past now; null leaves the playlog alone (schedules only). */
  readonly playlogHours: number | null;
  readonly nowMs: number;
}

export const defaultHorizon = { epgDays: 3, playlogHours: 6 } as const;

/** What a channel's horizon work built (or why it built nothing). */
export interface ChannelHorizonReport {
  readonly channelId: string;
  /** A channel whose plans or inputs are refused reports the one-line reason; the other channels go on. */
  readonly error: string | null;
  readonly builtDays: IsoDate[];
  readonly expandedDays: IsoDate[];
  readonly scheduleThrough: IsoDate | null;
  readonly playlogThroughMs: number | null;
  readonly warnings: string[];
}

/** What every channel resolves against, read once per run. */
export interface HorizonInputs {
  readonly catalog: CatalogSnapshot;
  readonly library: SchedulingLibrary;
}

export async function loadHorizonInputs(db: Kysely<Schema>): Promise<HorizonInputs> {
  return { catalog: await loadCatalogSnapshot(db), library: await loadSchedulingLibrary(db) };
}

/**
 * Every enabled channel (or the ones named), each in its own transaction: one channel refused for bad
 * input (its report carries the reason) never stops the others.
 * @example await advanceHorizons(db, { ...defaultHorizon, nowMs: clock.now() })
 */
export function advanceHorizons(db: Kysely<Schema>, options: HorizonOptions & { readonly channelIds?: readonly string[] }): Promise<ChannelHorizonReport[]> {
  return advanceHorizonsInTurns((work) => work(db), options);
}

/** Runs one piece of database work when its turn comes (a server that shares its database takes turns). */
export type DatabaseTurn = <T>(work: (db: Kysely<Schema>) => Promise<T>) => Promise<T>;

/**
 * advanceHorizons taking a turn per piece: one to read the channels and inputs, one per channel, so other
 * work on a shared database waits for one channel at most, not for the whole run.
 */
export async function advanceHorizonsInTurns(turn: DatabaseTurn, options: HorizonOptions & { readonly channelIds?: readonly string[] }): Promise<ChannelHorizonReport[]> {
  if (options.channelIds?.length === 0) return [];
  const channels = await turn((db) => listChannelRows(db, options.channelIds ? { enabledOnly: false, ids: options.channelIds } : { enabledOnly: true }));
  const reports: ChannelHorizonReport[] = new Array(channels.length);
  // Options out of range go the long way, where every channel reports the refusal.
  const pending = optionsInRange(options) ? await settleBuiltChannels(turn, channels, options, reports) : channels.map((_, i) => i);
  if (pending.length === 0) return reports;
  const inputs = await turn((db) => loadHorizonInputs(db));
  // A few channels at once, each in its own transaction on its own connection: the server works on one
  // while this process resolves the next, and round trips overlap. (The embedded database lends its one
  // session to one transaction at a time, so there they simply queue.) Reports keep the channels' order.
  let next = 0;
  let fatal: { readonly error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (fatal === undefined && next < pending.length) {
      const index = pending[next++] as number;
      const channel = channels[index] as ChannelRow;
      try {
        reports[index] = await turn((db) => db.transaction().execute((trx) => advanceChannelHorizon(trx, channel, inputs, options)));
      } catch (error) {
        if (!isRetroVueError(error) || error.code === 'unreachable' || error.code === 'internal' || error.code === 'database_busy' || error.code === 'database_unavailable') fatal ??= { error };
        else reports[index] = { channelId: channel.id, error: error.message, builtDays: [], expandedDays: [], scheduleThrough: null, playlogThroughMs: null, warnings: [] };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(channelConcurrency, pending.length) }, worker));
  if (fatal !== undefined) throw fatal.error;
  return reports;
}

/** Channels whose horizons are settled together, in one transaction holding all their locks. */
const settleBatch = 500;

/**
 * Most passes find most channels already built far enough: those are recorded in batches (their locks
 * taken together, their ends read and their marks written in one statement each; a turn a batch) with the very report
 * and mark advanceChannelHorizon would give them. Returns the indexes of the channels with work to do.
 */
async function settleBuiltChannels(turn: DatabaseTurn, channels: readonly ChannelRow[], options: HorizonOptions, reports: ChannelHorizonReport[]): Promise<number[]> {
  const pending: number[] = [];
  for (let from = 0; from < channels.length; from += settleBatch) {
    const batch = channels.slice(from, from + settleBatch);
    await turn((db) => db.transaction().execute(async (trx) => {
      await lockChannelHorizons(trx, batch.map((c) => c.id));
      const ends = await loadHorizonEnds(trx, batch.map((c) => c.id));
      const settled: { channelId: string; mark: HorizonMark }[] = [];
      batch.forEach((channel, i) => {
        const mark = settledMark(channel, ends.get(channel.id), options);
        if (mark === undefined) pending.push(from + i);
        else {
          settled.push({ channelId: channel.id, mark });
          reports[from + i] = { channelId: channel.id, error: null, builtDays: [], expandedDays: [], ...mark, warnings: [] };
        }
      });
      await recordHorizons(trx, settled, options.nowMs);
    }));
  }
  return pending;
}

/** The mark of a channel with nothing to build or expand (as extendScheduleDays and expandPlaylog would find), else undefined. */
function settledMark(channel: ChannelRow, end: HorizonEnd | undefined, options: HorizonOptions): HorizonMark | undefined {
  if (end?.lastDay == null) return undefined;
  const today = new ChannelGrid(scheduleChannelOf(channel)).programmingDayOf(options.nowMs);
  if (end.lastDay < addDays(today, options.epgDays)) return undefined;
  if (options.playlogHours !== null && (end.playlogEndMs === null || end.playlogEndMs < options.nowMs + options.playlogHours * 3_600_000)) return undefined;
  return { scheduleThrough: end.lastDay, playlogThroughMs: end.playlogEndMs };
}

/** Channels advanced at once; below the server pool's size, so other work still finds a connection. */
const channelConcurrency = 3;

/** One channel, inside the caller's transaction (which holds the channel's lock until it ends). */
export async function advanceChannelHorizon(trx: Kysely<Schema>, channel: ChannelRow, inputs: HorizonInputs, options: HorizonOptions): Promise<ChannelHorizonReport> {
  assertHorizon(options);
  await lockChannelHorizon(trx, channel.id);
  const grid = new ChannelGrid(scheduleChannelOf(channel));
  const today = grid.programmingDayOf(options.nowMs);
  const built = await extendScheduleDays(trx, channel, inputs, addDays(today, options.epgDays), today);
  const expanded = options.playlogHours === null ? [] : (await expandPlaylog(trx, channel, inputs.catalog, today, options.nowMs + options.playlogHours * 3_600_000)).days;
  const tail = await lastPlaylogEvent(trx, channel.id);
  const mark = { scheduleThrough: built.through, playlogThroughMs: tail?.endMs ?? null };
  await recordHorizon(trx, channel.id, mark, options.nowMs);
  return { channelId: channel.id, error: null, builtDays: built.days, expandedDays: expanded, ...mark, warnings: built.warnings };
}

function optionsInRange(options: HorizonOptions): boolean {
  try {
    assertHorizon(options);
    return true;
  } catch {
    return false; // refused again, channel by channel, by advanceChannelHorizon
  }
}

function assertHorizon(options: HorizonOptions): void {
  if (!Number.isInteger(options.epgDays) || options.epgDays < 0 || options.epgDays > 60) {
    throw new RetroVueError('invalid_input', `the EPG horizon must be a whole number of days from 0 to 60; got ${options.epgDays}`);
  }
  if (options.playlogHours !== null && (!Number.isFinite(options.playlogHours) || options.playlogHours < 0 || options.playlogHours > 24 * 14)) {
    throw new RetroVueError('invalid_input', `the playlog horizon must be from 0 to 336 hours; got ${options.playlogHours}`);
  }
}

/** What resolving days stored: the days, their warnings, and the channel's last built day after. */
export interface BuiltDays {
  readonly days: IsoDate[];
  readonly warnings: string[];
  readonly through: IsoDate | null;
}

/**
 * Resolves and stores the days after the last one built (from `firstDay` when none is) through `through`;
 * built days are never touched.
 */
export async function extendScheduleDays(
  trx: Kysely<Schema>,
  channel: ChannelRow,
  inputs: HorizonInputs,
  through: IsoDate,
  firstDay: IsoDate,
): Promise<BuiltDays> {
  const plans = await loadChannelPlans(trx, channel.id);
  const last = await lastBuiltDay(trx, channel.id);
  let carryIn = last?.carryOut ?? null;
  const resolved: ScheduleDay[] = [];
  const warnings: string[] = [];
  for (let date = last ? addDays(last.programmingDay, 1) : firstDay; date <= through; date = addDays(date, 1)) {
    const day = resolveScheduleDay({ channel: scheduleChannelOf(channel), date, plans, library: inputs.library, catalog: inputs.catalog, seed: channel.id, carryIn });
    if (day.dayEndMs === day.dayStartMs) continue; // a date the channel's clock skips whole holds nothing to store
    resolved.push(day);
    warnings.push(...day.warnings);
    carryIn = day.carryOut;
  }
  await insertScheduleDays(trx, resolved);
  const days = resolved.map((d) => d.programmingDay);
  return { days, warnings, through: days[days.length - 1] ?? last?.programmingDay ?? null };
}

/**
 * Expands whole built days after the playlog's end (from today's when there is none) until it reaches
 * `until`; returns the days expanded and how many events they added.
 */
export async function expandPlaylog(trx: Kysely<Schema>, channel: ChannelRow, catalog: CatalogSnapshot, today: IsoDate, until: number): Promise<{ days: IsoDate[]; events: number }> {
  const tail = await lastPlaylogEvent(trx, channel.id);
  if (tail && tail.endMs >= until) return { days: [], events: 0 };
  const pool = interstitialPoolOf(await listInterstitials(trx, channel.id), catalog);
  const days: IsoDate[] = [];
  let events = 0;
  let reached = tail?.endMs ?? Number.NEGATIVE_INFINITY;
  for (let date = tail ? addDays(tail.programmingDay, 1) : today; reached < until; date = addDays(date, 1)) {
    const day = await loadScheduleDay(trx, channel.id, date);
    if (!day) break; // the schedule horizon is shorter than the playlog's: nothing more to expand
    const expanded = expandScheduleDay(day, { pool, seed: day.seed });
    await insertPlaylogEvents(trx, channel.id, day.programmingDay, expanded);
    days.push(date);
    events += expanded.length;
    reached = day.coverEndMs;
  }
  return { days, events };
}

/** A day that has started airing can never be rebuilt: refuses one, naming the first day that can be. */
function refuseStartedDay(channel: ChannelRow, grid: ChannelGrid, fromDate: IsoDate, nowMs: number): void {
  const startMs = grid.bounds(fromDate).startMs;
  if (startMs > nowMs) return;
  throw new RetroVueError(
    'refused',
    `schedule day ${fromDate} of channel "${channel.id}" started airing at ${new Date(startMs).toISOString()}; a day that has started can never be rebuilt (the first that can is ${addDays(grid.programmingDayOf(nowMs), 1)})`,
  );
}

/**
 * `schedule-day build --force`: throws the channel's days from `from` on away (with their playlog) and
 * resolves them again from today's plans and catalog through `through`, or as far as they reached before
 * if that is further; then re-expands the playlog as far as it reached before, so it stays contiguous and
 * never shrinks (pushing it further is the horizon's job). A day that has started airing is refused.
 */
export async function rebuildScheduleDays(
  trx: Kysely<Schema>,
  channel: ChannelRow,
  inputs: HorizonInputs,
  range: { readonly from: IsoDate; readonly through: IsoDate; readonly nowMs: number },
): Promise<BuiltDays> {
  await lockChannelHorizon(trx, channel.id);
  const grid = new ChannelGrid(scheduleChannelOf(channel));
  refuseStartedDay(channel, grid, range.from, range.nowMs);
  const daysBefore = (await lastBuiltDay(trx, channel.id))?.programmingDay;
  const playlogBefore = await lastPlaylogEvent(trx, channel.id);
  await deleteScheduleDaysFrom(trx, channel.id, range.from);
  const built = await extendScheduleDays(trx, channel, inputs, daysBefore !== undefined && daysBefore > range.through ? daysBefore : range.through, range.from);
  if (playlogBefore) await expandPlaylog(trx, channel, inputs.catalog, grid.programmingDayOf(range.nowMs), playlogBefore.endMs);
  return built;
}
