// Issue 9 "Done when": a demo-like channel's plan, as `retrovue channel plan --channel <id> --json` prints
// it, handed as is to the AIR engine, gives MPEG-TS that crosses at least three item boundaries (bumpers and
// commercials of other sizes, rates, codecs and audio layouts included) with no decode warning, monotonic
// timestamps, no continuity-counter error, and starts at the right mid-show frame. The playlog is built by
// the real horizon around the real now; the join is wherever now falls inside an asset.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import type { PlayoutPlan } from '../../src/plugins/playout-plan.js';
import { playlogEventAt } from '../../src/scheduling/playlog-repository.js';
import { eventsOf, scratchDir, startAir } from '../support/air-engine.js';
import { cli } from '../support/cli.js';
import { playoutMedia, type PlayoutMedia } from '../support/playout-media.js';
import { analyseTs, decodeWarnings, lumaFrames, meanLuma, probePackets } from '../support/ts-analysis.js';
import { forEachDatabase } from '../support/test-databases.js';
import { buildPlaylog, seedPlayoutNetwork } from './playout-fixtures.js';

const scratch = scratchDir();
let media: PlayoutMedia;
before(async () => {
  media = await playoutMedia();
});
after(() => scratch.cleanup());

const SIZE = { width: 64, height: 48 };
const CENTRE = { x: 16, y: 12, w: 32, h: 24 };

/** How far apart two ramp lumas are, frames counted modulo the ramp's 100-frame cycle. */
function rampDistance(luma: number, frame: number): number {
  const shown = (luma - 16) / 2;
  const d = Math.abs(shown - (frame % 100));
  return Math.min(d, 100 - d);
}

forEachDatabase((fx) => {
  test('channel plan --json handed to AIR: ≥3 boundaries with bumpers and commercials, clean and monotonic, starting at the right mid-show frame', async () => {
    const db = fx.database.db;
    await seedPlayoutNetwork(db, {
      episodeSeconds: 14, bumperSeconds: 4, commercialSeconds: 6, secondCommercialSeconds: 5,
      files: { episode: media.path('episode'), bumper: media.path('bumper'), commercial: media.path('commercial'), secondCommercial: media.path('commercial2') },
    });
    await buildPlaylog(db, Date.now());
    // Join inside an asset with a couple of seconds left (slate filler carries no frame number).
    for (;;) {
      const now = Date.now();
      const onAir = await playlogEventAt(db, 'retro1', now + 500);
      assert.ok(onAir, 'the playlog reaches now');
      if (onAir.source.kind === 'asset' && onAir.endMs - now > 2500) break;
      await sleep(onAir.endMs - now + 200);
    }
    const air = await startAir(['--no-pacing']);
    const printed = await cli(['channel', 'plan', '--channel', 'retro1', '--span-minutes', '1', '--json'], { database: fx.database });
    assert.equal(printed.exitCode, 0, printed.stderr);
    (air.child.stdin as Writable).write(printed.stdout);
    air.send({ type: 'end' });
    const { code } = await air.exited;
    assert.equal(code, 0, air.stderr());
    const plan = JSON.parse(printed.stdout) as PlayoutPlan;
    const file = join(scratch.dir, `channel-${fx.dialect}.ts`);
    writeFileSync(file, air.output());

    const started = eventsOf(air.events, 'segment-started');
    assert.ok(started.length >= 4, `only ${started.length} segments aired`);
    const kinds = started.map((e) => plan.segments[e.segment.index ?? -1]?.source).map((s) => (s?.kind === 'asset' ? media.clipOf(s.path)?.file : s?.synthetic));
    assert.ok(kinds.includes(media.clip('bumper').file), `a bumper aired: ${kinds.join(', ')}`);
    assert.ok(kinds.includes(media.clip('commercial').file) && kinds.includes(media.clip('commercial2').file), `both commercials aired: ${kinds.join(', ')}`);
    assert.deepEqual(eventsOf(air.events, 'segment-substituted'), []);

    assert.equal(await decodeWarnings(file), '');
    const report = analyseTs(air.output());
    assert.deepEqual(report.ccErrors, []);
    assert.equal(report.misaligned, 0);
    const packets = await probePackets(file);
    for (const stream of ['video', 'audio'] as const) {
      const list = packets.filter((p) => p.stream === stream);
      assert.ok(list.length > 100, `${stream} packets`);
      for (let i = 1; i < list.length; i++) assert.ok((list[i]?.dts ?? 0) > (list[i - 1]?.dts ?? 0), `${stream} dts rises at packet ${i}`);
    }
    for (let i = 1; i < report.pcrs.length; i++) assert.ok((report.pcrs[i]?.value ?? 0) >= (report.pcrs[i - 1]?.value ?? 0), `PCR rises at ${i}`);

    // The first frame is the in-point of the event on air: the frame of its file that far in.
    const first = plan.segments[0];
    assert.ok(first && first.source.kind === 'asset' && first.inPointMs > 0, 'the plan opens mid-item');
    const clip = media.clipOf(first.source.path);
    assert.ok(clip);
    const [frame] = await lumaFrames(file, SIZE, { frames: 1 });
    assert.ok(frame);
    const expected = Math.round((first.inPointMs / 1000) * clip.fps);
    const distance = rampDistance(meanLuma(frame, SIZE.width, CENTRE), expected);
    assert.ok(distance <= 1.5, `the first frame is ${distance.toFixed(1)} frames from frame ${expected} of ${clip.file} (in-point ${first.inPointMs} ms)`);
  });
});
