// Issue 9 item 2: a playout enricher attached to a channel shows in the pixels AIR puts out. The channel's
// plan is built by buildPlayoutPlanAt (test-pattern producer: colour bars, no media needed) with and without
// its enrichers, each aired by the real engine; the bug's corner and the crawl's band differ, the rest not.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Kysely } from 'kysely';
import { systemClock } from '../../src/core/clock.js';
import type { Schema } from '../../src/db/schema.js';
import { setChannelEnrichers } from '../../src/catalog/channel-enricher-repository.js';
import { buildPlayoutPlanAt } from '../../src/playout/playout-plan-builder.js';
import { builtinPlugins } from '../../src/plugins/builtin-plugins.js';
import type { PlayoutPlan } from '../../src/plugins/playout-plan.js';
import { scratchDir, startAir } from '../support/air-engine.js';
import { airMedia, type AirMedia } from '../support/air-media.js';
import { decodeWarnings, lumaFrames, meanDifference } from '../support/ts-analysis.js';
import { forEachDatabase } from '../support/test-databases.js';
import { seedChannel } from '../scheduling/scheduling-db-fixtures.js';

const W = 640;
const H = 480;
const plugins = builtinPlugins();
const scratch = scratchDir();
let media: AirMedia;

before(async () => {
  media = await airMedia();
});
after(() => scratch.cleanup());

/** Airs the channel's plan built at the moment the engine is ready, 2 s long; returns its frames. */
async function airChannel(db: Kysely<Schema>, name: string): Promise<{ frames: Buffer[]; plan: PlayoutPlan; file: string }> {
  const air = await startAir(['--no-pacing']);
  const result = await buildPlayoutPlanAt(db, plugins, 'retro1', systemClock.now(), { spanMs: 2000 });
  assert.equal(result.kind, 'plan');
  const plan = result.kind === 'plan' ? result.plan : undefined;
  assert.ok(plan);
  air.send(plan);
  air.send({ type: 'end' });
  const { code } = await air.exited;
  assert.equal(code, 0, air.stderr());
  const file = join(scratch.dir, `${name}-${process.pid}.ts`);
  writeFileSync(file, air.output());
  return { frames: await lumaFrames(file, { width: W, height: H }), plan, file };
}

forEachDatabase((fx) => {
  test('a bug and an operator crawl attached to a channel change the output pixels where they draw, and nothing else', async () => {
    const db = fx.database.db;
    await seedChannel(db, 'retro1');
    await db.insertInto('producer').values({ id: 'bars', type: 'test-pattern', config: JSON.stringify({ picture: 'color-bars' }) }).execute();
    await db.updateTable('channel').set({ producer_id: 'bars' }).where('id', '=', 'retro1').execute();
    const plain = await airChannel(db, 'plain');
    await db.insertInto('enricher').values([
      { id: 'logo', type: 'bug', kind: 'playout', config: JSON.stringify({ image: media.logo, corner: 'top-right', opacity: 1, margin_px: 16 }) },
      { id: 'alert', type: 'crawl', kind: 'playout', config: JSON.stringify({ text: 'SEVERE WEATHER WARNING', until: new Date(systemClock.now() + 3_600_000).toISOString() }) },
    ]).execute();
    await setChannelEnrichers(db, 'retro1', ['logo', 'alert']);
    const decorated = await airChannel(db, 'decorated');
    assert.deepEqual(decorated.plan.segments.map((s) => [s.source, s.durationMs]), plain.plan.segments.map((s) => [s.source, s.durationMs]));
    assert.deepEqual(decorated.plan.directives.map((d) => d.kind), ['image-overlay', 'crawl']);
    assert.equal(await decodeWarnings(decorated.file), '');
    const frame = 30;
    const [d, p] = [decorated.frames[frame], plain.frames[frame]];
    assert.ok(d && p, 'both runs have a frame 1 s in');
    const bug = { x: W - 16 - 96, y: 16, w: 96, h: 48 };
    const oppositeCorner = { x: 16, y: 16, w: 96, h: 48 };
    const crawlBand = { x: 0, y: 440, w: W, h: 40 };
    const middle = { x: 0, y: 120, w: W, h: 200 };
    assert.ok(meanDifference(d, p, W, bug) > 20, `the bug's corner differs by only ${meanDifference(d, p, W, bug).toFixed(1)}`);
    assert.ok(meanDifference(d, p, W, crawlBand) > 5, `the crawl band differs by only ${meanDifference(d, p, W, crawlBand).toFixed(1)}`);
    assert.ok(meanDifference(d, p, W, oppositeCorner) < 3, 'the opposite corner is untouched');
    assert.ok(meanDifference(d, p, W, middle) < 3, 'the middle of the picture is untouched');
  });
});
