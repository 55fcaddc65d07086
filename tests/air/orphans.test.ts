// Issue 9 item 7: the engine never leaves an ffmpeg behind — not when it is stopped (SIGTERM, stdin
// closed), not when it is SIGKILLed itself, not when its parent is SIGKILLed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { airMedia, type AirMedia } from '../support/air-media.js';
import { asset, eventsOf, planOf, startAir, type LiveAir } from '../support/air-engine.js';
import { alive, descendants, survivors } from '../support/processes.js';
import { systemClock } from '../../src/core/clock.js';
import type { PlayoutPlan } from '../../src/plugins/playout-plan.js';

let media: AirMedia;

before(async () => {
  media = await airMedia();
});

/** Ten seconds of clips, paced in real time: the engine is still busy when the test strikes. */
function longPlan(now: number): PlayoutPlan {
  return planOf(now, [1, 2, 3, 4].map(() => ({ source: asset(media.clip('h264Mp4')), durationMs: 2500 })));
}

async function ffmpegChildren(pid: number): Promise<number[]> {
  for (let i = 0; i < 200; i++) {
    const found = descendants(pid).filter((d) => d.command === 'ffmpeg').map((d) => d.pid);
    if (found.length > 0) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`engine ${pid} never started an ffmpeg`);
}

async function playing(): Promise<{ air: LiveAir; ffmpeg: number[] }> {
  const air = await startAir();
  air.send(longPlan(systemClock.now()));
  await air.bytes(188 * 100);
  return { air, ffmpeg: await ffmpegChildren(air.child.pid ?? -1) };
}

const running: LiveAir[] = [];
after(() => {
  for (const air of running) air.child.kill('SIGKILL');
});

describe('AIR: no orphans', () => {
  it('SIGTERM: the engine reports the stopped segment, kills its ffmpeg and exits 0', async () => {
    const { air, ffmpeg } = await playing();
    running.push(air);
    air.child.kill('SIGTERM');
    const { code } = await air.exited;
    assert.equal(code, 0, air.stderr());
    assert.equal(eventsOf(air.events, 'ended')[0]?.reason, 'signal');
    assert.equal(eventsOf(air.events, 'segment-ended').at(-1)?.outcome, 'stopped');
    assert.deepEqual(await survivors(ffmpeg, 5000), []);
  });

  it('stdin closed without "end": the engine stops at once and exits 0', async () => {
    const { air, ffmpeg } = await playing();
    running.push(air);
    air.closeStdin();
    const { code } = await air.exited;
    assert.equal(code, 0, air.stderr());
    assert.equal(eventsOf(air.events, 'ended')[0]?.reason, 'stdin-closed');
    assert.deepEqual(await survivors(ffmpeg, 5000), []);
  });

  it('SIGKILL of the engine itself: its ffmpeg die with it', async () => {
    const { air, ffmpeg } = await playing();
    running.push(air);
    assert.equal(eventsOf(air.events, 'ready')[0]?.parentDeathSignal, true, 'this machine has setpriv --pdeathsig');
    air.child.kill('SIGKILL');
    await air.exited;
    assert.deepEqual(await survivors(ffmpeg, 5000), []);
  });

  it('SIGKILL of the engine’s parent: the engine sees stdin close, stops, and leaves no ffmpeg', async () => {
    const parent = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../support/air-parent.ts', import.meta.url)), JSON.stringify(longPlan(systemClock.now()))], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const enginePid = await new Promise<number>((resolve, reject) => {
      let seen = '';
      parent.stdout.on('data', (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        const match = /engine (\d+)/.exec(seen);
        if (match) resolve(Number(match[1]));
      });
      parent.once('close', () => reject(new Error(`the parent ended early: ${seen}`)));
    });
    try {
      const ffmpeg = await ffmpegChildren(enginePid);
      parent.kill('SIGKILL');
      assert.deepEqual(await survivors([enginePid, ...ffmpeg], 10_000), [], 'engine or ffmpeg outlived the parent');
    } finally {
      if (alive(enginePid)) process.kill(enginePid, 'SIGKILL');
    }
  });
});
