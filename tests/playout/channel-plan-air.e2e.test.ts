// Issue 9 "Done when": a demo-like channel's plan, as `retrovue channel plan --channel <id> --json` prints
// it, handed as is to the AIR engine, gives MPEG-TS that crosses at least three item boundaries (bumpers and
// commercials of other sizes, rates, codecs and audio layouts included) with no decode warning, monotonic
// timestamps, no continuity-counter error, and starts at the right mid-show frame; once `asset normalize`
// has made renditions, the same plan is played with -c copy. The playlog is built by the real horizon around
// the real now; the join is wherever now falls inside an asset.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import type { AirEvent } from '../../src/air/protocol.js';
import type { PlayoutPlan, PlayoutSegment } from '../../src/plugins/playout-plan.js';
import { playlogEventAt } from '../../src/scheduling/playlog/playlog-repository.js';
import { eventsOf, scratchDir, startAir } from '../support/air-engine.js';
import { cli, json } from '../support/cli.js';
import { playoutMedia, type PlayoutMedia, type RampClip } from '../support/playout-media.js';
import { analyseTs, decodeWarnings, lumaFrames, meanLuma, probePackets } from '../support/ts-analysis.js';
import { forEachDatabase, onOneDatabase, type DatabaseFixture } from '../support/test-databases.js';
import { buildPlaylog, seedPlayoutNetwork } from './playout-fixtures.js';

const scratch = scratchDir();
let media: PlayoutMedia;
before(async () => {
  media = await playoutMedia();
});
after(() => scratch.cleanup());

const SIZE = { width: 64, height: 48 };
const CENTRE = { x: 16, y: 12, w: 32, h: 24 };
const OUTPUT_FPS = 30000 / 1001;

/** How far the picture is from showing `frame` of a ramp clip, frames counted modulo the ramp's 100-frame cycle. */
function rampDistance(frame: Buffer, expected: number): number {
  const shown = (meanLuma(frame, SIZE.width, CENTRE) - 16) / 2;
  const d = Math.abs(shown - (expected % 100));
  return Math.min(d, 100 - d);
}

interface ChannelRun {
  readonly plan: PlayoutPlan;
  readonly events: readonly AirEvent[];
  readonly file: string;
  readonly ts: Buffer;
}

async function seedNetwork(fx: DatabaseFixture): Promise<void> {
  await seedPlayoutNetwork(fx.database.db, {
    episodeSeconds: 14, bumperSeconds: 4, commercialSeconds: 6, secondCommercialSeconds: 5, episodes: 2,
    files: { episode: media.path('episode'), bumper: media.path('bumper'), commercial: media.path('commercial'), secondCommercial: media.path('commercial2') },
    silentFiles: [media.path('commercial2')],
  });
  await buildPlaylog(fx.database.db, Date.now());
}

/** Waits until an asset with a few seconds left is on air, then hands the printed plan to the engine. */
async function airChannel(fx: DatabaseFixture, name: string): Promise<ChannelRun> {
  for (;;) {
    const now = Date.now();
    const onAir = await playlogEventAt(fx.database.db, 'retro1', now + 500);
    assert.ok(onAir, 'the playlog reaches now');
    if (onAir.source.kind === 'asset' && onAir.endMs - now > 3000) break;
    await sleep(onAir.endMs - now + 200);
  }
  const air = await startAir(['--no-pacing']);
  const printed = await cli(['channel', 'plan', '--channel', 'retro1', '--span-minutes', '1', '--json'], { database: fx.database });
  assert.equal(printed.exitCode, 0, printed.stderr);
  (air.child.stdin as Writable).write(printed.stdout);
  air.send({ type: 'end' });
  const { code } = await air.exited;
  assert.equal(code, 0, air.stderr());
  const file = join(scratch.dir, `${name}-${fx.dialect}.ts`);
  writeFileSync(file, air.output());
  return { plan: JSON.parse(printed.stdout) as PlayoutPlan, events: air.events, file, ts: air.output() };
}

/** Continuity across the boundaries: ≥3 of them, bumper and both commercials aired, a clean, monotonic stream. */
async function assertSeamless(run: ChannelRun): Promise<Array<{ segment: PlayoutSegment; modes: readonly string[] }>> {
  const aired = eventsOf(run.events, 'segment-started').map((e) => ({ segment: run.plan.segments[e.segment.index ?? -1] as PlayoutSegment, modes: e.modes }));
  assert.ok(aired.length >= 4, `only ${aired.length} segments aired`);
  const files = aired.map(({ segment }) => (segment.source.kind === 'asset' ? media.clipOf(segment.source.path)?.file : segment.source.kind === 'synthetic' ? segment.source.synthetic : segment.source.reason));
  for (const clip of ['bumper', 'commercial', 'commercial2'] as const) assert.ok(files.includes(media.clip(clip).file), `${clip} aired: ${files.join(', ')}`);
  assert.deepEqual(eventsOf(run.events, 'segment-substituted'), []);
  assert.equal(await decodeWarnings(run.file), '');
  const report = analyseTs(run.ts);
  assert.deepEqual(report.ccErrors, []);
  assert.equal(report.misaligned, 0);
  const packets = await probePackets(run.file);
  for (const stream of ['video', 'audio'] as const) {
    const list = packets.filter((p) => p.stream === stream);
    assert.ok(list.length > 100, `${stream} packets`);
    for (let i = 1; i < list.length; i++) assert.ok((list[i]?.dts ?? 0) > (list[i - 1]?.dts ?? 0), `${stream} dts rises at packet ${i}`);
  }
  for (let i = 1; i < report.pcrs.length; i++) assert.ok((report.pcrs[i]?.value ?? 0) >= (report.pcrs[i - 1]?.value ?? 0), `PCR rises at ${i}`);
  return aired;
}

