// Loudness: the static gain that brings a track to the channel's target, under a true-peak ceiling. Pure.
import type { Filter } from './ffmpeg-filtergraph.js';
import type { LoudnessGain } from './source-treatment.js';

/** Filters placed first on the source's audio; none when the track's loudness is unknown. */
export function loudnessFilters(loudness: LoudnessGain | undefined): Filter[] {
  if (loudness === undefined) return [];
  return []; // TODO(issue 17): volume + true-peak limiter
}
