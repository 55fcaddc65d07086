// Data contract tests for `retrovue asrun show` (contracts/asrun/show.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addChannel } from '../../support/channels.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';
import type { AsRunRecord } from '../../../src/runtime/asrun-recorder.js';
import { insertAsRun } from '../../../src/runtime/asrun-repository.js';

forEachDatabase((fx) => {
  test('D-1: each entry equals what the runtime recorded, and showing writes nothing', async () => {
    await addChannel(fx.database, 'retro1', '3');
    const asset = await fx.database.db.selectNoFrom((eb) => eb.fn<string>('gen_random_uuid').as('id')).executeTakeFirstOrThrow();
    const start = Date.parse('2026-11-24T10:00:00Z');
    const records: AsRunRecord[] = [
      { channelId: 'retro1', playlogEventId: `retro1@${start}`, assetId: asset.id, title: 'Captain Comet: Pilot', scheduledStartMs: start, actualStartMs: start + 1234, endMs: start + 600_000, inPointMs: 1234, status: 'truncated', reason: 'playout stopped (no viewers left, or shutdown)' },
      { channelId: 'retro1', playlogEventId: null, assetId: null, title: 'slate', scheduledStartMs: start + 600_000, actualStartMs: start + 600_500, endMs: start + 601_000, inPointMs: 0, status: 'substituted', reason: 'file unreadable' },
      { channelId: 'retro1', playlogEventId: `retro1@${start + 601_000}`, assetId: null, title: 'Bumper', scheduledStartMs: start + 601_000, actualStartMs: start + 601_000, endMs: start + 602_000, inPointMs: 0, status: 'error', reason: 'the playout engine exited (code null, signal SIGKILL)' },
    ];
    await insertAsRun(fx.database.db, records);
    const before = await fx.database.db.selectFrom('as_run').selectAll().orderBy('id').execute();
    const run = await cli(['asrun', 'show', '--channel', 'retro1', '--date', '2026-11-24', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    const iso = (ms: number) => new Date(ms).toISOString();
    assert.deepEqual(json<{ entries: unknown[] }>(run).entries, records.map((r) => ({
      playlog_event_id: r.playlogEventId, asset_id: r.assetId, title: r.title, scheduled_start: iso(r.scheduledStartMs), actual_start: iso(r.actualStartMs),
      end: iso(r.endMs), in_point_ms: r.inPointMs, status: r.status, reason: r.reason,
    })));
    assert.deepEqual(await fx.database.db.selectFrom('as_run').selectAll().orderBy('id').execute(), before);
  });
});
