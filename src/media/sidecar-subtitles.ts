// Subtitle files beside a media file (sidecars): which files are sidecars, which media file each belongs to,
// and what its name says. `Movie.mkv` owns `Movie.srt`, `Movie.en.srt`, `Movie.eng.forced.srt`, `Movie.fr.ass`.
// Pure: the filesystem importer lists the files, ingest turns them into the asset's external subtitle tracks.
import { basename, extname } from 'node:path';
import { isKnownLanguage, normaliseLanguage } from './iso639.js';
import type { SubtitleTrack } from './media-types.js';

/** A sidecar as found beside its media file: a changed size or mtime (or an added or removed one) re-enriches the asset. */
export interface SidecarFile {
  /** Absolute path. */
  readonly path: string;
  readonly sizeBytes: number;
  readonly mtimeMs: number;
}

/** Sidecar extensions, with the codec ffprobe names for them; all read by ffmpeg's `subtitles` filter (libass). */
const sidecarCodecs: Readonly<Record<string, string>> = { srt: 'subrip', ass: 'ass', ssa: 'ass', vtt: 'webvtt' };

const extensionOf = (name: string) => extname(name).slice(1).toLowerCase();

/** Whether a file name has a sidecar subtitle extension (case-insensitive: `Movie.EN.SRT` is one). */
export function isSidecarName(name: string): boolean {
  return Object.hasOwn(sidecarCodecs, extensionOf(name));
}

/** A media file's base name: its name without the extension. */
export const mediaBaseName = (mediaPath: string) => basename(mediaPath, extname(mediaPath));

/**
 * The base name, among those of the media files in the sidecar's folder, that owns it: the longest base the
 * sidecar's name (without extension) equals or starts with followed by a dot, so `Movie.en.srt` goes to
 * `Movie.en.mkv` when both `Movie.mkv` and `Movie.en.mkv` exist. Undefined: an orphan, which no asset owns.
 */
export function sidecarOwner(sidecarName: string, mediaBases: { has(base: string): boolean }): string | undefined {
  const stem = mediaBaseName(sidecarName);
  for (let dot = stem.length; dot > 0; dot = stem.lastIndexOf('.', dot - 1)) {
    if (mediaBases.has(stem.slice(0, dot))) return stem.slice(0, dot);
  }
  return undefined;
}

/**
 * The external subtitle track a sidecar of `mediaPath` is: its codec from the extension, and from the words
 * between the media's base name and the extension a language (ISO 639-1 or -2 code or English name, stored
 * as ISO 639-2/B), `forced` and `default`; other words (sdh, cc, a title) are ignored.
 * @example sidecarTrack('/m/Movie.mkv', '/m/Movie.en.forced.srt') // { codec: 'subrip', language: 'eng', forced: true, … }
 */
export function sidecarTrack(mediaPath: string, sidecarPath: string): SubtitleTrack {
  const base = mediaBaseName(mediaPath);
  const stem = mediaBaseName(sidecarPath);
  const words = (stem.startsWith(`${base}.`) ? stem.slice(base.length + 1) : '').split('.').filter(Boolean);
  const lower = words.map((w) => w.toLowerCase());
  const track: SubtitleTrack = {
    source: { kind: 'external', path: sidecarPath },
    codec: sidecarCodecs[extensionOf(sidecarPath)] ?? 'subrip',
    format: 'text',
    forced: lower.includes('forced'),
    isDefault: lower.includes('default'),
  };
  const language = normaliseLanguage(words.find((w) => isKnownLanguage(w)));
  if (language !== undefined) track.language = language;
  return track;
}
