// The PlaylogEvent as plugins see it: exactly what airs on a channel from one instant to the next.
// Scheduling builds and persists them; producers read them. A plain value, so producers never import
// the scheduling layer. Instants are epoch milliseconds (UTC), durations milliseconds.

/** Media generated at playout instead of read from a file. */
export type SyntheticKind = 'slate' | 'color-bars' | 'test-card' | 'station-id';

export const syntheticKinds: readonly SyntheticKind[] = ['slate', 'color-bars', 'test-card', 'station-id'];

/** What fills an event: a span of an Asset's file, or synthetic media. */
export type PlaylogSource =
  | {
      readonly kind: 'asset';
      /** The file is the catalog's to say at playout time: the playlog keeps no copy of its path. */
      readonly assetId: string;
      /** Where in the file the event starts (a chapter split starts past 0). */
      readonly inPointMs: number;
    }
  | { readonly kind: 'synthetic'; readonly synthetic: SyntheticKind; readonly text?: string };

/**
 * - `program`: scheduled content (an episode, a movie, a part of one between chapter breaks);
 * - `interstitial`: bumpers, commercials, station IDs placed in avails;
 * - `filler`: synthetic padding that makes an avail exact.
 */
export type PlaylogRole = 'program' | 'interstitial' | 'filler';

export interface PlaylogEvent {
  readonly id: string;
  readonly channelId: string;
  readonly startMs: number;
  /** Exclusive: the next event starts here. A channel's events are contiguous. */
  readonly endMs: number;
  readonly role: PlaylogRole;
  readonly source: PlaylogSource;
  /** Guide title of the program this event belongs to (a bumper carries the title of what it sits in). */
  readonly title: string;
  readonly episodeTitle?: string;
  /** Stable id of the scheduled programme (one per ScheduleDay slot) that this event is part of. */
  readonly slotId?: string;
}
