// Issue 15: time-windowed decorations survive the runtime's plan extensions. A channel of synthetic bars
// decorated by the real lower-third ("Up next") and crawl enrichers airs through the real ChannelManager
// and engine across an extension (a short `extendAheadMs`); the picture the viewer gets shows each
// lower third and the crawl exactly inside their windows, before and after the extension.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '../support/air-engine.js';
import { airFromSource, alwaysPlans, fixedDirectory, startDirector, testProfile, tuneIn, until } from '../support/runtime.js';
import { lumaFrames, meanDifference } from '../support/ts-analysis.js';
import { systemClock } from '../../src/core/clock.js';
import { createLogger } from '../../src/core/logger.js';
import { crawlEnricher } from '../../src/plugins/enrichers/crawl-enricher.js';
import { lowerThirdEnricher } from '../../src/plugins/enrichers/lower-third-enricher.js';
import type { PlaylogEvent } from '../../src/plugins/playlog-event.js';
import type { PlayoutPlan, PlayoutSegment } from '../../src/plugins/playout-plan.js';
import { AsRunLog } from '../../src/runtime/asrun-log.js';
import type { PlanSource } from '../../src/runtime/plan-source.js';

const scratch = scratchDir();
after(() => scratch.cleanup());

/** Programme ends, in ms from the channel's anchor: the first one is on air at tune-in. */
const PROGRAM_ENDS = [8000, 13_000, 18_000, 23_000, 28_000];
/** Like the playout builder's two-hour span, scaled down: the plan reaches this far past its instant. */
const PLAN_SPAN_MS = 9000;
const LOOKAHEAD_MS = 10_000;
const LOWER_THIRD = { before_end_ms: 1500, duration_ms: 1000, template: 'Up next: {title}' };
/** The crawl expires this long after the anchor: after the first extension, before the plan's end. */
const CRAWL_UNTIL_MS = 11_000;

function playlogOf(channelId: string, anchorMs: number): PlaylogEvent[] {
  return PROGRAM_ENDS.map((end, i) => ({
    id: `${channelId}-${i}`, channelId, startMs: anchorMs + (PROGRAM_ENDS[i - 1] ?? 0), endMs: anchorMs + end, role: 'program',
    source: { kind: 'synthetic', synthetic: 'color-bars' }, title: `Programme ${i}`, slotId: `slot-${i}`,
  }));
}

/** What buildPlayoutPlanAt does, on a fixed playlog: segments from `at` over the span, then the enrichers at `at`. */
function decoratedPlans(channelId: string, anchorMs: number): PlanSource {
  const playlog = playlogOf(channelId, anchorMs);
  return alwaysPlans(async (id, at) => {
    assert.equal(id, channelId);
    const segments: PlayoutSegment[] = playlog.filter((e) => e.endMs > at && e.startMs < at + PLAN_SPAN_MS).map((e) => {
      const from = Math.max(e.startMs, at);
      return {
        source: { kind: 'synthetic', synthetic: 'color-bars' }, inPointMs: from - e.startMs, durationMs: e.endMs - from, startsAtMs: from,
        playlogEventId: e.id, title: e.title, transitionIn: { kind: 'cut' },
      };
    });
    const context = { nowMs: at, playlog: playlog.filter((e) => e.endMs > at && e.startMs < at + PLAN_SPAN_MS + LOOKAHEAD_MS) };
    const base: PlayoutPlan = { channelId, profile: testProfile, segments, directives: [], builtAtMs: at };
    const withLowerThirds = await lowerThirdEnricher.decorate(base, LOWER_THIRD, context);
    return crawlEnricher.decorate(withLowerThirds, { text: 'SEVERE WEATHER WARNING', until: new Date(anchorMs + CRAWL_UNTIL_MS).toISOString(), speed_px_per_second: 120 }, context);
  });
}

const W = testProfile.width;
const H = testProfile.height;
const FPS = 30000 / 1001;
// Inside the bands src/media/ffmpeg-decorations.ts draws (lower third 74–86 % of the height, crawl the bottom 9 %).
const lowerThirdBand = { x: 0, y: Math.round(H * 0.75), w: W, h: Math.round(H * 0.1) };
const crawlBand = { x: 0, y: H - Math.round(H * 0.08), w: W, h: Math.round(H * 0.07) };

