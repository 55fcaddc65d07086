// The one decision of how an asset airs on a channel (its SourceTreatment): which audio track, which
// subtitles, what loudness gain, whether HDR is tone-mapped. Made once, when the plan is built. Pure.
import { normaliseLanguage } from './iso639.js';
import { loudnessGain } from './loudness-gain.js';
import type { AudioStream, SubtitleTrack, VideoStream } from './media-types.js';
import type { SourceTreatment, SubtitleBurn, ToneMap } from './source-treatment.js';

export type SubtitleMode = 'off' | 'forced' | 'always' | 'when-audio-differs';

/** A channel's presentation preferences (languages in ISO 639-2/B, in order of preference). */
export interface Presentation {
  readonly audioLanguages: readonly string[];
  readonly subtitleMode: SubtitleMode;
  /** Empty: the audio preference. */
  readonly subtitleLanguages: readonly string[];
  /** Null: each source airs at its own loudness. */
  readonly loudnessTargetLufs: number | null;
}

/** ATSC A/85's ceiling: no true peak above −2 dBTP after the gain. */
export const TRUE_PEAK_CEILING_DBTP = -2;

export const defaultPresentation: Presentation = { audioLanguages: [], subtitleMode: 'off', subtitleLanguages: [], loudnessTargetLufs: -24 };

/** What the catalog knows of an asset's streams (as ingest recorded them). */
export interface AssetStreams {
  readonly video?: VideoStream | null;
  readonly audio: readonly AudioStream[];
  readonly subtitles: readonly SubtitleTrack[];
}

export function chooseTreatment(asset: AssetStreams, presentation: Presentation): SourceTreatment {
  const audioStream = chooseAudio(asset.audio, presentation.audioLanguages);
  const aired = audioStream === undefined ? undefined : asset.audio[audioStream];
  const subtitles = chooseSubtitles(asset.subtitles, presentation, normaliseLanguage(aired?.language));
  const loudness = presentation.loudnessTargetLufs === null ? undefined : loudnessGain(aired?.loudness, presentation.loudnessTargetLufs, TRUE_PEAK_CEILING_DBTP);
  const toneMap = toneMapOf(asset.video ?? undefined);
  return {
    ...(audioStream === undefined ? {} : { audioStream }),
    ...(subtitles === undefined ? {} : { subtitles }),
    ...(loudness === undefined ? {} : { loudness }),
    ...(toneMap === undefined ? {} : { toneMap }),
  };
}

/** The first track in a preferred language (the file's default among several), else the default track, else the first. */
export function chooseAudio(tracks: readonly AudioStream[], languages: readonly string[]): number | undefined {
  if (tracks.length === 0) return undefined;
  const indexed = tracks.map((track, index) => ({ track, index, language: normaliseLanguage(track.language) }));
  for (const wanted of languages.map((l) => normaliseLanguage(l))) {
    const matching = indexed.filter((t) => wanted !== undefined && t.language === wanted);
    const pick = matching.find((t) => t.track.isDefault === true) ?? matching[0];
    if (pick !== undefined) return pick.index;
  }
  return indexed.find((t) => t.track.isDefault === true)?.index ?? 0;
}

/**
 * `forced`: forced subtitles in the aired audio's language (they translate only what that audio does not).
 * `always`: full subtitles in a preferred language. `when-audio-differs`: full subtitles in a preferred
 * language when the aired audio is in none of them (else the forced ones, as `forced`).
 */
export function chooseSubtitles(tracks: readonly SubtitleTrack[], p: Presentation, audioLanguage: string | undefined): SubtitleBurn | undefined {
  const wanted = (p.subtitleLanguages.length > 0 ? p.subtitleLanguages : p.audioLanguages).map((l) => normaliseLanguage(l));
  const forcedInAudio = () => tracks.find((t) => t.forced && (audioLanguage === undefined || normaliseLanguage(t.language) === audioLanguage));
  const full = () => {
    for (const language of wanted) {
      const inLanguage = tracks.filter((t) => language !== undefined && normaliseLanguage(t.language) === language);
      const pick = inLanguage.find((t) => !t.forced) ?? inLanguage[0];
      if (pick !== undefined) return pick;
    }
    return undefined;
  };
  let track: SubtitleTrack | undefined;
  switch (p.subtitleMode) {
    case 'off':
      return undefined;
    case 'forced':
      track = forcedInAudio();
      break;
    case 'always':
      track = full();
      break;
    case 'when-audio-differs':
      track = audioLanguage !== undefined && !wanted.includes(audioLanguage) ? full() ?? forcedInAudio() : forcedInAudio();
      break;
  }
  if (track === undefined) return undefined;
  return track.source.kind === 'embedded'
    ? { kind: 'embedded', index: track.source.index, format: track.format }
    : { kind: 'external', path: track.source.path };
}

/** PQ (SMPTE ST 2084) and HLG (ARIB STD-B67) sources are tone-mapped; everything else is SDR already. */
export function toneMapOf(video: VideoStream | undefined): ToneMap | undefined {
  switch (video?.transfer) {
    case 'smpte2084':
      return 'pq';
    case 'arib-std-b67':
      return 'hlg';
    default:
      return undefined;
  }
}
