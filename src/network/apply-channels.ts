// `network apply`, channel half: each channel with its playout settings, then its schedule plans and their
// zones, then its interstitials, each through the add or update command that makes it.
import type { NetworkChannel, NetworkSchedulePlan, NetworkZone } from '../../generated/network-schema.js';
import { addChannel, updateChannel } from '../scheduling/channel/channel-commands.js';
import { findChannel } from '../scheduling/channel/channel-repository.js';
import { addInterstitial } from '../scheduling/library/interstitial-commands.js';
import { addSchedulePlan, updateSchedulePlan } from '../scheduling/plans/schedule-plan-commands.js';
import { addZone, checkPlan, updateZone } from '../scheduling/plans/zone-commands.js';
import { findPlanNames } from './network-lookups.js';
import { type ApplyContext, atObject } from './apply-step.js';
import { orDefault } from './network-values.js';
import type { DocPath } from './network-file.js';

async function applyChannelRow(apply: ApplyContext, c: NetworkChannel): Promise<void> {
  const { ctx } = apply;
  const grid = {
    name: c.name,
    number: c.number,
    gridBlockMinutes: orDefault(c, 'Channel', 'grid-block-minutes'),
    blockStartOffsetsMinutes: orDefault(c, 'Channel', 'block-start-offsets-minutes'),
    programmingDayStart: orDefault(c, 'Channel', 'programming-day-start'),
    timezone: c.timezone,
    enabled: orDefault(c, 'Channel', 'enabled'),
    subtitles: orDefault(c, 'Channel', 'subtitles'),
    loudnessTarget: orDefault(c, 'Channel', 'loudness-target'),
  } as const;
  if (!(await findChannel(ctx.db, c.id))) {
    await addChannel(ctx, { id: c.id, audioLanguages: c['audio-languages'], subtitleLanguages: c['subtitle-languages'], ...grid });
  }
  await updateChannel(ctx, {
    id: c.id,
    ...grid,
    audioLanguages: c['audio-languages'] ?? [],
    subtitleLanguages: c['subtitle-languages'] ?? [],
    producer: c.producer ?? 'default',
    enrichers: c.enrichers ?? [],
    logo: c.logo ?? '',
  });
}

async function applyZone(apply: ApplyContext, channel: string, plan: string, z: NetworkZone, exists: boolean): Promise<void> {
  const common = { channel, plan, name: z.name, start: z.start, end: z.end };
  if (!exists) return void (await addZone(apply.ctx, { ...common, days: z.days, item: z.items }));
  await updateZone(apply.ctx, { ...common, rename: undefined, days: z.days ?? 'all', item: z.items }, { planCheckedLater: true });
}

/**
 * The plan's existing zones all move first and the plan is checked once they all stand as declared (a new
 * day start moves every window at once, so one at a time would overlap its old neighbours), then new zones
 * are added, each checked. A refusal names the first declared zone it names, else the plan.
 */
async function applyZones(apply: ApplyContext, channel: string, p: NetworkSchedulePlan, at: DocPath, existing: ReadonlySet<string>): Promise<void> {
  const zones = [...(p.zones ?? []).entries()];
  const each = async (wanted: boolean) => {
    for (const [k, z] of zones.filter(([, z]) => existing.has(z.name) === wanted)) {
      await atObject(apply, [...at, 'zones', k], `zone "${channel}/${p.name}/${z.name}"`, () => applyZone(apply, channel, p.name, z, wanted));
    }
  };
  await each(true);
  if (zones.some(([, z]) => existing.has(z.name))) {
    await checkPlan(apply.ctx.db, channel, p.name).catch((error: unknown) => {
      const hit = zones.find(([, z]) => error instanceof Error && error.message.includes(`"${z.name}"`));
      const what = hit ? `zone "${channel}/${p.name}/${hit[1].name}"` : `plan "${channel}/${p.name}"`;
      return atObject(apply, hit ? [...at, 'zones', hit[0]] : at, what, () => Promise.reject(error));
    });
  }
  await each(false);
}

async function applyPlan(apply: ApplyContext, channel: string, p: NetworkSchedulePlan, at: DocPath): Promise<void> {
  const { ctx } = apply;
  const plans = await findPlanNames(ctx.db, channel);
  await atObject(apply, at, `plan "${channel}/${p.name}"`, async () => {
    const fields = { channel, name: p.name, priority: orDefault(p, 'SchedulePlan', 'priority') };
    if (!plans.has(p.name)) return void (await addSchedulePlan(ctx, { ...fields, days: p.days, startDate: p['start-date'], endDate: p['end-date'] }));
    await updateSchedulePlan(ctx, { ...fields, rename: undefined, days: p.days ?? 'all', startDate: p['start-date'] ?? 'none', endDate: p['end-date'] ?? 'none' });
  });
  await applyZones(apply, channel, p, at, plans.get(p.name) ?? new Set<string>());
}

export async function applyChannels(apply: ApplyContext, channels: readonly NetworkChannel[]): Promise<void> {
  for (const [i, c] of channels.entries()) {
    await atObject(apply, ['channels', i], `channel "${c.id}"`, () => applyChannelRow(apply, c));
    for (const [j, p] of (c.plans ?? []).entries()) await applyPlan(apply, c.id, p, ['channels', i, 'plans', j]);
    for (const [j, s] of (c.interstitials ?? []).entries()) {
      await atObject(apply, ['channels', i, 'interstitials', j], `interstitial ${s.role} "${s.collection}" of channel "${c.id}"`, () =>
        addInterstitial(apply.ctx, { channel: c.id, collection: s.collection, role: s.role }),
      );
    }
  }
}
