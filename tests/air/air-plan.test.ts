// The engine's pure planning: the queue of items from segments (skip, trim, gap), the timeline's frame
// grid (no drift over days), how each item is made (copy, transcode, hybrid join, slate), directive windows
// seen from inside a piece, and the checks on what arrives on stdin.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appendSegments, MIN_GAP_MS } from '../../src/air/air-schedule.js';
import { decorationsFor } from '../../src/air/item-decorations.js';
import { planItem, type PiecePlanContext } from '../../src/air/piece-plan.js';
import type { FileStat } from '../../src/catalog/playable-file.js';
import { checkPlan, PlanError } from '../../src/air/plan-check.js';
import { parseMessage } from '../../src/air/protocol.js';
import { createTimeline, streamMsAt, ticksAt, wallAt } from '../../src/air/timeline.js';
import { parseFrameRate } from '../../src/media/ffmpeg-format.js';
import { defaultOutputProfile, type PlayoutPlan, type PlayoutSegment } from '../../src/plugins/playout-plan.js';

const T0 = 1_800_000_000_000;

function segment(startsAtMs: number, durationMs: number, extra: Partial<PlayoutSegment> = {}): PlayoutSegment {
  return {
    source: { kind: 'asset', assetId: 'a', path: '/media/a.mp4' }, inPointMs: 0, durationMs, startsAtMs,
    playlogEventId: 'e', title: 't', transitionIn: { kind: 'cut' }, ...extra,
  };
}

describe('appendSegments', () => {
  it('keeps a fresh plan’s first in-point even when the engine is late, and ends every item on schedule', () => {
    const { items, skipped, cursorMs } = appendSegments([segment(T0, 10_000, { inPointMs: 60_000 }), segment(T0 + 10_000, 5000)], 0, T0 + 150, { keepFirstInPoint: true });
    assert.deepEqual(items.map((i) => [i.startMs - T0, i.endMs - T0, i.inPointMs]), [[150, 10_000, 60_000], [10_000, 15_000, 0]]);
    assert.deepEqual(skipped, []);
    assert.equal(cursorMs, T0 + 15_000);
  });

  it('skips what is over, trims an overlap by moving the in-point, fills a hole with slate, closes a tiny one', () => {
    const segments = [segment(T0 - 5000, 4000), segment(T0 - 1000, 3000, { inPointMs: 100 }), segment(T0 + 3000, 1000), segment(T0 + 4000 + MIN_GAP_MS - 1, 1000)];
    const { items, skipped } = appendSegments(segments, 7, T0, { keepFirstInPoint: false });
    assert.deepEqual(skipped.map((s) => [s.segmentIndex, s.reason]), [[7, 'over before it could air']]);
    assert.deepEqual(items.map((i) => [i.role, i.segmentIndex, i.startMs - T0, i.endMs - T0, i.inPointMs]), [
      ['segment', 8, 0, 2000, 1100],
      ['gap', null, 2000, 3000, 0],
      ['segment', 9, 3000, 4000, 0],
      ['segment', 10, 4000, 5000 + MIN_GAP_MS - 1, 0],
    ]);
  });
});

describe('timeline', () => {
  it('puts contiguous items on the frame grid end to end, with no drift after a week of odd durations', () => {
    const timeline = createTimeline(T0, parseFrameRate('30000/1001'));
    let at = T0;
    let previousEnd = ticksAt(timeline, at);
    let seed = 7;
    while (at < T0 + 7 * 86_400_000) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      at += 1 + (seed % 3_600_000);
      const tick = ticksAt(timeline, at);
      assert.ok(tick >= previousEnd);
      previousEnd = tick;
      // Where it lands is within half a frame of the wall clock, however far from the anchor.
      assert.ok(Math.abs(streamMsAt(timeline, tick) - (at - T0)) <= 17, `${at - T0} ms lands at ${streamMsAt(timeline, tick)}`);
      assert.ok(Math.abs(wallAt(timeline, tick) - at) <= 17);
    }
  });
});

describe('decorationsFor', () => {
  it('turns wall-clock windows into seconds from a piece’s start, drops what does not overlap, keeps a crawl’s phase', () => {
    const decorations = decorationsFor([
      { kind: 'lower-third', text: 'x', fromMs: T0 + 2000, toMs: T0 + 2500 },
      { kind: 'lower-third', text: 'gone', toMs: T0 },
      { kind: 'crawl', text: 'c', speedPxPerSecond: 100, fromMs: T0 - 4000 },
      { kind: 'vhs', noise: 1, chromaShiftPx: 1, blur: 0, scanlines: false },
    ], { startMs: T0, endMs: T0 + 10_000, anchorMs: T0 - 60_000 });
    assert.deepEqual(decorations, [
      { kind: 'lower-third', text: 'x', fromSeconds: 2, toSeconds: 2.5 },
      { kind: 'crawl', text: 'c', speedPxPerSecond: 100, elapsedSeconds: 4 },
      { kind: 'vhs', noise: 1, chromaShiftPx: 1, blur: 0, scanlines: false },
    ]);
  });
});

