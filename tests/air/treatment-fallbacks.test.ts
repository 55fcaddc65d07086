// A subtitle or audio problem costs what it breaks, never the programme: AIR tries the planned treatment,
// then without subtitles, then the first audio track, then silence (src/air/treatment-fallbacks.ts).
import assert from 'node:assert/strict';
import { mkfifoSync } from './fifo.js';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { statFile } from '../../src/catalog/playable-file.js';
import { treatmentAttempts } from '../../src/air/treatment-fallbacks.js';
import type { SegmentSource } from '../../src/plugins/playout-plan.js';
import type { SourceTreatment } from '../../src/media/source-treatment.js';
import { toneHz } from '../support/audio-analysis.js';
import { eventsOf, planOf, runAir, scratchDir, type AirRun } from '../support/air-engine.js';
import { decodeWarnings } from '../support/ts-analysis.js';
import { twoLanguageMkv } from '../support/tagged-media.js';

const scratch = scratchDir();
const film = join(scratch.dir, 'Two Languages.mkv');
const gone = join(scratch.dir, 'Two Languages.en.srt');
const fifo = join(scratch.dir, 'Two Languages.fifo.srt');
const treated = (treatment: SourceTreatment): SegmentSource => ({ kind: 'asset', assetId: 'film', path: film, treatment });
let run: AirRun;

before(async () => {
  await twoLanguageMkv(film);
  mkfifoSync(fifo);
  run = await runAir((now) => planOf(now, [
    { source: treated({ audioStream: 1, subtitles: { kind: 'external', path: gone } }), durationMs: 2500, title: 'sidecar deleted' },
    { source: treated({ audioStream: 1, subtitles: { kind: 'external', path: fifo } }), durationMs: 2500, title: 'sidecar a FIFO' },
    { source: treated({ audioStream: 1, subtitles: { kind: 'embedded', index: 7, format: 'text' } }), durationMs: 2500, title: 'no such subtitle stream' },
    { source: treated({ audioStream: 9 }), durationMs: 2500, title: 'no such audio track' },
  ]), { dir: scratch.dir });
});
after(() => scratch.cleanup());

describe('AIR: treatment fallbacks', () => {
  it('airs every segment (none substituted by slate), with no decode warning', async () => {
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(eventsOf(run.events, 'segment-substituted'), []);
    assert.deepEqual(eventsOf(run.events, 'segment-ended').map((e) => e.outcome), ['complete', 'complete', 'complete', 'complete']);
    assert.equal(await decodeWarnings(run.file), '');
  });

  it('keeps the planned audio track when only the subtitles fail, and the first track when the planned one is not there', async () => {
    const hz = await Promise.all([0.5, 3, 5.5, 8].map((startS) => toneHz(run.file, { startS, durationS: 1.5 })));
    assert.deepEqual(hz.map((f) => (Math.abs(f - 1000) < 40 ? 'english' : Math.abs(f - 440) < 40 ? 'spanish' : f)), ['english', 'english', 'english', 'spanish']);
  });

  it('checks a sidecar before trying it: a FIFO (or a hung mount) would block ffmpeg before its first packet', () => {
    const warnings: string[] = [];
    const attempts = treatmentAttempts({ audioStream: 1, subtitles: { kind: 'external', path: fifo }, toneMap: 'pq' }, statFile, warnings);
    assert.deepEqual(attempts, [
      { treatment: { audioStream: 1, toneMap: 'pq' }, audio: 'source' },
      { treatment: { toneMap: 'pq', audioStream: 0 }, audio: 'source' },
      { treatment: { toneMap: 'pq' }, audio: 'silence' },
    ]);
    assert.match(warnings[0] ?? '', /subtitles unusable \(.*not a regular file\); airing without them/);
  });
});
