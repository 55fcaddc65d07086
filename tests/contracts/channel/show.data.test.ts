// Data contract tests for `retrovue channel show` (contracts/channel/show.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addChannel } from '../../support/channels.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

forEachDatabase((fx) => {
  test('D-1: the shown channel equals the persisted row field for field', async () => {
    await addChannel(fx.database, 'retro1', '3', ['--programming-day-start', '05:00', '--no-enabled']);
    const row = await fx.database.db.selectFrom('channel').selectAll().where('id', '=', 'retro1').executeTakeFirstOrThrow();
    const { channel } = json<{ channel: Record<string, unknown> }>(await cli(['channel', 'show', 'retro1', '--json'], { database: fx.database }));
    const { producer_id: producer, subtitle_mode: mode, subtitle_languages: languages, loudness_target_lufs: loudness, ...fields } = row;
    assert.deepEqual(channel, {
      ...fields,
      producer,
      subtitles: { mode, languages },
      loudness_target_lufs: loudness === null ? null : Number(loudness),
      created_at: row.created_at.toISOString(),
      updated_at: row.updated_at.toISOString(),
    });
  });
});
