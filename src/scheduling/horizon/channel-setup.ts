// `retrovue channel add` (contracts/channel/add.yaml): the channel, and with --from, --interstitials and
// --build everything else a channel needs to air, in the command's one transaction. Each part goes through
// the handler of its own command (channel, program, schedule-plan, zone, interstitial add; the horizon),
// so their checks hold here too; this room stands above them all.
import type { ChannelAddInput, ChannelAddOutput, Interstitial } from '../../../generated/contract-types.js';
import type { CommandResult, TransactionContext } from '../../command/command-context.js';
import { RetroVueError } from '../../core/errors.js';
import { addChannel } from '../channel/channel-commands.js';
import { requireChannelRow } from '../channel/channel-repository.js';
import { addInterstitial } from '../library/interstitial-commands.js';
import type { InterstitialRole } from '../library/interstitial.js';
import { describePlan } from '../plans/plan-json.js';
import { addSchedulePlan, showSchedulePlan } from '../plans/schedule-plan-commands.js';
import { addZone } from '../plans/zone-commands.js';
import { assertFromForm, programFrom } from './channel-from.js';
import { advanceChannelHorizon, defaultHorizon, loadHorizonInputs } from './horizon.js';
import { describeReport, reportJson } from './horizon-commands.js';

/** The names --from gives what it makes. */
export const fromPlanName = 'everyday';
export const fromZoneName = 'all-day';

const roles: readonly InterstitialRole[] = ['bumper', 'commercial', 'station-id'];

/** `--interstitials` values: comma lists of [role:]<source>/<name>; a collection without a role fills avails as commercials. */
export function interstitialsOption(values: readonly string[]): { readonly collection: string; readonly role: InterstitialRole }[] {
  return values
    .flatMap((value) => value.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => {
      const colon = item.indexOf(':');
      if (colon < 0 || (item.includes('/') && item.indexOf('/') < colon)) return { collection: item, role: 'commercial' as const };
      const role = item.slice(0, colon).trim().toLowerCase();
      if (!(roles as readonly string[]).includes(role)) {
        throw new RetroVueError('invalid_input', `--interstitials ${item}: role "${role}" is not one of ${roles.join(', ')} (write [role:]<source>/<name>)`);
      }
      return { collection: item.slice(colon + 1).trim(), role: role as InterstitialRole };
    });
}

export async function addChannelWithProgramming(ctx: TransactionContext, input: ChannelAddInput): Promise<CommandResult<ChannelAddOutput>> {
  if (input.build && input.from === undefined) {
    throw new RetroVueError('invalid_input', '--build needs --from: a channel without a plan has nothing to build (add --from series:<name>, collection:<source>/<name> or program:<name>)');
  }
  if (input.from !== undefined) assertFromForm(input.from);
  const wanted = interstitialsOption(input.interstitials ?? []);
  const added = await addChannel(ctx, input);
  const id = added.data.channel.id;
  let data: ChannelAddOutput = added.data;
  const text = [added.text];
  if (input.from !== undefined) {
    const made = await programmingFrom(ctx, id, input.from);
    data = { ...data, ...made.data };
    text.push(made.text);
  }
  if (wanted.length > 0) {
    const interstitials: Interstitial[] = [];
    for (const { collection, role } of wanted) {
      const assigned = await assignOne(ctx, id, collection, role);
      interstitials.push(assigned.data.interstitial);
      text.push(assigned.text);
    }
    data = { ...data, interstitials };
  }
  if (input.from === undefined) return { data, text: text.join('\n') };
  if (input.build) {
    const channel = await requireChannelRow(ctx.db, id);
    const report = reportJson(await advanceChannelHorizon(ctx.db, channel, await loadHorizonInputs(ctx.db), { ...defaultHorizon, nowMs: ctx.clock.now() }));
    return { data: { ...data, built: report }, text: [...text, `${ctx.dryRun ? 'would build' : 'built'} ${describeReport(report)}`].join('\n') };
  }
  const next = [`retrovue schedule-day build --channel ${id} --days ${defaultHorizon.epgDays + 1}`, `retrovue playlog build --channel ${id} --hours ${defaultHorizon.playlogHours}`];
  return { data: { ...data, next }, text: [...text, 'next (or add --build to channel add):', ...next.map((n) => `  ${n}`)].join('\n') };
}

/** The program, the plan "everyday" and its one zone "all-day", round the clock from the programming day start. */
async function programmingFrom(ctx: TransactionContext, channelId: string, from: string) {
  const { program, reused, text } = await programFrom(ctx, from);
  const dayStart = (await requireChannelRow(ctx.db, channelId)).programming_day_start;
  await addSchedulePlan(ctx, { channel: channelId, name: fromPlanName, days: undefined, startDate: undefined, endDate: undefined, priority: 0 });
  const zone = await addZone(ctx, { channel: channelId, plan: fromPlanName, name: fromZoneName, start: dayStart, end: dayStart, days: undefined, item: [`program:${program.name}`] });
  const { plan } = (await showSchedulePlan(ctx, { channel: channelId, name: fromPlanName })).data;
  const verb = ctx.dryRun ? 'would add' : 'added';
  return { data: { program, program_reused: reused, plan, zone: zone.data.zone }, text: [text, `${verb} ${describePlan(plan)}`].join('\n') }; // the plan's lines show its zone
}

/** One assignment through interstitial add, its refusal naming the option. */
async function assignOne(ctx: TransactionContext, channel: string, collection: string, role: InterstitialRole) {
  try {
    return await addInterstitial(ctx, { channel, collection, role });
  } catch (error) {
    if (error instanceof RetroVueError && error.code === 'not_found') throw new RetroVueError('not_found', `--interstitials ${collection}: ${error.message}`, { cause: error });
    throw error;
  }
}
