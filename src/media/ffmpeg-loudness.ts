// Loudness: the static gain that brings a track to the channel's target, under a true-peak ceiling. Pure.
import { filter, type Filter } from './ffmpeg-filtergraph.js';
import { LIMITER_MARGIN_DB } from './loudness-gain.js';
import type { LoudnessGain } from './source-treatment.js';

/** alimiter's lowest limit (−24 dBFS): a ceiling under it is held there. */
const ALIMITER_MIN_LIMIT = 0.0625;

/**
 * Filters placed first on the source's audio; none when the track's loudness is unknown.
 * `volume` applies the static gain; `alimiter` (only when the gained peak would pass the ceiling) holds
 * peaks under it without auto-levelling (`level=0`) and with its lookahead delay compensated (`latency=1`),
 * so the audio keeps its length and stays in sync with the picture.
 * @example loudnessFilters({ gainDb: 9.2, ceilingDbtp: -2, limit: true }) // volume=9.2dB, alimiter=limit=0.707946:…
 */
export function loudnessFilters(loudness: LoudnessGain | undefined): Filter[] {
  if (loudness === undefined) return [];
  const gain = filter('volume', { volume: `${loudness.gainDb.toFixed(1)}dB` });
  if (loudness.limit !== true) return [gain];
  const limit = Math.max(ALIMITER_MIN_LIMIT, 10 ** ((loudness.ceilingDbtp - LIMITER_MARGIN_DB) / 20));
  return [gain, filter('alimiter', { limit: Number(limit.toFixed(6)), level: 0, latency: 1 })];
}
