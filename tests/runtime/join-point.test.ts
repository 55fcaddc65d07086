// The runtime join point on real engine output: a viewer joining a channel that is already playing gets a
// stream whose first video packet is a key frame (it decodes at once instead of waiting up to a GOP), and
// it shares the running engine rather than starting another.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { airMedia, type AirMedia } from '../support/air-media.js';
import { scratchDir } from '../support/air-engine.js';
import { survivors } from '../support/processes.js';
import { fixedDirectory, loopingPlan, planSources, playoutProcesses, startDirector, tuneIn, type Viewer } from '../support/runtime.js';
import { probePackets } from '../support/ts-analysis.js';
import { systemClock } from '../../src/core/clock.js';

/** Joiners at different points of the GOP: one could land on a key frame by chance. */
const JOINERS = 4;

let media: AirMedia;
const scratch = scratchDir();

before(async () => {
  media = await airMedia();
});
after(() => scratch.cleanup());

describe('runtime: where a joiner starts', () => {
  it('a viewer joining a running channel starts at PAT, PMT and a key frame of the one engine', async () => {
    const anchorMs = systemClock.now();
    const d = await startDirector({
      directory: fixedDirectory(['busy']),
      planSource: planSources({ busy: (at) => loopingPlan('busy', media.clip('h264Mp4'), 3000, anchorMs, at) }),
    });
    const first = await tuneIn(`${d.url}/channel/busy.ts`);
    const joiners: Viewer[] = [];
    try {
      // Well past the first key frame; then joiners a third of a GOP apart, so they land inside GOPs.
      await first.waitFor(188 * 1200);
      const enginePid = d.director.status().channels[0]?.air?.pid;
      for (let i = 0; i < JOINERS; i++) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, 330));
        joiners.push(await tuneIn(`${d.url}/channel/busy.ts`));
      }
      const status = d.director.status().channels[0];
      assert.equal(status?.viewers, 1 + JOINERS);
      assert.equal(status?.air?.pid, enginePid, 'the joiners share the running engine');
      for (const [i, joiner] of joiners.entries()) {
        await joiner.waitFor(188 * 500);
        const file = join(scratch.dir, `joiner-${i}.ts`);
        writeFileSync(file, joiner.bytes());
        const video = (await probePackets(file)).filter((p) => p.stream === 'video');
        assert.ok(video.length > 10, `joiner ${i}: ${video.length} video packets`);
        assert.equal(video[0]?.key, true, `joiner ${i}'s first video packet is a key frame`);
      }
    } finally {
      const pids = playoutProcesses().map((p) => p.pid);
      for (const joiner of joiners) joiner.close();
      first.close();
      await d.close();
      assert.deepEqual(await survivors(pids, 10_000), [], 'no playout process left behind');
    }
  });
});
