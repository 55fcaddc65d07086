// Which of a plan's segments cannot play, by the one rule AIR applies too (src/catalog/playable-file.ts):
// the segment on air at the plan's start must play (a viewer tuning in to it gets an error, and no playout
// starts); a later one that cannot is a warning (AIR puts slate in its place for exactly its duration).
import { type FileStat, playableFile, statFile } from '../catalog/playable-file.js';
import type { PlayoutPlan } from '../plugins/playout-plan.js';

export interface AssetProblem {
  readonly segmentIndex: number;
  readonly assetId: string;
  readonly title: string;
  readonly reason: string;
  /** True for the segment airing at the plan's start: the plan cannot start. */
  readonly onAir: boolean;
}

/**
 * Problems of the plan's asset segments, in segment order (each source checked once).
 * @example
 * const blocking = checkPlanAssets(plan).filter((p) => p.onAir); // non-empty: answer 500
 */
export function checkPlanAssets(plan: PlayoutPlan, stat: FileStat = statFile): AssetProblem[] {
  const seen = new Map<string, string | null>();
  const problems: AssetProblem[] = [];
  plan.segments.forEach((segment, segmentIndex) => {
    const source = segment.source;
    if (source.kind === 'synthetic') return;
    const key = JSON.stringify(source);
    if (!seen.has(key)) {
      const file = playableFile(source, plan.profile.name, stat);
      seen.set(key, file.kind === 'unplayable' ? file.reason : null);
    }
    const reason = seen.get(key);
    if (reason !== null && reason !== undefined) {
      problems.push({ segmentIndex, assetId: source.assetId, title: segment.title, reason, onAir: segmentIndex === 0 });
    }
  });
  return problems;
}

/** Why the segment on air at the plan's start cannot play, or undefined when it can (or is synthetic). */
export function onAirProblem(plan: PlayoutPlan, stat: FileStat = statFile): AssetProblem | undefined {
  return checkPlanAssets({ ...plan, segments: plan.segments.slice(0, 1) }, stat)[0];
}
