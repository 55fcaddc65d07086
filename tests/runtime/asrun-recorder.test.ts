// The as-run log as the runtime writes it, with the real engine over real HTTP: a segment whose file is
// missing airs as slate and is recorded as substituted with the engine's reason; the segment on air when
// the engine is killed is recorded as an error naming the crash; a segment that played through is aired.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { airMedia, type AirMedia } from '../support/air-media.js';
import { scratchDir } from '../support/air-engine.js';
import { survivors } from '../support/processes.js';
import { alwaysPlans, fixedDirectory, playoutProcesses, startDirector, testProfile, tuneIn, until } from '../support/runtime.js';
import { systemClock } from '../../src/core/clock.js';
import { createLogger } from '../../src/core/logger.js';
import type { PlayoutPlan, PlayoutSegment } from '../../src/plugins/playout-plan.js';
import { AsRunLog, asRunFileOf } from '../../src/runtime/asrun-log.js';
import { AsRunRecorder, type AsRunRecord } from '../../src/runtime/asrun-recorder.js';

interface AsRunLine {
  readonly title: string;
  readonly scheduled_start_ms: number;
  readonly actual_start_ms: number;
  readonly end_ms: number;
  readonly status: string;
  readonly reason: string | null;
}

/** A writer that keeps the finished records (and counts the opened ones). */
function collect(records: AsRunRecord[], opened: AsRunRecord[] = []) {
  return {
    open: (record: AsRunRecord) => opened.push(record),
    close: (_key: number | null, record: AsRunRecord) => void records.push(record),
  };
}

let media: AirMedia;
const scratch = scratchDir();

before(async () => {
  media = await airMedia();
});
after(() => scratch.cleanup());

/**
 * From the first tune-in on: 2 s of a clip ("opening"), 2 s of a file that does not exist ("missing"), then
 * the clip over and over ("feature 0", "feature 1", …). The plan at `at` starts with what is on air then.
 */
function brokenNightSource(missingPath: string): { planSource: (channelId: string, at: number) => Promise<PlayoutPlan>; anchor: () => number } {
  let anchorMs: number | undefined;
  const clip = media.clip('h264Mp4');
  const timeline = (anchor: number) => [
    { title: 'opening', path: clip, startsAtMs: anchor, durationMs: 2000 },
    { title: 'missing', path: missingPath, startsAtMs: anchor + 2000, durationMs: 2000 },
    ...Array.from({ length: 20 }, (_, i) => ({ title: `feature ${i}`, path: clip, startsAtMs: anchor + 4000 + i * 3000, durationMs: 3000 })),
  ];
  return {
    anchor: () => anchorMs ?? Number.NaN,
    planSource: async (channelId, at) => {
      anchorMs ??= at;
      const segments: PlayoutSegment[] = timeline(anchorMs)
        .filter((s) => s.startsAtMs + s.durationMs > at)
        .map((s) => {
          const from = Math.max(s.startsAtMs, at);
          return {
            source: { kind: 'asset', assetId: s.title, path: s.path }, inPointMs: from - s.startsAtMs, durationMs: s.startsAtMs + s.durationMs - from,
            startsAtMs: from, playlogEventId: `${channelId}@${s.startsAtMs}`, title: s.title, transitionIn: { kind: 'cut' },
          };
        });
      return { channelId, profile: testProfile, segments, directives: [], builtAtMs: at };
    },
  };
}

