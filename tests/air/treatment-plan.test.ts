// A segment's SourceTreatment on its way through AIR: the stdin check lets every real treatment through and
// stops any field ffmpeg would misread; the pieces planned for the segment apply it to the source file (and
// its fallbacks), never twice to a rendition that was made with it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkPlan, PlanError } from '../../src/air/plan-check.js';
import { planItem, type PieceSpec, type PiecePlanContext } from '../../src/air/piece-plan.js';
import { createTimeline } from '../../src/air/timeline.js';
import { parseFrameRate } from '../../src/media/ffmpeg-format.js';
import { type SourceTreatment, treatmentKey } from '../../src/media/source-treatment.js';
import { defaultOutputProfile, type PlayoutPlan, type PlayoutSegment, type SegmentSource } from '../../src/plugins/playout-plan.js';

const T0 = 1_800_000_000_000;

function segment(source: SegmentSource): PlayoutSegment {
  return { source, inPointMs: 0, durationMs: 10_000, startsAtMs: T0, playlogEventId: 'e', title: 't', transitionIn: { kind: 'cut' } };
}
const asset = (treatment: unknown, extra: object = {}) => ({ kind: 'asset', assetId: 'a', path: '/media/a.mkv', treatment, ...extra }) as SegmentSource;

describe('checkPlan on treatments', () => {
  const planWith = (treatment: unknown): PlayoutPlan => ({
    channelId: 'c', profile: defaultOutputProfile, segments: [segment(asset(treatment))], directives: [], builtAtMs: T0,
  });
  const gain = { gainDb: 9.2, ceilingDbtp: -2 };

  it('accepts every treatment stream choice makes: tone maps, audio tracks, embedded and sidecar subtitles, a limited gain', () => {
    const good: unknown[] = [
      {}, { toneMap: 'hlg' }, { toneMap: 'pq' }, { audioStream: 0 }, { audioStream: 255 },
      { subtitles: { kind: 'embedded', index: 2, format: 'image' } }, { subtitles: { kind: 'external', path: '/m/a.en.srt' } },
      { loudness: gain }, { loudness: { ...gain, limit: true } }, { loudness: { gainDb: -60, ceilingDbtp: 0 } },
      { audioStream: 1, subtitles: { kind: 'embedded', index: 0, format: 'text' }, loudness: { ...gain, limit: true }, toneMap: 'pq' },
    ];
    for (const treatment of good) assert.doesNotThrow(() => checkPlan(planWith(treatment)), JSON.stringify(treatment));
  });

  it('names the bad field of a treatment ffmpeg would misread', () => {
    const bad: Array<[unknown, RegExp]> = [
      [{ toneMap: 'sdr' }, /treatment\.toneMap/],
      [{ audioStream: -1 }, /treatment\.audioStream/],
      [{ audioStream: 256 }, /treatment\.audioStream/],
      [{ audioStream: 1.5 }, /treatment\.audioStream/],
      [{ subtitles: { kind: 'other', path: '/m/a.srt' } }, /treatment\.subtitles\.kind/],
      [{ subtitles: { kind: 'external', path: '' } }, /treatment\.subtitles\.path/],
      [{ subtitles: { kind: 'embedded', index: 0, format: 'vector' } }, /treatment\.subtitles\.format/],
      [{ loudness: { ...gain, limit: false } }, /treatment\.loudness\.limit/],
      [{ loudness: { ...gain, gainDb: 1e9 } }, /treatment\.loudness\.gainDb/],
      [{ loudness: { ...gain, ceilingDbtp: 3 } }, /treatment\.loudness\.ceilingDbtp/],
      ['pq', /treatment must be an object/],
    ];
    for (const [treatment, message] of bad) {
      assert.throws(() => checkPlan(planWith(treatment)), (e: unknown) => e instanceof PlanError && message.test(e.message), JSON.stringify(treatment));
    }
  });
});

describe('planItem applies the treatment', () => {
  const treatment: SourceTreatment = { audioStream: 1, loudness: { gainDb: 6, ceilingDbtp: -2 }, toneMap: 'pq' };
  const ctx = (extra: Partial<PiecePlanContext> = {}): PiecePlanContext => ({
    profile: defaultOutputProfile, timeline: createTimeline(T0, parseFrameRate('30000/1001')), directives: [], streamStarted: true,
    stat: () => ({ sizeBytes: 1000, mtimeMs: 1 }), ...extra,
  });
  const firstPiece = (source: SegmentSource, c: PiecePlanContext): PieceSpec => {
    const plan = planItem({ role: 'segment', segmentIndex: 0, segment: segment(source), startMs: T0, endMs: T0 + 10_000, inPointMs: 0 }, c);
    assert.ok(plan.kind === 'pieces' && plan.pieces[0] !== undefined, JSON.stringify(plan));
    return plan.pieces[0];
  };
  /** The fallbacks tried, in order, after `piece` yields nothing. */
  const fallbacks = (piece: PieceSpec): PieceSpec[] => (piece.fallback === undefined ? [] : [piece.fallback, ...fallbacks(piece.fallback)]);
  const text = (piece: PieceSpec) => piece.args.join(' ');
  const treated = (piece: PieceSpec) => /\b0:a:1\b/.test(text(piece)) && text(piece).includes('volume=6.0dB');

  it('airs the source with the chosen track and gain; its silent fallback keeps the tone map', () => {
    const piece = firstPiece(asset(treatment), ctx());
    assert.ok(treated(piece) && text(piece).includes('tonemap'), text(piece));
    const chain = fallbacks(piece);
    const silent = chain.find((p) => text(p).includes('anullsrc'));
    assert.ok(silent !== undefined, 'a fallback airs silence, in case the file has no audio');
    assert.ok(!/\b0:a:/.test(text(silent)), 'the silent fallback maps no audio track');
    assert.ok(text(silent).includes('tonemap'), 'the silent fallback still tone-maps the picture');
    assert.ok(chain.every((p) => text(p).includes('file:/media/a.mkv')), 'every fallback is the same source');
  });

  it('copies or transcodes a rendition made with the treatment as it is; the source standing in for it gets the treatment', () => {
    const rendition = { path: '/renditions/a.mp4', profile: defaultOutputProfile.name, sourceSizeBytes: 1000, sourceMtimeMs: 1, treatmentKey: treatmentKey(treatment) };
    const decorated = ctx({ directives: [{ kind: 'lower-third', text: 'Up next' }] });
    const piece = firstPiece(asset(treatment, { rendition }), decorated);
    assert.equal(piece.mode, 'transcode');
    assert.ok(text(piece).includes('file:/renditions/a.mp4'), text(piece));
    assert.ok(/\b0:a:0\b/.test(text(piece)) && !text(piece).includes('volume=') && !text(piece).includes('tonemap'), `already treated: ${text(piece)}`);
    const fromSource = fallbacks(piece).filter((p) => text(p).includes('file:/media/a.mkv'));
    assert.ok(fromSource.some(treated), 'a fallback from the source carries the chosen track and gain');
    const silent = fromSource.find((p) => text(p).includes('anullsrc'));
    assert.ok(silent !== undefined && text(silent).includes('tonemap'), 'its silent fallback still tone-maps the picture');
  });
});
