// Issue 9 item 4: the engine honours every FilterDirective kind inside its wall-clock window, on every
// segment the window overlaps: the bug's pixels (in its corner, at its opacity), the lower third, the crawl
// and the VHS look each change the picture against the same plan aired undecorated, and only while on.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { airMedia, type AirMedia } from '../support/air-media.js';
import { eventsOf, planOf, runAir, scratchDir, type AirRun } from '../support/air-engine.js';
import { decodeWarnings, lumaFrames, meanDifference, meanLuma } from '../support/ts-analysis.js';
import type { FilterDirective } from '../../src/plugins/playout-plan.js';

const W = 640;
const H = 480;
const FPS = 30000 / 1001;
const bars = { kind: 'synthetic', synthetic: 'color-bars' } as const;
// Static bars, two segments, so the crawl's window crosses a cut; the second fades in from black.
const specs = [{ source: bars, durationMs: 2000 }, { source: bars, durationMs: 2000, transitionIn: { kind: 'fade', durationMs: 500 } as const }];

let media: AirMedia;
let plain: Buffer[];
let decorated: Buffer[];
let decoratedRun: AirRun;
const scratch = scratchDir();

const region = {
  bug: { x: W - 16 - 96, y: 16, w: 96, h: 48 },
  oppositeCorner: { x: 16, y: H - 16 - 48, w: 96, h: 48 },
  top: { x: 0, y: 0, w: W, h: 120 },
  lowerThird: { x: 0, y: 360, w: W, h: 50 },
  crawlBand: { x: 0, y: 440, w: W, h: 40 },
  middle: { x: 0, y: 120, w: W, h: 200 },
};

before(async () => {
  media = await airMedia();
  const plainRun = await runAir((now) => planOf(now, specs), { dir: scratch.dir });
  decoratedRun = await runAir((now) => {
    const directives: FilterDirective[] = [
      { kind: 'image-overlay', imagePath: media.logo, corner: 'top-right', opacity: 0.6, marginPx: 16, fromMs: now, toMs: now + 1000 },
      { kind: 'lower-third', text: "Up next: O'Brien's 100% [live], a,b;c", fromMs: now + 800, toMs: now + 1600 },
      { kind: 'crawl', text: 'SEVERE WEATHER WARNING for the county until 9 PM', speedPxPerSecond: 200, fromMs: now + 1500, toMs: now + 3000 },
      { kind: 'vhs', noise: 30, chromaShiftPx: 4, blur: 1.5, scanlines: true, fromMs: now + 3000 },
    ];
    return planOf(now, specs, { directives });
  }, { dir: scratch.dir });
  assert.equal(plainRun.code, 0, plainRun.stderr);
  assert.equal(decoratedRun.code, 0, decoratedRun.stderr);
  plain = await lumaFrames(plainRun.file, { width: W, height: H });
  decorated = await lumaFrames(decoratedRun.file, { width: W, height: H });
});

after(() => scratch.cleanup());

/** The decorated and the plain frame airing `seconds` into the stream. */
function at(seconds: number): [Buffer, Buffer] {
  const i = Math.round(seconds * FPS);
  const [d, p] = [decorated[i], plain[i]];
  assert.ok(d && p, `no frame at ${seconds} s`);
  return [d, p];
}

const differs = (seconds: number, box: typeof region.top): number => {
  const [d, p] = at(seconds);
  return meanDifference(d, p, W, box);
};

describe('AIR: filter directives change the picture inside their windows', () => {
  it('airs the decorated plan cleanly, transcoding every segment', async () => {
    assert.equal(await decodeWarnings(decoratedRun.file), '');
    assert.equal(eventsOf(decoratedRun.events, 'segment-substituted').length, 0);
  });

  it('a fade transition brings the next segment in from black', () => {
    const [, cut] = at(2.0);
    const [, settled] = at(2.7);
    assert.ok(meanLuma(cut, W, region.middle) < 30, `the first frame after the cut has luma ${meanLuma(cut, W, region.middle).toFixed(0)}`);
    assert.ok(meanLuma(settled, W, region.middle) > 100);
  });

  it('image-overlay: the bug shows in its corner at its opacity, nowhere else, and goes when its window closes', () => {
    assert.ok(differs(0.4, region.bug) > 20, `bug region differs by ${differs(0.4, region.bug)}`);
    assert.ok(differs(0.4, region.oppositeCorner) < 1, 'the opposite corner changed');
    const [d, p] = at(0.4);
    const under = meanLuma(p, W, region.bug);
    const shown = meanLuma(d, W, region.bug);
    // 60% white over the bars: brighter than the bars, darker than white.
    assert.ok(shown > under + 20 && shown < 225, `bug luma ${shown.toFixed(0)} over ${under.toFixed(0)}`);
    assert.ok(differs(1.3, region.bug) < 1, 'the bug outlived its window');
  });

  it('lower-third: a caption band in the lower part of the picture, only while on', () => {
    assert.ok(differs(1.2, region.lowerThird) > 10, `lower third differs by ${differs(1.2, region.lowerThird)}`);
    assert.ok(differs(1.2, region.top) < 1, 'the top of the picture changed');
    assert.ok(differs(0.4, region.lowerThird) < 1, 'the lower third showed before its window');
    assert.ok(differs(1.8, region.lowerThird) < 1, 'the lower third outlived its window');
  });

  it('crawl: a ticker band at the bottom, on both sides of the cut its window spans', () => {
    assert.ok(differs(1.7, region.crawlBand) > 10, 'no crawl before the cut');
    assert.ok(differs(2.5, region.crawlBand) > 10, 'no crawl after the cut');
    assert.ok(differs(2.5, region.middle) < 1, 'the crawl touched the middle of the picture');
    assert.ok(differs(1.2, region.crawlBand) < 1, 'the crawl showed before its window');
  });

  it('vhs: the whole picture is worn (noise, chroma shift, blur, scanlines) from its start to the end', () => {
    assert.ok(differs(3.5, region.middle) > 3, `vhs changes the middle by ${differs(3.5, region.middle)}`);
    assert.ok(differs(3.5, region.top) > 3);
    assert.ok(differs(2.5, region.top) < 1, 'the vhs look started early');
  });
});
