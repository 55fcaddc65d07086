// Splits what the walk found into media files and the subtitle sidecars each of them owns (same folder, same
// base name: src/media/sidecar-subtitles.ts decides). A sidecar is never an item of its own; one no media
// file owns is left out, as any other file the importer does not ingest.
import { basename, dirname } from 'node:path';
import { mediaBaseName, type SidecarFile, sidecarOwner } from '../../media/sidecar-subtitles.js';
import type { WalkedFile } from './directory-walk.js';

export interface MediaWithSidecars {
  readonly media: WalkedFile[];
  /** The sidecars of one of `media`, sorted by path (empty when it has none). */
  readonly sidecarsOf: (file: WalkedFile) => SidecarFile[];
}

/**
 * @example
 * const { media, sidecarsOf } = withSidecars(walked.files, isMediaFile);
 * media.map((file) => ({ path: file.path, sidecars: sidecarsOf(file) }));
 */
export function withSidecars(files: readonly WalkedFile[], isMedia: (name: string) => boolean): MediaWithSidecars {
  const media = files.filter((f) => isMedia(basename(f.path)));
  // Folder → media base name → the media files of that name (Movie.mkv and Movie.mp4 share Movie.srt).
  const folders = new Map<string, Map<string, string[]>>();
  for (const file of media) {
    const bases = folders.get(dirname(file.path)) ?? new Map<string, string[]>();
    bases.set(mediaBaseName(file.path), [...(bases.get(mediaBaseName(file.path)) ?? []), file.path]);
    folders.set(dirname(file.path), bases);
  }
  const owned = new Map<string, SidecarFile[]>();
  for (const file of files) {
    // A sidecar whose name is not UTF-8 cannot be named to ffmpeg: it is no track.
    if (isMedia(basename(file.path)) || file.problem !== undefined) continue;
    const bases = folders.get(dirname(file.path)) ?? new Map<string, string[]>();
    const owners = bases.get(sidecarOwner(basename(file.path), bases) ?? '') ?? [];
    for (const owner of owners) {
      const list = owned.get(owner) ?? [];
      list.push({ path: file.path, sizeBytes: file.info.size, mtimeMs: Math.trunc(file.info.mtimeMs) });
      owned.set(owner, list);
    }
  }
  for (const list of owned.values()) list.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { media, sidecarsOf: (file) => owned.get(file.path) ?? [] };
}
