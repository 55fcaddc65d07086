// Handler of `retrovue asrun show` (contracts/asrun/show.yaml): what aired on a channel on one UTC day.
import type { AsrunShowInput, AsrunShowOutput } from '../../generated/contract-types.js';
import type { CommandResult, TransactionContext } from '../command/command-context.js';
import { textTable } from '../command/text-table.js';
import { RetroVueError } from '../core/errors.js';
import { findChannel } from '../scheduling/channel/channel-repository.js';
import { hasAsRun, loadAsRun } from './asrun-repository.js';

const DAY_MS = 86_400_000;

/** Epoch ms of 00:00 UTC of a YYYY-MM-DD date, refusing dates that do not exist (2026-02-30). */
function utcDayStart(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RetroVueError('invalid_input', `--date must be a real day as YYYY-MM-DD; got "${date}"`);
  }
  return ms;
}

export async function showAsRun(ctx: TransactionContext, input: AsrunShowInput): Promise<CommandResult<AsrunShowOutput>> {
  const date = input.date ?? new Date(ctx.clock.now()).toISOString().slice(0, 10);
  const from = utcDayStart(date);
  const records = await loadAsRun(ctx.db, input.channel, from, from + DAY_MS);
  if (records.length === 0 && (await findChannel(ctx.db, input.channel)) === undefined && !(await hasAsRun(ctx.db, input.channel))) {
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
    ? `nothing aired on channel ${input.channel} on ${date} (UTC)`
    : textTable(
        ['ACTUAL START', 'END', 'SCHEDULED', 'IN-POINT', 'STATUS', 'TITLE'],
        entries.map((e) => [e.actual_start.slice(11, 23), e.end.slice(11, 23), e.scheduled_start.slice(11, 23), `${(e.in_point_ms / 1000).toFixed(1)} s`, e.status, e.title]),
      );
  return { data: { channel: input.channel, date, entries }, text };
}
