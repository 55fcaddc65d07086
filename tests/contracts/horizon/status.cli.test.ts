// CLI contract tests for `retrovue horizon status` (contracts/horizon/status.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, friday, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('B-1: prints per channel the last built day, schedule and playlog ends, hours ahead and last advance, exit 0', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['horizon', 'advance', '--epg-days', '1', '--playlog-hours', '6']);
    const doc = await ok<{ channels: Array<Record<string, unknown>> }>(fx.database, ['horizon', 'status']);
    assert.deepEqual(doc.channels, [
      {
        channel: 'retro1',
        enabled: true,
        schedule_through: '2025-03-08',
        schedule_end: '2025-03-09T06:00:00.000Z',
        playlog_end: '2025-03-08T06:00:00.000Z',
        schedule_ahead_hours: 44,
        playlog_ahead_hours: 20,
        advanced_at: '2025-03-07T10:00:00.000Z',
      },
    ]);
    const text = await cli(['horizon', 'status'], { database: fx.database, clock: friday });
    assert.match(text.stdout, /retro1: schedule through 2025-03-08 \(44 h ahead\), playlog 20 h ahead, advanced 2025-03-07T10:00:00.000Z/);
  });
});
