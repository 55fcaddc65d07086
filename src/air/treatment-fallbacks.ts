// The treatments a source file is tried with, best first, so a subtitle or audio problem costs what it
// breaks, never the programme: as planned; without its subtitles (a sidecar gone, unreadable or not text
// ffmpeg can read, a subtitle stream no longer in the file); its first audio track as it is (a track no
// longer there); and, last, the picture alone over silence (a file without audio). Pure (stat injected).
import { fileProblem, type FileStat } from '../catalog/playable-file.js';
import type { SourceTreatment } from '../media/source-treatment.js';

/** An attempt: the treatment, and whether the source's audio is used (false: silence). */
export interface TreatmentAttempt {
  readonly treatment: SourceTreatment | undefined;
  readonly audio: 'source' | 'silence';
}

/**
 * @param warnings receives why a planned treatment is left out before any attempt (a sidecar that cannot be read:
 *   a FIFO or a hung mount would block ffmpeg before its first packet, so it is checked, not tried).
 */
export function treatmentAttempts(planned: SourceTreatment | undefined, stat: FileStat, warnings: string[]): TreatmentAttempt[] {
  if (planned === undefined) return [{ treatment: undefined, audio: 'source' }, { treatment: undefined, audio: 'silence' }];
  const { subtitles, ...withoutSubtitles } = planned;
  let first: SourceTreatment = planned;
  if (subtitles?.kind === 'external') {
    const problem = fileProblem(subtitles.path, stat);
    if (problem !== null) {
      warnings.push(`subtitles unusable (${problem}); airing without them`);
      first = withoutSubtitles;
    }
  }
  const picture: SourceTreatment = planned.toneMap === undefined ? {} : { toneMap: planned.toneMap };
  const candidates: TreatmentAttempt[] = [
    { treatment: first, audio: 'source' },
    { treatment: withoutSubtitles, audio: 'source' },
    { treatment: { ...picture, audioStream: 0 }, audio: 'source' },
    { treatment: picture, audio: 'silence' },
  ];
  const seen = new Set<string>();
  return candidates.filter((c) => {
    const key = `${c.audio}|${JSON.stringify(c.treatment)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
