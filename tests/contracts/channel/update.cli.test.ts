// CLI contract tests for `retrovue channel update` (contracts/channel/update.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addChannel } from '../../support/channels.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Updated {
  channel: { id: string; name: string; number: string; grid_block_minutes: number; block_start_offsets_minutes: number[] };
  changed: string[];
  dry_run?: boolean;
}

forEachDatabase((fx) => {
  test('B-1: prints the updated channel and the changed fields, and exits 0', async () => {
    await addChannel(fx.database, 'retro1', '3');
    const run = await cli(['channel', 'update', 'retro1', '--name', 'Retro Prime', '--grid-block-minutes', '60', '--json'], {
      database: fx.database,
    });
    assert.equal(run.exitCode, 0, run.stderr);
    const doc = json<Updated>(run);
    assert.equal(doc.channel.name, 'Retro Prime');
    assert.equal(doc.channel.grid_block_minutes, 60);
    assert.deepEqual(doc.changed.sort(), ['grid_block_minutes', 'name']);
    const same = json<Updated>(await cli(['channel', 'update', 'retro1', '--name', 'Retro Prime', '--json'], { database: fx.database }));
    assert.deepEqual(same.changed, []);
  });

  test('B-2: an unknown id exits 1 with one line naming it', async () => {
    const run = await cli(['channel', 'update', 'ghost', '--name', 'Boo'], { database: fx.database });
    assert.equal(run.exitCode, 1);
    assert.equal(run.stderr, 'retrovue: error: channel "ghost" does not exist; see retrovue channel list\n');
  });

  test('B-3: --dry-run reports the channel as it would become and persists nothing', async () => {
    await addChannel(fx.database, 'retro1', '3');
    const run = await cli(['channel', 'update', 'retro1', '--number', '9', '--dry-run', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    const doc = json<Updated>(run);
    assert.equal(doc.channel.number, '9');
    assert.equal(doc.dry_run, true);
    const shown = json<Updated>(await cli(['channel', 'show', 'retro1', '--json'], { database: fx.database }));
    assert.equal(shown.channel.number, '3');
    const text = await cli(['channel', 'update', 'retro1', '--number', '9', '--dry-run'], { database: fx.database });
    assert.match(text.stdout, /would update number/);
    assert.match(text.stderr, /dry run: nothing was changed/);
  });

  test('B-4: a value that breaks the grid is refused with exit 1 naming the field', async () => {
    await addChannel(fx.database, 'retro1', '3', ['--grid-block-minutes', '60', '--block-start-offsets-minutes', '0,45']);
    const badBlock = await cli(['channel', 'update', 'retro1', '--grid-block-minutes', '25'], { database: fx.database });
    assert.equal(badBlock.exitCode, 1);
    assert.match(badBlock.stderr, /grid-block-minutes must divide 1440/);
    const offsetOutside = await cli(['channel', 'update', 'retro1', '--grid-block-minutes', '30'], { database: fx.database });
    assert.equal(offsetOutside.exitCode, 1);
    assert.match(offsetOutside.stderr, /block-start-offsets-minutes must each lie in \[0, 30\) for a 30-minute block; got 45/);
  });

  test('B-5: an unknown producer, an unknown enricher or an ingest enricher is refused with exit 1 naming it', async () => {
    await addChannel(fx.database, 'retro1', '3');
    const producer = await cli(['channel', 'update', 'retro1', '--producer', 'vcr'], { database: fx.database });
    assert.equal(producer.exitCode, 1);
    assert.equal(producer.stderr, 'retrovue: error: producer "vcr" does not exist; see retrovue producer list\n');
    const enricher = await cli(['channel', 'update', 'retro1', '--enrichers', 'ghost'], { database: fx.database });
    assert.equal(enricher.exitCode, 1);
    assert.equal(enricher.stderr, 'retrovue: error: enricher "ghost" does not exist; see retrovue enricher list\n');
    const ingest = await cli(['channel', 'update', 'retro1', '--enrichers', 'ffprobe'], { database: fx.database });
    assert.equal(ingest.exitCode, 1);
    assert.match(ingest.stderr, /enricher "ffprobe" is an ingest enricher; a channel takes playout enrichers/);
  });

  test('B-1: --producer and --enrichers are reported as changed, with the resulting chain', async () => {
    await addChannel(fx.database, 'retro1', '3');
    assert.equal((await cli(['producer', 'add', '--id', 'bars', '--type', 'test-pattern'], { database: fx.database })).exitCode, 0);
    assert.equal((await cli(['enricher', 'add', '--id', 'tape', '--type', 'vhs'], { database: fx.database })).exitCode, 0);
    const run = await cli(['channel', 'update', 'retro1', '--producer', 'bars', '--enrichers', 'tape', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    const doc = json<Updated & { enrichers: string[]; channel: { producer: string | null } }>(run);
    assert.deepEqual([doc.changed, doc.enrichers, doc.channel.producer], [['producer', 'enrichers'], ['tape'], 'bars']);
    const text = await cli(['channel', 'update', 'retro1', '--producer', 'default'], { database: fx.database });
    assert.match(text.stdout, /^updated producer\n[^]*producer default \(schedule\), playout enrichers tape\n$/);
  });
});