describe('AsRunRecorder: the outcome of a segment is what happened to it', () => {
  const segment = { index: 0, playlogEventId: 'e0', title: 'Pilot', assetId: 'a0' };
  const instant = (ms: number) => ({ streamTimeMs: ms, wallClockMs: 1_000_000 + ms, atMs: 1_000_000 + ms });
  const started = { type: 'segment-started', segment, scheduledAtMs: 1_000_000, inPointMs: 0, durationMs: 5000, modes: ['transcode'], ...instant(0) } as const;

  it('a segment substituted part of the way is recorded substituted with the reason, even when it ends "complete"', () => {
    const records: AsRunRecord[] = [];
    const recorder = new AsRunRecorder('c', collect(records));
    recorder.onEvent(started);
    recorder.onEvent({ type: 'segment-substituted', segment, reason: 'ffmpeg failed: pilot.mkv', substitute: 'slate', durationMs: 2000, ...instant(3000) });
    recorder.onEvent({ type: 'segment-ended', segment, outcome: 'complete', playedMs: 5000, ...instant(5000) });
    assert.deepEqual(records.map((r) => [r.status, r.reason, r.endMs]), [['substituted', 'ffmpeg failed: pilot.mkv', 1_005_000]]);
  });

  it('a segment that played through is aired; one stopped is truncated; one open at a crash is an error naming it', () => {
    const records: AsRunRecord[] = [];
    const recorder = new AsRunRecorder('c', collect(records));
    recorder.onEvent(started);
    recorder.onEvent({ type: 'segment-ended', segment, outcome: 'complete', playedMs: 5000, ...instant(5000) });
    recorder.onEvent({ ...started, segment: { ...segment, index: 1 } });
    recorder.onEvent({ type: 'segment-ended', segment: { ...segment, index: 1 }, outcome: 'stopped', playedMs: 100, ...instant(5100) });
    recorder.onEvent({ ...started, segment: { ...segment, index: 2 } });
    recorder.close(1_006_000, 'the playout engine exited (code none, signal SIGKILL)');
    assert.deepEqual(records.map((r) => r.status), ['aired', 'truncated', 'error']);
    assert.equal(records[2]?.reason, 'the playout engine exited (code none, signal SIGKILL)');
  });
});

describe('runtime: the as-run log records how each segment went', () => {
  it('a missing file is recorded as substituted with the reason; the segment a crash cut is an error naming the crash', async () => {
    const asRunDir = join(scratch.dir, 'asrun');
    const asRun = new AsRunLog({ dir: asRunDir, db: null, log: createLogger({ level: 'silent' }) });
    const night = brokenNightSource(join(scratch.dir, 'no such file.mp4'));
    const d = await startDirector({ directory: fixedDirectory(['night']), planSource: alwaysPlans(night.planSource), asRun, restartBackoff: { initialMs: 200, maxMs: 1000 } });
    const tunedAt = systemClock.now();
    const lines = (): AsRunLine[] => {
      const file = asRunFileOf(asRunDir, 'night', tunedAt);
      return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AsRunLine) : [];
    };
    const viewer = await tuneIn(`${d.url}/channel/night.ts`);
    try {
      await viewer.waitFor(188 * 100);
      await until(() => lines().some((l) => l.title === 'missing'), 'the missing segment is in the as-run log', 30_000);
      // Half a second into the first feature (3 s long) by the wall clock: it alone is on air when the engine dies.
      const featureOnAirMs = (lines().find((l) => l.title === 'missing')?.end_ms ?? Number.NaN) + 500;
      await until(() => systemClock.now() >= featureOnAirMs, 'the first feature is on air', 10_000);
      const engine = d.director.status().channels[0]?.air?.pid;
      assert.ok(engine !== undefined);
      process.kill(engine, 'SIGKILL');
      await until(() => lines().some((l) => l.title.startsWith('feature')), 'the cut segment is in the as-run log', 15_000);
      await until(() => (d.director.status().channels[0]?.restarts ?? 0) === 1, 'the engine was restarted for the viewer');
    } finally {
      const pids = playoutProcesses().map((p) => p.pid);
      viewer.close();
      await d.close();
      assert.deepEqual(await survivors(pids, 10_000), [], 'no playout process left behind');
    }
    const anchor = night.anchor();
    const byTitle = (title: string) => lines().filter((l) => l.title === title);
    const [missing, ...more] = byTitle('missing');
    assert.equal(more.length, 0, JSON.stringify(lines()));
    assert.deepEqual({ status: missing?.status, scheduled: missing?.scheduled_start_ms }, { status: 'substituted', scheduled: anchor + 2000 });
    assert.match(missing?.reason ?? '', /no such file\.mp4/);
    const errors = lines().filter((l) => l.status === 'error');
    assert.equal(errors.length, 1, JSON.stringify(lines()));
    assert.match(errors[0]?.title ?? '', /^feature \d+$/);
    assert.match(errors[0]?.reason ?? '', /playout engine exited .*SIGKILL/);
    assert.ok((errors[0]?.end_ms ?? 0) >= (errors[0]?.actual_start_ms ?? 0));
  });
});
