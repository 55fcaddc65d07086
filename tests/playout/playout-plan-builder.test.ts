// Issue 9 item 1: the plan at an instant — the channel's producer over its playlog, a mid-show join's exact
// in-point, assets resolved to their current files and renditions, enrichers applied in order, the gap rule, and
// the checks the runtime answers with 404 / 503 / 500.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { type FileStat, playableFile } from '../../src/catalog/playable-file.js';
import { checkPlanAssets } from '../../src/playout/plan-assets.js';
import { loadPlaylog } from '../../src/scheduling/playlog/playlog-repository.js';
import { buildPlayoutPlanAt, type PlanAt } from '../../src/playout/playout-plan-builder.js';
import { setChannelEnrichers } from '../../src/catalog/channel-enricher-repository.js';
import { builtinPlugins } from '../../src/plugins/builtin-plugins.js';
import type { PlayoutPlan } from '../../src/plugins/playout-plan.js';
import { forEachDatabase } from '../support/test-databases.js';
import { buildPlaylog, networkNow, seedPlayoutNetwork } from './playout-fixtures.js';

const plugins = builtinPlugins();
const scratch = mkdtempSync(join(tmpdir(), 'retrovue-plan-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function planOf(result: PlanAt): PlayoutPlan {
  assert.equal(result.kind, 'plan', JSON.stringify(result));
  return (result as Extract<PlanAt, { kind: 'plan' }>).plan;
}

forEachDatabase((fx) => {
  const db = () => fx.database.db;

  test('schedule producer: a mid-show join starts exactly where the instant falls; segments follow the playlog contiguously', async () => {
    await seedPlayoutNetwork(db());
    await buildPlaylog(db(), networkNow);
    const at = networkNow + 25_500; // 25.5 s into the 15:00 episode (40 s long)
    const result = await buildPlayoutPlanAt(db(), plugins, 'retro1', at, { spanMs: 120_000 });
    const plan = planOf(result);
    assert.deepEqual(result.kind === 'plan' ? result.producer : undefined, { id: null, type: 'schedule' });
    const [first, second] = plan.segments;
    assert.equal(first?.startsAtMs, at);
    assert.equal(first?.inPointMs, 25_500);
    assert.equal(first?.durationMs, 14_500);
    assert.equal(first?.playlogEventId, `retro1@${networkNow}`);
    assert.equal(first?.source.kind, 'asset');
    assert.equal(second?.startsAtMs, networkNow + 40_000);
    assert.equal(second?.inPointMs, 0);
    plan.segments.forEach((s, i) => {
      const previous = plan.segments[i - 1];
      if (previous) assert.equal(s.startsAtMs, previous.startsAtMs + previous.durationMs, `segment ${i} is contiguous`);
    });
    const last = plan.segments.at(-1);
    assert.ok(last && last.startsAtMs < at + 120_000 && last.startsAtMs + last.durationMs >= at + 120_000, 'the plan reaches its span');
    assert.deepEqual(plan.segments.map((s) => s.source.kind === 'synthetic' ? s.source.synthetic : 'asset').slice(0, 6), ['asset', 'asset', 'asset', 'asset', 'slate', 'asset']);
    assert.equal(plan.profile.name, 'sd-480p30');
    assert.deepEqual(plan.directives, []);
  });

  test('unknown channel, and an instant the playlog does not reach (a gap), are told apart', async () => {
    await seedPlayoutNetwork(db());
    await buildPlaylog(db(), networkNow);
    const unknown = await buildPlayoutPlanAt(db(), plugins, 'ghost', networkNow);
    assert.equal(unknown.kind, 'unknown-channel');
    const gap = await buildPlayoutPlanAt(db(), plugins, 'retro1', networkNow + 24 * 3_600_000);
    assert.equal(gap.kind, 'gap');
    assert.match(gap.kind === 'gap' ? gap.message : '', /nothing on air at 2026-11-25T15:00:00.000Z/);
  });

  test('test-pattern producer: the channel named one, its plan is synthetic and needs no playlog', async () => {
    await seedPlayoutNetwork(db());
    await db().insertInto('producer').values({ id: 'bars', type: 'test-pattern', config: JSON.stringify({ picture: 'test-card', text: 'Off air' }) }).execute();
    await db().updateTable('channel').set({ producer_id: 'bars' }).where('id', '=', 'retro1').execute();
    const result = await buildPlayoutPlanAt(db(), plugins, 'retro1', networkNow, { spanMs: 60_000 });
    const plan = planOf(result);
    assert.deepEqual(result.kind === 'plan' ? result.producer : undefined, { id: 'bars', type: 'test-pattern' });
    assert.deepEqual(plan.segments, [{
      source: { kind: 'synthetic', synthetic: 'test-card', text: 'Off air' }, inPointMs: 0, durationMs: 60_000, startsAtMs: networkNow,
      playlogEventId: null, title: 'Off air', transitionIn: { kind: 'cut' },
    }]);
  });

  test('renditions: one made for another profile never enters the plan, whatever its treatment', async () => {
    const catalog = await seedPlayoutNetwork(db());
    await buildPlaylog(db(), networkNow);
    const episode = catalog.assets['sitcom-1'] as string;
    await db().insertInto('asset_rendition').values({
      asset_id: episode, profile: 'hd-720p30', path: `/renditions/hd-720p30/${episode}.mp4`, size_bytes: 10, duration_ms: 1000, source_size_bytes: 1000, source_mtime_ms: 1,
    }).execute();
    const plan = planOf(await buildPlayoutPlanAt(db(), plugins, 'retro1', networkNow + 1000, { spanMs: 45_000 }));
    const first = plan.segments[0]?.source;
    assert.ok(first?.kind === 'asset' && first.assetId === episode);
    assert.equal(first.rendition, undefined, 'an sd-480p30 plan names no hd-720p30 rendition');
  });

  test('renditions: the one for the plan\'s profile is in the plan with the source size and mtime it was made from; the playability rule decides', async () => {
    const catalog = await seedPlayoutNetwork(db());
    await buildPlaylog(db(), networkNow);
    const episode = catalog.assets['sitcom-1'] as string;
    const bumper = catalog.assets['bumper-1'] as string;
    for (const [assetId, mtime, profile] of [[episode, 1, 'sd-480p30'], [bumper, 2, 'sd-480p30'], [bumper, 3, 'hd-720p30']] as const) {
      await db().insertInto('asset_rendition').values({
        asset_id: assetId, profile, path: `/renditions/${profile}/${assetId}.mp4`, size_bytes: 10, duration_ms: 1000, source_size_bytes: 1000, source_mtime_ms: mtime,
      }).execute();
    }
    const plan = planOf(await buildPlayoutPlanAt(db(), plugins, 'retro1', networkNow + 1000, { spanMs: 45_000 }));
    const [first, second] = plan.segments;
    assert.deepEqual(first?.source, {
      kind: 'asset', assetId: episode, path: '/media/lib/Series/sitcom-1.mkv',
      rendition: { path: `/renditions/sd-480p30/${episode}.mp4`, profile: 'sd-480p30', sourceSizeBytes: 1000, sourceMtimeMs: 1, treatmentKey: 'a0' },
      treatment: {},
    });
    assert.deepEqual(second?.source, {
      kind: 'asset', assetId: bumper, path: '/media/lib/Bumpers/bumper-1.mkv',
      rendition: { path: `/renditions/sd-480p30/${bumper}.mp4`, profile: 'sd-480p30', sourceSizeBytes: 1000, sourceMtimeMs: 2, treatmentKey: 'a0' },
      treatment: {},
    });
    // The source files as they are now: the episode's is the one its rendition was made from, the bumper's changed.
    const disk: FileStat = (path) => (path.startsWith('/renditions/') ? { sizeBytes: 10, mtimeMs: 5 } : { sizeBytes: 1000, mtimeMs: 1 });
    assert.equal(first?.source.kind === 'asset' ? playableFile(first.source, plan.profile.name, disk).kind : '', 'rendition');
    assert.equal(second?.source.kind === 'asset' ? playableFile(second.source, plan.profile.name, disk).kind : '', 'source');
  });

  test('gap rule: a tune at the first event\'s start has a plan, one millisecond before it is a gap (no slack)', async () => {
    await seedPlayoutNetwork(db());
    await buildPlaylog(db(), networkNow);
    const [first] = await loadPlaylog(db(), 'retro1', 0, Number.MAX_SAFE_INTEGER);
    assert.ok(first);
    const on = await buildPlayoutPlanAt(db(), plugins, 'retro1', first.startMs);
    assert.equal(planOf(on).segments[0]?.startsAtMs, first.startMs);
    const before = await buildPlayoutPlanAt(db(), plugins, 'retro1', first.startMs - 1);
    assert.deepEqual(before.kind === 'gap' ? before.nextStartMs : before.kind, first.startMs);
  });

  test('a disabled channel is off air; an asset the catalog no longer has ready plays as an unavailable segment with the reason', async () => {
    const catalog = await seedPlayoutNetwork(db());
    await buildPlaylog(db(), networkNow);
    const episode = catalog.assets['sitcom-1'] as string;
    await db().updateTable('asset').set({ state: 'invalid', invalid_reason: 'probe found no video stream' }).where('id', '=', episode).execute();
    const plan = planOf(await buildPlayoutPlanAt(db(), plugins, 'retro1', networkNow + 1000, { spanMs: 10_000 }));
    assert.deepEqual(plan.segments[0]?.source, { kind: 'unavailable', assetId: episode, reason: `asset ${episode} (/media/lib/Series/sitcom-1.mkv) is invalid: probe found no video stream` });
    assert.deepEqual(checkPlanAssets(plan, () => ({ sizeBytes: 1, mtimeMs: 1 })).map((p) => [p.segmentIndex, p.onAir, p.reason]), [[0, true, `asset ${episode} (/media/lib/Series/sitcom-1.mkv) is invalid: probe found no video stream`]]);
    await db().updateTable('channel').set({ enabled: false }).where('id', '=', 'retro1').execute();
    const off = await buildPlayoutPlanAt(db(), plugins, 'retro1', networkNow + 1000);
    assert.deepEqual(off, { kind: 'off-air', message: 'channel "retro1" is disabled (off air); retrovue channel update retro1 --enabled puts it on air' });
  });

  test('playout enrichers attached to the channel decorate the plan in order and leave its segments as they were', async () => {
    await seedPlayoutNetwork(db());
    await buildPlaylog(db(), networkNow);
    const bare = planOf(await buildPlayoutPlanAt(db(), plugins, 'retro1', networkNow + 5000, { spanMs: 120_000 }));
    await db().insertInto('enricher').values([
      { id: 'logo', type: 'bug', kind: 'playout', config: JSON.stringify({ image: '/logos/retro.png', corner: 'bottom-right' }) },
      { id: 'tape', type: 'vhs', kind: 'playout', config: JSON.stringify({ noise: 5 }) },
      { id: 'next', type: 'lower-third', kind: 'playout', config: JSON.stringify({ before_end_ms: 10_000, duration_ms: 5000 }) },
    ]).execute();
    await setChannelEnrichers(db(), 'retro1', ['tape', 'logo', 'next']);
    const result = await buildPlayoutPlanAt(db(), plugins, 'retro1', networkNow + 5000, { spanMs: 120_000 });
    const plan = planOf(result);
    assert.deepEqual(result.kind === 'plan' ? result.enrichers : undefined, ['tape', 'logo', 'next']);
    assert.deepEqual(plan.segments, bare.segments);
    assert.deepEqual(plan.directives.slice(0, 2), [
      { kind: 'vhs', noise: 5, chromaShiftPx: 2, blur: 1, scanlines: true },
      { kind: 'image-overlay', imagePath: '/logos/retro.png', corner: 'bottom-right', opacity: 0.8, marginPx: 16 },
    ]);
    // Programs end at :40 of every minute: "Up next" shows from :30 to :35.
    assert.deepEqual(plan.directives.slice(2, 4), [
      { kind: 'lower-third', text: 'Up next: Sitcom', fromMs: networkNow + 30_000, toMs: networkNow + 35_000 },
      { kind: 'lower-third', text: 'Up next: Sitcom', fromMs: networkNow + 90_000, toMs: networkNow + 95_000 },
    ]);
  });

  test('asset check: a missing file on air blocks the plan; a missing file later is only reported', async () => {
    await seedPlayoutNetwork(db());
    await buildPlaylog(db(), networkNow);
    const plan = planOf(await buildPlayoutPlanAt(db(), plugins, 'retro1', networkNow + 1000, { spanMs: 60_000 }));
    const problems = checkPlanAssets(plan);
    assert.deepEqual(problems[0], { segmentIndex: 0, assetId: plan.segments[0]?.source.kind === 'asset' ? plan.segments[0].source.assetId : '', title: 'Sitcom: sitcom-1', reason: 'file not found: /media/lib/Series/sitcom-1.mkv', onAir: true });
    assert.ok(problems.slice(1).every((p) => !p.onAir && p.segmentIndex > 0));
    const file = join(scratch, 'episode.mkv');
    writeFileSync(file, 'x');
    const present = { ...plan, segments: plan.segments.map((s, i) => (i === 0 && s.source.kind === 'asset' ? { ...s, source: { ...s.source, path: file } } : s)) };
    assert.equal(checkPlanAssets(present).filter((p) => p.onAir).length, 0);
  });

  test('a producer that throws, or an enricher that changes what airs, fails the plan with one clear error', async () => {
    await seedPlayoutNetwork(db());
    await buildPlaylog(db(), networkNow);
    const broken = builtinPlugins();
    broken.producers.register({ ...broken.producers.get('schedule'), type: 'broken', produce: () => { throw new Error('tape jammed'); } });
    broken.enrichers.register({
      type: 'sneaky', kind: 'playout', description: 'Test only: swaps the programme.', configSchema: { type: 'object' },
      decorate: (plan) => ({ ...plan, segments: plan.segments.slice(1) }),
    });
    await db().insertInto('producer').values({ id: 'jam', type: 'broken' }).execute();
    await db().updateTable('channel').set({ producer_id: 'jam' }).execute();
    await assert.rejects(buildPlayoutPlanAt(db(), broken, 'retro1', networkNow), { code: 'plugin_failed', message: /^producer jam failed on channel retro1 at 2026-11-24T15:00:00.000Z: tape jammed$/ });
    await db().updateTable('channel').set({ producer_id: null }).execute();
    await db().insertInto('enricher').values({ id: 'swap', type: 'sneaky', kind: 'playout' }).execute();
    await setChannelEnrichers(db(), 'retro1', ['swap']);
    await assert.rejects(buildPlayoutPlanAt(db(), broken, 'retro1', networkNow), { code: 'plugin_failed', message: /enricher swap \(sneaky\) changed what airs on channel retro1/ });
  });
});
