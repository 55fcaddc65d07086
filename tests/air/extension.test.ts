// Issue 9 item 4: a channel runs for days on plan extensions sent as JSON lines on stdin. Extensions append
// after what is queued (overlap trimmed, the in-point moved on by as much), may replace the directives,
// a bad line is reported and ignored, and when nothing is queued slate airs until an extension arrives.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { airMedia, type AirMedia } from '../support/air-media.js';
import { asset, eventsOf, planOf, runAir, scratchDir, segmentsFrom, startAir } from '../support/air-engine.js';
import { analyseTs, decodeWarnings, lumaFrames, meanDifference, probePackets } from '../support/ts-analysis.js';
import { STREAM_START_TICKS } from '../../src/air/timeline.js';
import { systemClock } from '../../src/core/clock.js';

let media: AirMedia;
const scratch = scratchDir();

before(async () => {
  media = await airMedia();
});
after(() => scratch.cleanup());

/** Resolves once the stream written so far reaches `seconds` (by its last PCR). */
async function streamReaches(output: () => Buffer, seconds: number): Promise<void> {
  for (;;) {
    const data = output();
    const last = analyseTs(data.subarray(0, data.length - (data.length % 188))).pcrs.at(-1);
    if (last !== undefined && (last.value / 300 - STREAM_START_TICKS) / 90_000 >= seconds) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('AIR: plan extensions on stdin', () => {
  it('appends extensions in order, trims an overlap, replaces directives, ignores a bad line', async () => {
    const bars = { kind: 'synthetic', synthetic: 'color-bars' } as const;
    const run = await runAir((now) => planOf(now, [{ source: bars, durationMs: 1000 }]), {
      dir: scratch.dir,
      messages: (plan) => {
        const end = (plan.segments[0]?.startsAtMs ?? 0) + 1000;
        return [
          { type: 'extend', segments: segmentsFrom(end, [{ source: asset(media.clip('ramp')), inPointMs: 0, durationMs: 1000 }], 1) },
          { type: 'bogus' },
          // Starts 400 ms before the queue's end: airs from the end, 400 ms into its source.
          {
            type: 'extend',
            segments: segmentsFrom(end + 600, [{ source: asset(media.clip('ramp')), inPointMs: 500, durationMs: 1400 }], 2),
            directives: [{ kind: 'lower-third', text: 'Coming up next', fromMs: end + 1000 }],
          },
        ];
      },
    });
    assert.equal(run.code, 0, run.stderr);
    const started = eventsOf(run.events, 'segment-started');
    assert.deepEqual(started.map((e) => e.segment.index), [0, 1, 2]);
    assert.equal(started[2]?.inPointMs, 900);
    assert.ok(Math.abs((started[2]?.wallClockMs ?? 0) - (started[1]?.wallClockMs ?? 0) - 1000) <= 34, 'the trimmed segment starts where the queue ended');
    assert.deepEqual(eventsOf(run.events, 'extended').map((e) => [e.accepted, e.directivesReplaced]), [[1, false], [1, true]]);
    assert.match(eventsOf(run.events, 'error')[0]?.message ?? '', /unknown message type "bogus"/);
    assert.equal(await decodeWarnings(run.file), '');
    // The lower third the second extension brought shows on its segment, and not on the one before.
    const frames = await lumaFrames(run.file, { width: 640, height: 480 });
    const band = { x: 0, y: 360, w: 640, h: 50 };
    const fps = 30000 / 1001;
    const second = Math.round(((started[1]?.streamTimeMs ?? 0) * fps) / 1000);
    const third = Math.round(((started[2]?.streamTimeMs ?? 0) * fps) / 1000);
    const plainRamp = frames[second + 10] as Buffer;
    const decorated = frames[third + 10] as Buffer;
    // Both show the flat ramp; only the caption band tells them apart.
    assert.ok(meanDifference(decorated, plainRamp, 640, band) > 10, 'no lower third on the extended segment');
  });

  it('switches an operator’s crawl on and off within the programme that is on air (a re-cut, not at its end)', async () => {
    const air = await startAir(['--lead-ms', '300', '--start-burst-ms', '0']);
    try {
      const anchor = systemClock.now();
      const durationMs = 8000;
      air.send(planOf(anchor, [{ source: { kind: 'synthetic', synthetic: 'color-bars' }, durationMs }]));
      const crawl = { kind: 'crawl', text: 'EMERGENCY: road closed at the bridge', speedPxPerSecond: 150 };
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, anchor + 1000 - systemClock.now())));
      const onAtMs = systemClock.now();
      air.send({ type: 'extend', segments: [], directives: [{ ...crawl, fromMs: onAtMs }] });
      // Off again once the stream has run 1.5 s past the command (however slowly this machine makes it).
      await streamReaches(() => air.output(), (onAtMs - anchor) / 1000 + 1.5);
      air.send({ type: 'extend', segments: [], directives: [] });
      air.send({ type: 'end' });
      const { code } = await air.exited;
      assert.equal(code, 0, air.stderr());
      assert.equal(eventsOf(air.events, 'segment-started').length, 1, 'still one segment');
      assert.deepEqual(eventsOf(air.events, 'segment-substituted'), []);
      const file = `${scratch.dir}/recut.ts`;
      writeFileSync(file, air.output());
      assert.equal(await decodeWarnings(file), '');
      const video = (await probePackets(file)).filter((p) => p.stream === 'video');
      for (let i = 1; i < video.length; i++) assert.equal((video[i]?.pts ?? 0) - (video[i - 1]?.pts ?? 0), 3003, `video hole at frame ${i} (a re-cut must be seamless)`);
      // Where the crawl shows depends on how far ahead the engine was when each command came (load on the
      // machine): so find it, then check it came on no earlier than commanded, and went off again, inside
      // the one programme, touching nothing but its band.
      const frames = await lumaFrames(file, { width: 640, height: 480 });
      const band = { x: 0, y: 440, w: 640, h: 40 };
      const plain = frames[0] as Buffer;
      const withCrawl = frames.map((f) => meanDifference(f, plain, 640, band) > 10);
      const first = withCrawl.indexOf(true);
      const last = withCrawl.lastIndexOf(true);
      assert.ok(first > 0, 'the crawl never came on');
      assert.ok(withCrawl.slice(first, last + 1).every(Boolean), 'the crawl flickered');
      assert.ok(last < frames.length - 1, 'the crawl never went off');
      const fps = 30000 / 1001;
      const started = eventsOf(air.events, 'started')[0];
      assert.ok(started && first / fps >= (onAtMs - started.wallClockMs) / 1000 - 0.034, 'the crawl came on before it was commanded');
      assert.ok(meanDifference(frames[first] as Buffer, plain, 640, { x: 0, y: 0, w: 640, h: 400 }) < 1, 'the crawl touched the picture above its band');
    } finally {
      air.child.kill('SIGKILL');
    }
  });

  it('airs slate when the queue runs dry, reports the underrun, and joins the next extension on schedule', async () => {
    const air = await startAir(['--lead-ms', '300', '--start-burst-ms', '0']);
    try {
      air.send(planOf(systemClock.now(), [{ source: asset(media.clip('h264Mp4')), durationMs: 800 }]));
      const underrun = await air.event((e) => e.type === 'underrun');
      const plan = eventsOf(air.events, 'segment-started')[0];
      assert.ok(underrun.type === 'underrun' && plan && Math.abs(underrun.wallClockMs - (plan.scheduledAtMs + 800)) <= 34, 'the underrun starts when the plan ends');
      const now = systemClock.now();
      // Longer than the underrun slate, which holds the air for 3 s: this one still has a tail to air.
      air.send({ type: 'extend', segments: segmentsFrom(now, [{ source: { kind: 'synthetic', synthetic: 'test-card' }, durationMs: 5000 }], 1) });
      air.send({ type: 'end' });
      const { code } = await air.exited;
      assert.equal(code, 0, air.stderr());
      const started = eventsOf(air.events, 'segment-started');
      assert.deepEqual(started.map((e) => e.segment.index), [0, null, 1]);
      assert.equal(started[1]?.segment.title, 'slate (nothing scheduled)');
      const extended = started[2];
      // It was due at `now` but the slate held the air until its end: it joins late, in-point moved on.
      assert.ok(extended && extended.inPointMs > 0 && Math.abs(extended.wallClockMs - (now + extended.inPointMs)) <= 34);
    } finally {
      air.child.kill('SIGKILL');
    }
  });
});
