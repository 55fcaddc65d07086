// Checks that the files a plan names can be played: the segment on air at the plan's start must be (a
// viewer tuning in to a missing file gets an error, and no playout starts); a later segment with a missing
// file is a warning (AIR puts slate in its place for exactly its duration). Reads the file system only.
import { accessSync, constants, statSync } from 'node:fs';
import type { PlayoutPlan } from '../plugins/playout-plan.js';

export interface AssetProblem {
  readonly segmentIndex: number;
  readonly assetId: string;
  readonly path: string;
  readonly reason: string;
  /** True for the segment airing at the plan's start: the plan cannot start. */
  readonly onAir: boolean;
}

export type FileCheck = (path: string) => string | undefined;

/** Why a file cannot be read, or undefined when it can. */
export const checkFile: FileCheck = (path) => {
  try {
    if (!statSync(path).isFile()) return 'is not a regular file';
    accessSync(path, constants.R_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'file not readable (permission denied)' : `file cannot be read (${code ?? 'error'})`;
  }
};

/**
 * Problems of the plan's asset files, in segment order (each path checked once). A rendition that has gone
 * missing is no problem: AIR transcodes the source instead.
 * @example
 * const blocking = checkPlanAssets(plan).filter((p) => p.onAir); // non-empty: answer 500
 */
export function checkPlanAssets(plan: PlayoutPlan, check: FileCheck = checkFile): AssetProblem[] {
  const seen = new Map<string, string | undefined>();
  const problems: AssetProblem[] = [];
  plan.segments.forEach((segment, segmentIndex) => {
    const source = segment.source;
    if (source.kind !== 'asset') return;
    if (!seen.has(source.path)) seen.set(source.path, check(source.path));
    const reason = seen.get(source.path);
    if (reason !== undefined) problems.push({ segmentIndex, assetId: source.assetId, path: source.path, reason, onAir: segmentIndex === 0 });
  });
  return problems;
}