function openingClip(plan: PlayoutPlan): { first: PlayoutSegment; clip: RampClip } {
  const first = plan.segments[0];
  assert.ok(first && first.source.kind === 'asset' && first.inPointMs > 0, 'the plan opens mid-item');
  const clip = media.clipOf(first.source.path);
  assert.ok(clip, first.source.path);
  return { first, clip };
}

forEachDatabase((fx) => {
  test('channel plan --json handed to AIR: ≥3 boundaries with bumpers and commercials, clean and monotonic, starting at the right mid-show frame', onOneDatabase(fx), async () => {
    await seedNetwork(fx);
    const run = await airChannel(fx, 'transcode');
    const aired = await assertSeamless(run);
    assert.ok(aired.every(({ modes }) => !modes.includes('copy')), 'no renditions: everything transcodes');
    // The first frame is the in-point of the event on air: the frame of its file that far in.
    const { first, clip } = openingClip(run.plan);
    const [frame] = await lumaFrames(run.file, SIZE, { frames: 1 });
    assert.ok(frame);
    const expected = Math.round((first.inPointMs / 1000) * clip.fps);
    const distance = rampDistance(frame, expected);
    assert.ok(distance <= 1.5, `the first frame is ${distance.toFixed(1)} frames from frame ${expected} of ${clip.file} (in-point ${first.inPointMs} ms)`);
  });

  test('after asset normalize, the same channel plays its renditions for its profile with -c copy (never those of another profile), still seamless, opening on the key frame after the in-point', onOneDatabase(fx), async () => {
    await seedNetwork(fx);
    const home = mkdtempSync(join(scratch.dir, 'home-'));
    // Bumpers also get a rendition for a profile the channel does not use (its producer declares sd-480p30).
    const other = await cli(['asset', 'normalize', '--profile', 'sd-576p25', '--collection', 'lib/Bumpers', '--json'], { database: fx.database, env: { RETROVUE_HOME: home } });
    assert.equal(json<{ normalized: number }>(other).normalized, 1, other.stderr);
    const normalized = await cli(['asset', 'normalize', '--json'], { database: fx.database, env: { RETROVUE_HOME: home } });
    assert.equal(normalized.exitCode, 0, normalized.stderr);
    assert.equal(json<{ normalized: number }>(normalized).normalized, 5);
    const run = await airChannel(fx, 'copy');
    assert.equal(run.plan.profile.name, 'sd-480p30');
    for (const s of run.plan.segments) {
      if (s.source.kind === 'synthetic') continue;
      assert.ok(s.source.kind === 'asset' && s.source.rendition !== undefined, `${s.title} names its rendition`);
      assert.equal(s.source.rendition.profile, 'sd-480p30');
      assert.ok(s.source.rendition.path.startsWith(join(home, 'renditions', 'sd-480p30')), s.source.rendition.path);
    }
    const aired = await assertSeamless(run);
    for (const { segment, modes } of aired) {
      if (segment.source.kind === 'synthetic') assert.deepEqual(modes, ['synthetic']);
      else if (segment.inPointMs === 0) assert.deepEqual(modes, ['copy'], `${segment.title} starts on a key frame: copied whole`);
      else assert.ok(modes.includes('copy'), `${segment.title}: ${modes.join(', ')}`);
    }
    // A copy join opens on the rendition's next key frame (one a second), placed where it airs.
    const { first, clip } = openingClip(run.plan);
    const inFrame = Math.round((first.inPointMs / 1000) * OUTPUT_FPS);
    const gop = 30;
    const keyFrame = Math.abs(inFrame - Math.round(inFrame / gop) * gop) <= 1 ? Math.round(inFrame / gop) * gop : Math.ceil(inFrame / gop) * gop;
    const [frame] = await lumaFrames(run.file, SIZE, { frames: 1 });
    assert.ok(frame);
    const expected = Math.round((keyFrame / OUTPUT_FPS) * clip.fps);
    const distance = rampDistance(frame, expected);
    assert.ok(distance <= 1.5, `the first frame is ${distance.toFixed(1)} frames from frame ${expected} of ${clip.file} (in-point ${first.inPointMs} ms, key frame ${keyFrame})`);
  });
});
