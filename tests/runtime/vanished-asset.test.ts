// Issue 15: the playlog never plays a path the catalog no longer has. An asset the last ingest found missing
// is an unavailable segment of the plan, carrying the catalog's reason; AIR airs slate in its place and
// reports that reason, and the as-run records the segment as substituted with it. Real database, plan
// builder, engine (from source, without pacing), as-run recorder and log.
import assert from 'node:assert/strict';
import type { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { before, test } from 'node:test';
import type { Kysely } from 'kysely';
import { markMissing } from '../../src/catalog/asset-repository.js';
import type { Schema } from '../../src/db/schema.js';
import { createLogger } from '../../src/core/logger.js';
import { buildPlayoutPlanAt } from '../../src/playout/playout-plan-builder.js';
import { builtinPlugins } from '../../src/plugins/builtin-plugins.js';
import type { PlayoutPlan } from '../../src/plugins/playout-plan.js';
import { AsRunLog } from '../../src/runtime/asrun-log.js';
import { AsRunRecorder } from '../../src/runtime/asrun-recorder.js';
import { loadAsRun } from '../../src/runtime/asrun-repository.js';
import { DbGate } from '../../src/runtime/db-gate.js';
import { eventsOf, startAir } from '../support/air-engine.js';
import { playoutMedia, type PlayoutMedia } from '../support/playout-media.js';
import { forEachDatabase } from '../support/test-databases.js';
import { buildPlaylog, seedPlayoutNetwork } from '../playout/playout-fixtures.js';

let media: PlayoutMedia;
before(async () => {
  media = await playoutMedia();
});

forEachDatabase((fx) => {
  test('an asset the catalog lost airs as slate, reported by AIR and recorded in the as-run as substituted with the catalog\'s reason', async () => {
    const db = fx.database.db;
    const catalog = await seedPlayoutNetwork(db, {
      episodeSeconds: 14, bumperSeconds: 4, commercialSeconds: 6, secondCommercialSeconds: 5, episodes: 2,
      files: { episode: media.path('episode'), bumper: media.path('bumper'), commercial: media.path('commercial'), secondCommercial: media.path('commercial2') },
      silentFiles: [media.path('commercial2')],
    });
    const startedMs = Date.now();
    await buildPlaylog(db, startedMs);
    const bumper = catalog.assets['bumper-1'] as string;
    await markMissing(db, [bumper], new Date());
    const reason = `asset ${bumper} (${media.path('bumper')}) was missing at the last ingest of its collection`;

    const plan = await planWithLostBumperLater(db);
    const lost = plan.segments.findIndex((s) => s.source.kind === 'unavailable');
    assert.ok(lost >= 1, 'a bumper airs within the plan, after what is on air');
    assert.deepEqual(plan.segments[lost]?.source, { kind: 'unavailable', assetId: bumper, reason });
    // Up to the lost bumper and the segment after it: enough to see it replaced and playout go on.
    const air = await startAir(['--no-pacing']);
    try {
      (air.child.stdin as Writable).write(`${JSON.stringify({ ...plan, segments: plan.segments.slice(0, lost + 2) })}\n`);
      air.send({ type: 'end' });
      const { code } = await air.exited;
      assert.equal(code, 0, air.stderr());
    } finally {
      air.child.kill('SIGKILL');
    }

    const substituted = eventsOf(air.events, 'segment-substituted');
    assert.deepEqual(substituted.map((e) => [e.segment.index, e.segment.assetId, e.reason, e.substitute]), [[lost, bumper, reason, 'slate']]);
    assert.deepEqual(eventsOf(air.events, 'segment-ended').map((e) => e.outcome), plan.segments.slice(0, lost + 2).map((_, i) => (i === lost ? 'substituted' : 'complete')));

    const gate = new DbGate(db, fx.dialect);
    const asRun = new AsRunLog({ dir: null, db: gate, log: createLogger({ level: 'silent' }) });
    const recorder = new AsRunRecorder('retro1', asRun);
    for (const event of air.events) recorder.onEvent(event);
    await asRun.flush();
    const records = await gate.run((handle) => loadAsRun(handle, 'retro1', startedMs - 3_600_000, Date.now() + 3_600_000));
    assert.equal(records.length, lost + 2);
    const record = records.find((r) => r.assetId === bumper);
    assert.ok(record, JSON.stringify(records));
    assert.deepEqual([record.status, record.reason, record.playlogEventId], ['substituted', reason, plan.segments[lost]?.playlogEventId]);
    assert.ok(records.filter((r) => r !== record).every((r) => r.status === 'aired' && r.reason === null), JSON.stringify(records));
  });
});

/** The plan at now, once what is on air is not the lost bumper and has a couple of seconds left. */
async function planWithLostBumperLater(db: Kysely<Schema>): Promise<PlayoutPlan> {
  for (;;) {
    const built = await buildPlayoutPlanAt(db, builtinPlugins(), 'retro1', Date.now(), { spanMs: 90_000 });
    assert.equal(built.kind, 'plan');
    const first = built.kind === 'plan' ? built.plan.segments[0] : undefined;
    assert.ok(built.kind === 'plan' && first);
    if (first.source.kind !== 'unavailable' && first.durationMs > 2000) return built.plan;
    await sleep(first.durationMs + 100);
  }
}
