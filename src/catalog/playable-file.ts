// Which file of a segment plays, or why none can: the one rule the runtime (a tune-in), `channel plan` and
// AIR all apply. A rendition is a cache: it plays only while it is made for the plan's profile and its
// source file is still the one it was made from; losing it costs a transcode, never the segment.
import { closeSync, openSync, statSync } from 'node:fs';
import type { SegmentSource } from '../plugins/playout-plan.js';
import { plainTreatment, treatmentKey } from '../media/source-treatment.js';

/** What the file system says of a regular, readable file (mtime truncated to ms, as ingest records it). */
export interface FileFacts {
  readonly sizeBytes: number;
  readonly mtimeMs: number;
}

/** The facts of a file, or why it cannot be read. Injected so AIR's piece planning stays pure. */
export type FileStat = (path: string) => FileFacts | { readonly problem: string };

/** A segment source that names an asset (playable or not). */
export type AssetSegmentSource = Exclude<SegmentSource, { readonly kind: 'synthetic' }>;

export type PlayableFile =
  /** `sourcePath`: the source file, which stands in should the rendition fail to decode. */
  | { readonly kind: 'rendition'; readonly path: string; readonly sourcePath: string }
  /** `renditionSkipped` says why a rendition the plan names is not used (null: it names none). */
  | { readonly kind: 'source'; readonly path: string; readonly renditionSkipped: string | null }
  | { readonly kind: 'unplayable'; readonly reason: string };

/** The real file system. */
export const statFile: FileStat = (path) => {
  try {
    const info = statSync(path);
    // Checked before opening: opening a FIFO would block.
    if (!info.isFile()) return { problem: `${path} is not a regular file` };
    // Opened, not access()ed: access() asks for the real user, ffmpeg reads as the effective one.
    closeSync(openSync(path, 'r'));
    return { sizeBytes: info.size, mtimeMs: Math.trunc(info.mtimeMs) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { problem: `file not found: ${path}` };
    return { problem: code === 'EACCES' ? `file not readable (permission denied): ${path}` : `file cannot be read (${code ?? 'error'}): ${path}` };
  }
};

/** Why `path` cannot be played (missing, not a regular file, unreadable or empty), or null when it can. */
export function fileProblem(path: string, stat: FileStat = statFile): string | null {
  const facts = stat(path);
  if ('problem' in facts) return facts.problem;
  return facts.sizeBytes === 0 ? `file is empty: ${path}` : null;
}

/** Whether a rendition recorded as made from `recorded` was made from the source file `source` is now. */
export function renditionMatchesSource(recorded: { readonly sourceSizeBytes: number; readonly sourceMtimeMs: number }, source: FileFacts): boolean {
  return recorded.sourceSizeBytes === source.sizeBytes && recorded.sourceMtimeMs === source.mtimeMs;
}

/**
 * The file a segment plays in a plan of profile `profile`: its rendition when that is made for the profile,
 * from the source file as it is now, and itself a readable non-empty file; else the source file when that
 * is one; else nothing (an asset the catalog no longer has plays nothing either).
 * @example
 * const file = playableFile(segment.source, plan.profile.name);
 * if (file.kind === 'unplayable') throw new Error(file.reason);
 */
export function playableFile(source: AssetSegmentSource, profile: string, stat: FileStat = statFile): PlayableFile {
  if (source.kind === 'unavailable') return { kind: 'unplayable', reason: source.reason };
  const facts = stat(source.path);
  if ('problem' in facts) return { kind: 'unplayable', reason: facts.problem };
  if (facts.sizeBytes === 0) return { kind: 'unplayable', reason: `file is empty: ${source.path}` };
  const rendition = source.rendition;
  if (rendition === undefined) return { kind: 'source', path: source.path, renditionSkipped: null };
  const skipped = renditionProblem(rendition, profile, treatmentKey(source.treatment ?? plainTreatment), facts, stat);
  return skipped === null ? { kind: 'rendition', path: rendition.path, sourcePath: source.path } : { kind: 'source', path: source.path, renditionSkipped: skipped };
}

type Rendition = NonNullable<Extract<SegmentSource, { readonly kind: 'asset' }>['rendition']>;

/** Why a rendition cannot stand in for a source file with `facts`, or null when it can. */
function renditionProblem(rendition: Rendition, profile: string, treatment: string, facts: FileFacts, stat: FileStat): string | null {
  if (rendition.profile !== profile) return `rendition ${rendition.path} is made for profile ${rendition.profile}, not ${profile}`;
  const made = rendition.treatmentKey ?? treatmentKey(plainTreatment);
  if (made !== treatment) return `rendition ${rendition.path} is made with treatment ${made}, the channel airs it with ${treatment}`;
  if (!renditionMatchesSource(rendition, facts)) return `rendition ${rendition.path} was made from an earlier version of its source file`;
  const problem = fileProblem(rendition.path, stat);
  return problem === null ? null : `rendition unusable: ${problem}`;
}