describe('runtime: decorations across a plan extension', () => {
  let frames: Buffer[] = [];
  let firstFrameAtMs = 0;
  let anchorMs = 0;

  before(async () => {
    anchorMs = systemClock.now();
    const asRunDir = join(scratch.dir, 'asrun');
    const asRun = new AsRunLog({ dir: asRunDir, db: null, log: createLogger({ level: 'silent' }) });
    const d = await startDirector({
      directory: fixedDirectory(['deco']), planSource: decoratedPlans('deco', anchorMs), asRun,
      // Extended once less than 5 s is queued: the first plan (two programmes) is extended 8 s in, the
      // second programme's lower third (11.5–12.5 s) and the crawl (until 11 s) still to come.
      extendAheadMs: 5000, extendCheckMs: 200,
      air: { ...airFromSource, args: [...airFromSource.args, '--lead-ms', '300', '--start-burst-ms', '0'] },
    });
    try {
      const viewer = await tuneIn(`${d.url}/channel/deco.ts`);
      await until(() => systemClock.now() > anchorMs + 17_800, 'the stream has aired the third programme\'s lower third', 40_000);
      viewer.close();
      await until(() => d.director.status().channels.find((c) => c.id === 'deco')?.state === 'idle', 'playout stopped');
      const file = join(scratch.dir, 'deco.ts');
      writeFileSync(file, viewer.bytes());
      frames = await lumaFrames(file, { width: W, height: H });
    } finally {
      await d.close();
    }
    const day = new Date(anchorMs).toISOString().slice(0, 10);
    const first = JSON.parse(readFileSync(join(asRunDir, 'deco', `${day}.jsonl`), 'utf8').split('\n')[0] ?? '{}') as { actual_start_ms: number };
    firstFrameAtMs = first.actual_start_ms;
  });

  /** The decoded frames airing from `fromMs` to `toMs` (after the anchor), every 100 ms. */
  function framesBetween(fromMs: number, toMs: number): Array<{ atMs: number; frame: Buffer }> {
    const out: Array<{ atMs: number; frame: Buffer }> = [];
    for (let t = fromMs; t <= toMs; t += 100) {
      const frame = frames[Math.round(((anchorMs + t - firstFrameAtMs) * FPS) / 1000)];
      assert.ok(frame, `no frame airing ${t} ms after the anchor (the stream began ${firstFrameAtMs - anchorMs} ms after it, ${frames.length} frames)`);
      out.push({ atMs: t, frame });
    }
    return out;
  }

  /** Plain bars in a band: a frame at 15 s, where neither decoration is on. */
  function shows(band: typeof crawlBand, fromMs: number, toMs: number, on: boolean, what: string): void {
    const plain = framesBetween(15_000, 15_000)[0]?.frame as Buffer;
    for (const { atMs, frame } of framesBetween(fromMs, toMs)) {
      const difference = meanDifference(frame, plain, W, band);
      assert.ok(on ? difference > 10 : difference < 3, `${what} ${on ? 'missing' : 'showing'} ${atMs} ms after the anchor (band differs by ${difference.toFixed(1)})`);
    }
  }

  it('before the extension: the first "Up next" shows inside its window, and the crawl from the start', () => {
    assert.ok(firstFrameAtMs - anchorMs < 6000, `the stream began ${firstFrameAtMs - anchorMs} ms after the anchor; too late to see the first window`);
    shows(crawlBand, firstFrameAtMs - anchorMs + 500, 7800, true, 'the crawl');
    shows(lowerThirdBand, 6700, 7300, true, 'the first lower third');
    shows(lowerThirdBand, 7700, 11_300, false, 'a lower third');
  });

  it('after the extension: the "Up next" queued before it still shows, the crawl runs on to its expiry, the next window shows', () => {
    shows(lowerThirdBand, 11_700, 12_300, true, 'the second lower third (queued before the extension)');
    shows(crawlBand, 10_000, 10_800, true, 'the crawl (not yet expired)');
    shows(crawlBand, 11_300, 17_500, false, 'the expired crawl');
    shows(lowerThirdBand, 12_700, 16_300, false, 'a lower third');
    shows(lowerThirdBand, 16_700, 17_300, true, 'the third lower third (brought by an extension)');
  });
});
