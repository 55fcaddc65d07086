// The one decision of how much a track is turned up or down to reach a channel's loudness target, and
// whether a limiter must then hold its true peak under the ceiling. Pure.
import type { Loudness } from './media-types.js';
import type { LoudnessGain } from './source-treatment.js';

/**
 * The most a track is turned up: a near-silent track (room tone, a quiet intro measured alone) stays
 * quieter than the target rather than having its noise floor raised by 40 dB.
 */
export const MAX_BOOST_DB = 20;

/**
 * Headroom kept under the ceiling: the limiter holds sample peaks, and resampling and the AAC encoder
 * after it add inter-sample overshoot (measured up to ~1 dB on impulses).
 */
export const LIMITER_MARGIN_DB = 1;

/**
 * @example
 * loudnessGain({ integratedLufs: -10.3, truePeakDbtp: -7.5 }, -24, -2) // { gainDb: -13.7, ceilingDbtp: -2 }
 * loudnessGain({ integratedLufs: -33.2, truePeakDbtp: -0.8 }, -24, -2) // { gainDb: 9.2, ceilingDbtp: -2, limit: true }
 * loudnessGain(undefined, -24, -2) // undefined: never measured (or silent), airs as it is
 */
export function loudnessGain(loudness: Loudness | undefined, targetLufs: number, ceilingDbtp: number): LoudnessGain | undefined {
  if (loudness === undefined || !Number.isFinite(loudness.integratedLufs) || !Number.isFinite(loudness.truePeakDbtp)) return undefined;
  const gainDb = Math.round(Math.min(MAX_BOOST_DB, targetLufs - loudness.integratedLufs) * 10) / 10;
  const gainedPeak = loudness.truePeakDbtp + gainDb;
  return gainedPeak > ceilingDbtp - LIMITER_MARGIN_DB ? { gainDb, ceilingDbtp, limit: true } : { gainDb, ceilingDbtp };
}