describe('planItem', () => {
  const timeline = createTimeline(T0, parseFrameRate('30000/1001'));
  // Every file is there (1000 bytes, mtime 1) except those `missing` names.
  const files = (missing: (path: string) => boolean = () => false, facts = { sizeBytes: 1000, mtimeMs: 1 }): FileStat =>
    (path) => (missing(path) ? { problem: `file not found: ${path}` } : facts);
  const ctx = (extra: Partial<PiecePlanContext> = {}): PiecePlanContext => ({
    profile: defaultOutputProfile, timeline, directives: [], streamStarted: true, stat: files(), ...extra,
  });
  const rendition = { path: '/renditions/a.mp4', profile: defaultOutputProfile.name, sourceSizeBytes: 1000, sourceMtimeMs: 1 };
  const item = (inPointMs: number, extra: Partial<PlayoutSegment> = {}) => {
    const s = segment(T0, 10_000, { inPointMs, source: { kind: 'asset', assetId: 'a', path: '/media/a.mp4', rendition }, ...extra });
    return { role: 'segment' as const, segmentIndex: 0, segment: s, startMs: T0, endMs: T0 + 10_000, inPointMs };
  };
  const modes = (plan: ReturnType<typeof planItem>) => (plan.kind === 'pieces' ? plan.pieces.map((p) => p.mode) : plan.reason);

  it('copies a rendition from a key frame, with `-c copy` and a seek half a frame past the key frame', () => {
    const plan = planItem(item(2002), ctx());
    assert.deepEqual(modes(plan), ['copy']);
    assert.ok(plan.kind === 'pieces');
    const args = plan.pieces[0]?.args ?? [];
    assert.equal(args[args.indexOf('-c') + 1], 'copy');
    assert.equal(args[args.indexOf('-ss') + 1], '2.018');
    // Should the rendition not play, the source is transcoded from the same point, then tried without audio.
    const fallback = plan.pieces[0]?.fallback;
    assert.equal(fallback?.mode, 'transcode');
    assert.ok(fallback?.args.includes('file:/media/a.mp4') && fallback.fallback?.args.join(' ').includes('anullsrc'));
  });

  it('joins between key frames: transcodes up to the next one and copies the rest; the stream’s first piece starts on it', () => {
    const later = planItem(item(1500), ctx());
    assert.deepEqual(modes(later), ['transcode', 'copy']);
    assert.ok(later.kind === 'pieces');
    assert.equal(later.pieces[0]?.end, later.pieces[1]?.start);
    assert.equal((later.pieces[1]?.start ?? 0) - (later.pieces[0]?.start ?? 0), 15 * 3003, 'frames 45–59 transcoded');
    const first = planItem(item(1500), ctx({ streamStarted: false }));
    assert.deepEqual(modes(first), ['copy']);
    assert.ok(first.kind === 'pieces' && first.pieces[0]?.start === ticksAt(timeline, T0) + 15 * 3003);
  });

  it('transcodes when something is drawn, a fade is asked for, or the rendition is for another profile, unreadable or older than its source', () => {
    assert.deepEqual(modes(planItem(item(0), ctx({ directives: [{ kind: 'vhs', noise: 1, chromaShiftPx: 0, blur: 0, scanlines: false }] }))), ['transcode']);
    assert.deepEqual(modes(planItem(item(0, { transitionIn: { kind: 'fade', durationMs: 500 } }), ctx())), ['transcode']);
    assert.deepEqual(modes(planItem(item(0), ctx({ profile: { ...defaultOutputProfile, name: 'hd' } }))), ['transcode']);
    const unreadable = planItem(item(0), ctx({ stat: files((p) => p === rendition.path) }));
    assert.deepEqual(modes(unreadable), ['transcode']);
    assert.ok(unreadable.kind === 'pieces' && unreadable.warnings.length === 1);
    const changed = planItem(item(0), ctx({ stat: files(() => false, { sizeBytes: 1000, mtimeMs: 2 }) }));
    assert.deepEqual(modes(changed), ['transcode']);
    assert.ok(changed.kind === 'pieces' && /earlier version of its source/.test(changed.warnings[0] ?? ''));
  });

  it('substitutes slate outright for a file that is not there, and leaves out an overlay whose image is missing', () => {
    const missing = planItem(item(0), ctx({ stat: files(() => true) }));
    assert.equal(missing.kind, 'substitute');
    // A rendition plays only while its source is the file it was made from: a deleted source plays nothing.
    assert.deepEqual(modes(planItem(item(0), ctx({ stat: files((p) => p === '/media/a.mp4') }))), 'file not found: /media/a.mp4');
    const gone = planItem(item(0, { source: { kind: 'unavailable', assetId: 'a', reason: 'asset a is no longer in the catalog' } }), ctx());
    assert.deepEqual(modes(gone), 'asset a is no longer in the catalog');
    const noLogo = planItem(item(0), ctx({
      stat: files((p) => p === '/logo.png'),
      directives: [{ kind: 'image-overlay', imagePath: '/logo.png', corner: 'top-left', opacity: 1, marginPx: 0 }],
    }));
    assert.deepEqual(modes(noLogo), ['copy']);
    assert.ok(noLogo.kind === 'pieces' && /logo\.png/.test(noLogo.warnings[0] ?? ''));
  });

  it('gives a source without a rendition a silent fallback, in case it has no audio stream', () => {
    const s = segment(T0, 5000);
    const plan = planItem({ role: 'segment', segmentIndex: 0, segment: s, startMs: T0, endMs: T0 + 5000, inPointMs: 0 }, ctx());
    assert.ok(plan.kind === 'pieces');
    assert.ok(plan.pieces[0]?.fallback?.args.join(' ').includes('anullsrc'));
    assert.ok(!plan.pieces[0]?.args.join(' ').includes('anullsrc'));
  });
});

