// How one asset's file is treated when it airs on a channel: which of its audio tracks, which subtitles
// burned in, the gain that brings its loudness to the channel's target, and whether HDR is tone-mapped.
// Decided once, when the plan is built (src/media/stream-choice.ts); AIR and renditions only apply it.
import type { SubtitleFormat } from './media-types.js';

export type SubtitleBurn =
  | { readonly kind: 'embedded'; readonly index: number; readonly format: SubtitleFormat }
  | { readonly kind: 'external'; readonly path: string };

export type ToneMap = 'pq' | 'hlg';

export interface LoudnessGain {
  /** dB added to the track (negative turns it down). */
  readonly gainDb: number;
  /** The true-peak ceiling a limiter holds the gained track under, in dBTP. */
  readonly ceilingDbtp: number;
  /** Set when the gained true peak would pass the ceiling: only then does a limiter run (src/media/loudness-gain.ts). */
  readonly limit?: true;
}

export interface SourceTreatment {
  /** Index among the file's audio streams (ffmpeg `0:a:N`); absent: the file has no audio (silence airs). */
  readonly audioStream?: number;
  readonly subtitles?: SubtitleBurn;
  /** Absent when the track's loudness was never measured: it airs as it is. */
  readonly loudness?: LoudnessGain;
  readonly toneMap?: ToneMap;
}

/** The treatment of a file nothing is known about: its first audio track, as it is. */
export const plainTreatment: SourceTreatment = { audioStream: 0 };

/**
 * A stable key of a treatment: a rendition is copied into a segment only when it was made with the
 * segment's treatment (gains compared to 0.1 dB, finer than anyone hears).
 */
export function treatmentKey(t: SourceTreatment): string {
  // No audio stream airs silence, as track 0 of a file that has none does: one key.
  const parts = [`a${t.audioStream ?? 0}`];
  if (t.subtitles !== undefined) {
    parts.push(t.subtitles.kind === 'embedded' ? `s${t.subtitles.index}` : `x${t.subtitles.path}`);
  }
  if (t.loudness !== undefined) parts.push(`g${t.loudness.gainDb.toFixed(1)}c${t.loudness.ceilingDbtp.toFixed(1)}`);
  if (t.toneMap !== undefined) parts.push(`t${t.toneMap}`);
  return parts.join('|');
}
