// A channel's presentation (audio languages, subtitles, loudness target) as operators give it on the command
// line (`channel add|update`, `asset normalize`) and as the channel row stores it: one parser, one reading.
import { RetroVueError } from '../core/errors.js';
import type { ChannelRow } from '../db/schema.js';
import { normaliseLanguage } from '../media/iso639.js';
import { defaultPresentation, type Presentation, type SubtitleMode } from '../media/stream-choice.js';

export interface PresentationOptions {
  readonly audioLanguages?: readonly string[] | undefined;
  readonly subtitles?: string | undefined;
  readonly subtitleLanguages?: readonly string[] | undefined;
  readonly loudnessTarget?: string | undefined;
}

const SUBTITLE_MODES: readonly SubtitleMode[] = ['off', 'forced', 'always', 'when-audio-differs'];
/** Loudness targets operators use lie here: −40 is near-inaudible TV, −10 louder than any broadcast rule. */
const LOUDNESS_RANGE = { min: -40, max: -10 } as const;

/** `base` with the options given applied (each checked, languages in ISO 639-2/B). */
export function presentationFrom(options: PresentationOptions, base: Presentation = defaultPresentation): Presentation {
  return {
    audioLanguages: options.audioLanguages === undefined ? base.audioLanguages : languageList('audio-languages', options.audioLanguages),
    subtitleMode: options.subtitles === undefined ? base.subtitleMode : subtitleMode(options.subtitles),
    subtitleLanguages: options.subtitleLanguages === undefined ? base.subtitleLanguages : languageList('subtitle-languages', options.subtitleLanguages),
    loudnessTargetLufs: options.loudnessTarget === undefined ? base.loudnessTargetLufs : loudnessTarget(options.loudnessTarget),
  };
}

/** What a channel row says. */
export function presentationOf(channel: Pick<ChannelRow, 'audio_languages' | 'subtitle_mode' | 'subtitle_languages' | 'loudness_target_lufs'>): Presentation {
  return {
    audioLanguages: [...channel.audio_languages],
    subtitleMode: channel.subtitle_mode,
    subtitleLanguages: [...channel.subtitle_languages],
    loudnessTargetLufs: channel.loudness_target_lufs === null ? null : Number(channel.loudness_target_lufs),
  };
}

function languageList(option: string, codes: readonly string[]): string[] {
  const given = codes.map((c) => c.trim()).filter((c) => c !== '');
  const canonical = given.map((code) => {
    const language = normaliseLanguage(code);
    if (language === undefined || !/^[a-z]{2,3}$/i.test(code)) {
      throw new RetroVueError('invalid_input', `--${option} takes ISO 639 language codes such as eng,jpn or en,ja; got "${code}"`);
    }
    return language;
  });
  if (new Set(canonical).size !== canonical.length) {
    throw new RetroVueError('invalid_input', `--${option} names a language twice (${given.join(',')}); list each once, in order of preference`);
  }
  return canonical;
}

function subtitleMode(value: string): SubtitleMode {
  const mode = SUBTITLE_MODES.find((m) => m === value);
  if (mode === undefined) throw new RetroVueError('invalid_input', `--subtitles must be one of ${SUBTITLE_MODES.join(', ')}; got "${value}"`);
  return mode;
}

function loudnessTarget(value: string): number | null {
  if (value === 'off') return null;
  const lufs = /^-\d{1,2}(\.\d)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(lufs >= LOUDNESS_RANGE.min && lufs <= LOUDNESS_RANGE.max)) {
    throw new RetroVueError('invalid_input', `--loudness-target must be off or LUFS from ${LOUDNESS_RANGE.min} to ${LOUDNESS_RANGE.max} such as -24 (ATSC A/85) or -23 (EBU R 128); got "${value}"`);
  }
  return lufs;
}
