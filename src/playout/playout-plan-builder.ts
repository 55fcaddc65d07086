// The plan that airs on a channel from an instant on: the channel's producer turns its PlaylogEvents into a
// base PlayoutPlan (a mid-show join starts exactly where "now" falls in the event on air), with every
// asset's current file and rendition resolved from the catalog, then the channel's playout enrichers
// decorate it. Its answer (a plan, an unknown or disabled channel, a gap) is the only truth a tune-in and
// `channel plan` go by. Reads the database; starts nothing.
import { isDeepStrictEqual } from 'node:util';
import type { Kysely } from 'kysely';
import { findProducer } from '../catalog/producer-repository.js';
import { presentationOf } from '../catalog/presentation-options.js';
import { currentMedia } from '../catalog/rendition-repository.js';
import { RetroVueError } from '../core/errors.js';
import type { ChannelRow, Schema } from '../db/schema.js';
import type { OutputProfile, PlayoutPlan } from '../plugins/playout-plan.js';
import type { Producer } from '../plugins/producer.js';
import type { PluginRegistries } from '../plugins/plugin-registries.js';
import { runPlugin } from '../plugins/run-plugin.js';
import { findChannel } from '../scheduling/channel/channel-repository.js';
import { loadPlaylog } from '../scheduling/playlog/playlog-repository.js';
import { channelEnrichers } from '../catalog/channel-enricher-repository.js';
import { decoratePlan } from './decorate-plan.js';

/** How far a plan reaches by default: the runtime extends it (a rebuilt plan sent as an extension) before then. */
export const DEFAULT_PLAN_SPAN_MS = 2 * 60 * 60 * 1000;
/** Enrichers see this much of the playlog past the plan's end (an "Up next" at the plan's edge). */
const LOOKAHEAD_MS = 6 * 60 * 60 * 1000;
/** The producer a channel without one uses. */
export const DEFAULT_PRODUCER_TYPE = 'schedule';

export interface PlanOptions {
  /** How far past `atMs` the plan reaches (default two hours); the segment airing then is included whole. */
  readonly spanMs?: number;
}

export type PlanAt =
  | {
      readonly kind: 'plan';
      readonly plan: PlayoutPlan;
      /** The producer instance that built it (null: the built-in default) and its type. */
      readonly producer: { readonly id: string | null; readonly type: string };
      /** Ids of the playout enrichers that decorated it, in order. */
      readonly enrichers: readonly string[];
    }
  | PlanRefusal;

/** Why there is no plan: an unknown channel, a disabled one (off air), or nothing airing at the instant. */
export type PlanRefusal =
  | { readonly kind: 'unknown-channel'; readonly message: string }
  | { readonly kind: 'off-air'; readonly message: string }
  /**
   * Nothing airs at the instant: no segment starts at or before it. Strictly, without slack: the playlog is
   * contiguous, so a gap is only ever before its start or past its horizon, and a viewer let in a moment
   * early would only wait on slate the engine was never asked for.
   */
  | { readonly kind: 'gap'; readonly message: string; readonly nextStartMs: number | null };

/**
 * The decorated plan for `channelId` from `atMs` on.
 * Throws RetroVueError for a broken producer or enricher (`plugin_failed`), or an unknown producer type.
 * @example
 * const result = await buildPlayoutPlanAt(db, plugins, 'retro1', clock.now());
 * if (result.kind === 'plan') air.stdin.write(`${JSON.stringify(result.plan)}\n`);
 */
export async function buildPlayoutPlanAt(
  db: Kysely<Schema>, plugins: PluginRegistries, channelId: string, atMs: number, options: PlanOptions = {},
): Promise<PlanAt> {
  if (!Number.isSafeInteger(atMs)) throw new RetroVueError('invalid_input', `plan instant must be integer epoch milliseconds; got ${atMs}`);
  const spanMs = options.spanMs ?? DEFAULT_PLAN_SPAN_MS;
  const channel = await findChannel(db, channelId);
  if (!channel) return { kind: 'unknown-channel', message: `channel "${channelId}" does not exist; see retrovue channel list` };
  if (!channel.enabled) return { kind: 'off-air', message: `channel "${channelId}" is disabled (off air); retrovue channel update ${channelId} --enabled puts it on air` };
  const { producer, profile, config, ref } = await channelProducer(db, plugins, channel);
  const untilMs = atMs + spanMs;
  const playlog = await loadPlaylog(db, channelId, atMs, untilMs + LOOKAHEAD_MS);
  const events = playlog.filter((e) => e.startMs < untilMs);
  const media = await currentMedia(db, events.flatMap((e) => (e.source.kind === 'asset' ? [e.source.assetId] : [])), profile.name, presentationOf(channel));
  const producerName = ref.id ?? ref.type;
  const base = await runPlugin('producer', producerName, `channel ${channelId} at ${new Date(atMs).toISOString()}`,
    () => producer.produce({ channelId, atMs, untilMs, profile, events, media }, config));
  if (base.channelId !== channelId || !isDeepStrictEqual(base.profile, profile)) {
    throw new RetroVueError('plugin_failed', `producer ${producerName} (${ref.type}) returned a plan for channel ${base.channelId} in profile ${base.profile.name}; it declares ${profile.name} for channel ${channelId}, and renditions are chosen for that`);
  }
  const first = base.segments[0];
  if (first === undefined || first.startsAtMs > atMs) {
    const nextStartMs = first?.startsAtMs ?? playlog[0]?.startMs ?? null;
    const next = nextStartMs === null ? 'its playlog does not reach that far (see retrovue horizon)' : `the next event starts ${new Date(nextStartMs).toISOString()}`;
    return { kind: 'gap', message: `channel "${channelId}" has nothing on air at ${new Date(atMs).toISOString()}: ${next}`, nextStartMs };
  }
  const chain = await channelEnrichers(db, channelId);
  const plan = await decoratePlan(base, chain, plugins, { nowMs: atMs, playlog });
  return { kind: 'plan', plan, producer: ref, enrichers: chain.map((e) => e.id) };
}

interface ChannelProducer {
  readonly producer: Producer;
  readonly config: Record<string, unknown>;
  readonly ref: { readonly id: string | null; readonly type: string };
  /** The channel's output profile: its producer's `profileOf`, the one place it is chosen. */
  readonly profile: OutputProfile;
}

async function channelProducer(db: Kysely<Schema>, plugins: PluginRegistries, channel: ChannelRow): Promise<ChannelProducer> {
  const row = channel.producer_id === null ? undefined : await findProducer(db, channel.producer_id);
  const type = row?.type ?? DEFAULT_PRODUCER_TYPE;
  const config = row?.config ?? {};
  const producer = plugins.producers.get(type);
  return { producer, config, ref: { id: row?.id ?? null, type }, profile: producer.profileOf(config) };
}
