// Data contract tests for `retrovue horizon status` (contracts/horizon/status.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addScheduledChannel, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: figures come from the built rows, so days built by schedule-day build count too', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '3']);
    const [status] = (await ok<{ channels: Array<{ schedule_through: string; playlog_end: string | null; advanced_at: string | null }> }>(fx.database, ['horizon', 'status'])).channels;
    assert.equal(status?.schedule_through, '2025-03-09');
    assert.equal(status?.playlog_end, null);
    assert.equal(status?.advanced_at, null);
  });
});
