// The Producer plugin contract: builds the base PlayoutPlan for "now" from the channel's PlaylogEvents.
// Pure: Core loads the events and resolves every asset's file (and rendition) beforehand; a producer
// returns a plan and never starts a process.
import type { PlaylogEvent } from './playlog-event.js';
import type { OutputProfile, PlayoutPlan, Rendition } from './playout-plan.js';
import type { SourceTreatment } from '../media/source-treatment.js';
import type { PluginDescriptor } from './plugin.js';

/** Where an asset's media is now, as the catalog knows it, or why the catalog has none. */
export type ResolvedMedia =
  | {
      readonly kind: 'file';
      readonly path: string;
      /** Its rendition for the input's profile, if one was made (whether it still plays is AIR's to check). */
      readonly rendition?: Rendition;
      /** How it airs on the channel (decided by Core from the channel's preferences and the asset's streams). */
      readonly treatment?: SourceTreatment;
    }
  | { readonly kind: 'vanished'; readonly reason: string };

export interface ProducerInput {
  readonly channelId: string;
  /** The instant the plan starts at (epoch ms): a mid-show join starts this far into the event on air. */
  readonly atMs: number;
  /** The plan covers events that start before this instant (epoch ms). */
  readonly untilMs: number;
  readonly profile: OutputProfile;
  /** The channel's events on air at some moment of [atMs, untilMs), in order and contiguous. */
  readonly events: readonly PlaylogEvent[];
  /** Current media of every asset the events name, by asset id (the playlog keeps no file path). */
  readonly media: ReadonlyMap<string, ResolvedMedia>;
}

export interface Producer<Config = Record<string, unknown>> extends PluginDescriptor {
  /**
   * The profile a plan of this config is made in: the one choice of a channel's profile. Core resolves
   * renditions of it and hands it to `produce` as `input.profile`; a plan in another profile is refused.
   */
  profileOf(config: Config): OutputProfile;
  produce(input: ProducerInput, config: Config): PlayoutPlan;
}
