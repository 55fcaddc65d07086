// Data contract tests for `retrovue schedule-day list` (contracts/schedule-day/list.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { addScheduledChannel, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: days in programming-day order, matching the stored rows', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '3']);
    const doc = await ok<{ days: Array<{ programming_day: string; starts_at: string; ends_at: string; plan: string }> }>(fx.database, ['schedule-day', 'list', '--channel', 'retro1']);
    const rows = await fx.database.db
      .selectFrom('schedule_day')
      .select([sql<string>`to_char(programming_day, 'YYYY-MM-DD')`.as('day'), 'cover_start_ms', 'cover_end_ms', 'plan_id'])
      .orderBy('programming_day')
      .execute();
    assert.deepEqual(
      doc.days.map((d) => [d.programming_day, Date.parse(d.starts_at), Date.parse(d.ends_at), d.plan]),
      rows.map((r) => [r.day, Number(r.cover_start_ms), Number(r.cover_end_ms), r.plan_id]),
    );
  });
});
