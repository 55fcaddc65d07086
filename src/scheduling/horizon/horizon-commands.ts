// Handlers of `retrovue horizon …` (contracts/horizon/*.yaml): the CLI face of what the runtime runs on a
// timer. Each channel advances in its own transaction under its advisory lock (see horizon.ts).
import type { HorizonAdvanceInput, HorizonAdvanceOutput, HorizonReport, HorizonStatusInput, HorizonStatusOutput } from '../../../generated/contract-types.js';
import type { CommandResult, ConnectionContext, TransactionContext } from '../../command/command-context.js';
import { ExitCode } from '../../core/errors.js';
import { advanceHorizons, type ChannelHorizonReport } from './horizon.js';
import { loadHorizonStatus } from './horizon-repository.js';
import { iso } from '../schedule-day/schedule-day-json.js';
import { requireChannelRow } from '../channel/channel-repository.js';

export function reportJson(r: ChannelHorizonReport): HorizonReport {
  return {
    channel: r.channelId,
    error: r.error,
    built_days: [...r.builtDays],
    expanded_days: [...r.expandedDays],
    schedule_through: r.scheduleThrough,
    playlog_through: r.playlogThroughMs === null ? null : iso(r.playlogThroughMs),
    warnings: [...r.warnings],
  };
}

export function describeReport(r: HorizonReport): string {
  if (r.error !== null) return `${r.channel}: refused: ${r.error}`;
  const built = r.built_days.length === 0 ? 'no new days' : `built ${r.built_days.join(', ')}`;
  const expanded = r.expanded_days.length === 0 ? '' : `, playlog for ${r.expanded_days.join(', ')}`;
  return `${r.channel}: ${built}${expanded}; schedule through ${r.schedule_through ?? '—'}, playlog through ${r.playlog_through ?? '—'}${(r.warnings ?? []).map((w) => `\n  warning: ${w}`).join('')}`;
}

export async function advanceHorizon(ctx: ConnectionContext, input: HorizonAdvanceInput): Promise<CommandResult<HorizonAdvanceOutput>> {
  const db = ctx.database.db;
  if (input.channel !== undefined) await requireChannelRow(db, input.channel);
  const reports = await advanceHorizons(db, {
    epgDays: input.epgDays,
    playlogHours: input.playlogHours,
    nowMs: ctx.clock.now(),
    ...(input.channel === undefined ? {} : { channelIds: [input.channel] }),
  });
  const channels = reports.map(reportJson);
  const text = channels.length === 0 ? 'no enabled channels; add one with retrovue channel add' : channels.map(describeReport).join('\n');
  return { data: { channels }, text, exitCode: channels.some((c) => c.error !== null) ? ExitCode.partial : ExitCode.ok };
}

export async function horizonStatus(ctx: TransactionContext, _input: HorizonStatusInput): Promise<CommandResult<HorizonStatusOutput>> {
  const nowMs = ctx.clock.now();
  const ahead = (endMs: number | null) => (endMs === null ? null : Math.round(((endMs - nowMs) / 3_600_000) * 10) / 10);
  const channels = (await loadHorizonStatus(ctx.db)).map((s) => ({
    channel: s.channelId,
    enabled: s.enabled,
    schedule_through: s.scheduleThrough,
    schedule_end: s.scheduleEndMs === null ? null : iso(s.scheduleEndMs),
    playlog_end: s.playlogEndMs === null ? null : iso(s.playlogEndMs),
    schedule_ahead_hours: ahead(s.scheduleEndMs),
    playlog_ahead_hours: ahead(s.playlogEndMs),
    advanced_at: s.advancedAtMs === null ? null : iso(s.advancedAtMs),
  }));
  const text =
    channels.length === 0
      ? 'no channels yet'
      : channels
          .map((c) => `${c.channel}${c.enabled ? '' : ' (disabled)'}: schedule through ${c.schedule_through ?? '—'} (${c.schedule_ahead_hours ?? '—'} h ahead), playlog ${c.playlog_ahead_hours ?? '—'} h ahead, advanced ${c.advanced_at ?? 'never'}`)
          .join('\n');
  return { data: { channels }, text };
}
