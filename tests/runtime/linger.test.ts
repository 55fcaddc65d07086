// The linger, over real HTTP with the real engine: after the last viewer leaves, the engine keeps running
// for the linger, so a re-tune within it rejoins the same AIR process; once the linger passes with nobody
// watching, the engine and every ffmpeg under it stop.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { airMedia, type AirMedia } from '../support/air-media.js';
import { alive, survivors } from '../support/processes.js';
import { fixedDirectory, loopingPlan, planSources, playoutProcesses, startDirector, tuneIn, until } from '../support/runtime.js';
import { systemClock } from '../../src/core/clock.js';

const LINGER_MS = 2500;

let media: AirMedia;

before(async () => {
  media = await airMedia();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('runtime: the linger after the last viewer leaves', () => {
  let close = async () => {};
  after(() => close());

  it('a re-tune within the linger reuses the engine; after the linger the engine and its ffmpegs stop', async () => {
    const anchorMs = systemClock.now();
    const d = await startDirector({
      directory: fixedDirectory(['busy']),
      planSource: planSources({ busy: (at) => loopingPlan('busy', media.clip('h264Mp4'), 3000, anchorMs, at) }),
      lingerMs: LINGER_MS,
    });
    close = () => d.close();
    const enginePid = () => d.director.status().channels.find((c) => c.id === 'busy')?.air?.pid;

    const first = await tuneIn(`${d.url}/channel/busy.ts`);
    await first.waitFor(188 * 300);
    const engine = enginePid();
    assert.ok(engine !== undefined);
    first.close();
    await until(() => d.director.status().viewers === 0, 'the server saw the viewer leave');
    await sleep(LINGER_MS / 3);
    assert.ok(alive(engine), 'the engine lingers after the last viewer left');

    const again = await tuneIn(`${d.url}/channel/busy.ts`);
    await again.waitFor(188 * 300);
    assert.equal(enginePid(), engine, 'the re-tune rejoined the same AIR process');
    assert.equal(playoutProcesses().filter((p) => p.command !== 'ffmpeg').length, 1, 'one engine');

    const pids = playoutProcesses().map((p) => p.pid);
    again.close();
    await until(() => d.director.status().viewers === 0, 'the server saw the viewer leave');
    const leftAt = performance.now();
    await sleep(LINGER_MS - 700);
    assert.ok(alive(engine), 'the engine still runs inside the linger');
    assert.deepEqual(await survivors(pids, 700 + 10_000), [], 'the engine and its ffmpegs stopped after the linger');
    assert.ok(performance.now() - leftAt >= LINGER_MS - 100, 'it stopped no earlier than the linger');
    await until(() => d.director.status().channels.every((c) => c.air === null), 'no engine in the status');
  });
});
