// ProductionSafety for scheduling definitions. A program, virtual or synthetic asset that zones or program
// chains still hold cannot go. What built ScheduleDays hold of a plan, zone or definition does not stop
// it: built days are immutable and keep airing what they were built with; but the operator must see what
// is scheduled or has aired, and say --force, before the definition goes.
import type { InUse } from '../../../generated/contract-types.js';
import { RetroVueError } from '../../core/errors.js';
import type { TransactionContext } from '../../command/command-context.js';
import { builtDayUsage, type DefinitionRef, definitionReferrers, type UsageOf } from './schedule-usage-repository.js';

/** "12 scheduled slots on retro1, retro2 (2025-03-10 to 2025-03-12), 3 already aired" */
export function describeUsage(usage: InUse): string {
  const days = usage.first_day === usage.last_day ? `${usage.first_day}` : `${usage.first_day} to ${usage.last_day}`;
  return `${usage.scheduled_slots} scheduled slot(s) on ${usage.channels.join(', ')} (${days}), ${usage.aired_slots} already aired`;
}

/**
 * What built days hold of the definition. One they hold needs --force, even on a terminal (a y/N is not
 * enough); one that is unused takes the ordinary confirmation. Under --dry-run nothing is removed, so
 * nothing is refused.
 */
export async function confirmRemoval(ctx: TransactionContext, of: UsageOf, what: string): Promise<InUse> {
  const usage = await builtDayUsage(ctx.db, of, ctx.clock.now());
  if (usage.scheduled_slots > 0 && !ctx.force && !ctx.dryRun) {
    throw new RetroVueError(
      'refused',
      `${what} is in built schedule days: ${describeUsage(usage)}; those days stay as built. Rerun with --force to remove it anyway`,
    );
  }
  await ctx.confirm(`remove ${what}`);
  return usage;
}

export function usageNote(usage: InUse): string {
  return usage.scheduled_slots === 0 ? '' : `\nbuilt schedule days keep it as built: ${describeUsage(usage)}`;
}

/**
 * Removes a program, virtual or synthetic asset: refused while a zone or a program's chain holds it,
 * confirmed against the built days that hold it; returns what built days hold and the line to print.
 */
export async function removeDefinition(ctx: TransactionContext, of: DefinitionRef, what: string, remove: () => Promise<void>): Promise<{ inUse: InUse; text: string }> {
  const { zones, programs } = await definitionReferrers(ctx.db, of);
  const users = [...zones.map((z) => `zone "${z.zone}" of plan "${z.plan}" (channel ${z.channel})`), ...programs.map((name) => `program "${name}"`)];
  if (users.length > 0) throw new RetroVueError('refused', `${what} is used by ${users.join(', ')}; take it out of there first (--force does not override this)`);
  const inUse = await confirmRemoval(ctx, of, what);
  await remove();
  return { inUse, text: `${ctx.dryRun ? 'would remove' : 'removed'} ${what}${usageNote(inUse)}` };
}