describe('checks on stdin', () => {
  const plan: PlayoutPlan = { channelId: 'c', profile: defaultOutputProfile, segments: [segment(T0, 1000)], directives: [], builtAtMs: T0 };

  it('accepts a plan and names the first bad field of a broken one', () => {
    assert.equal(checkPlan(plan), plan);
    const unavailable = { ...plan, segments: [{ ...segment(T0, 10), source: { kind: 'unavailable' as const, assetId: 'a', reason: 'gone' } }] };
    assert.equal(checkPlan(unavailable), unavailable);
    const broken: Array<[unknown, RegExp]> = [
      [null, /plan must be an object/],
      [{ ...plan, profile: { ...defaultOutputProfile, width: 641 } }, /even/],
      [{ ...plan, profile: { ...defaultOutputProfile, frameRate: '0' } }, /profile\.frameRate/],
      [{ ...plan, profile: { ...defaultOutputProfile, audioChannels: 3 } }, /audioChannels/],
      [{ ...plan, segments: [segment(T0, 0)] }, /segments\[0\]\.durationMs/],
      [{ ...plan, segments: [{ ...segment(T0, 10), source: { kind: 'synthetic', synthetic: 'cartoons' } }] }, /synthetic must be one of/],
      [{ ...plan, segments: [{ ...segment(T0, 10), source: { kind: 'asset', assetId: 'a', path: 'x\u0000y' } }] }, /NUL/],
      [{ ...plan, segments: [{ ...segment(T0, 10), source: { kind: 'asset', assetId: 'a', path: '/a', rendition: { path: '/r', profile: 'p' } } }] }, /rendition\.sourceSizeBytes/],
      [{ ...plan, segments: [{ ...segment(T0, 10), source: { kind: 'unavailable', assetId: 'a' } }] }, /source\.reason must be a string/],
      [{ ...plan, directives: [{ kind: 'image-overlay', imagePath: '/l.png', corner: 'middle', opacity: 1, marginPx: 0 }] }, /corner/],
      [{ ...plan, directives: [{ kind: 'vhs', noise: 500, chromaShiftPx: 0, blur: 0, scanlines: false }] }, /noise/],
      [{ ...plan, directives: [{ kind: 'sparkles' }] }, /kind must be/],
    ];
    for (const [value, message] of broken) assert.throws(() => checkPlan(value), (e: unknown) => e instanceof PlanError && message.test(e.message));
  });

  it('parses later lines: extend, end, and a clear message for anything else', () => {
    assert.deepEqual(parseMessage('{"type":"end"}'), { type: 'end' });
    assert.equal(parseMessage('{"type":"extend","segments":[]}').type, 'extend');
    assert.match(JSON.stringify(parseMessage('not json')), /not JSON/);
    assert.match(JSON.stringify(parseMessage('[1]')), /unknown message type/);
    assert.match(JSON.stringify(parseMessage('{"type":"extend","segments":[],"directives":5}')), /directives must be an array/);
  });
});
