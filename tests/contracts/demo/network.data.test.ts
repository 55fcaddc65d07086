// Data contract tests for `retrovue demo network` (contracts/demo/network.yaml).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { cli } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';
import { tvValidateFile } from '../../support/xmltv-validator.js';

const home = mkdtempSync(join(tmpdir(), 'retrovue-demo-data-'));
after(() => rmSync(home, { recursive: true, force: true }));

forEachDatabase((fx) => {
  test('D-1: cartoons mornings, sitcoms afternoons, movies in prime time; starts on the grid; playlog contiguous with bumpers and commercials', async () => {
    const run = await cli(['demo', '--no-serve', '--json'], { database: fx.database, env: { RETROVUE_HOME: home } });
    assert.equal(run.exitCode, 0, run.stderr);
    const db = fx.database.db;
    const slots = await db.selectFrom('schedule_slot').select(['channel_id', 'zone_name', 'title', 'start_ms', 'content_end_ms', 'block_end_ms']).execute();
    const titles = (channel: string, zone: string) => new Set(slots.filter((s) => s.channel_id === channel && s.zone_name === zone).map((s) => s.title));
    for (const channel of ['toons', 'sitcoms', 'movies']) {
      assert.deepEqual([...titles(channel, 'cartoons')], ['Captain Comet']);
      const sitcoms = [...titles(channel, 'sitcoms')];
      assert.ok(sitcoms.length > 0 && sitcoms.every((t) => t === 'Kitchen Capers' || t === 'Mystery Manor'), `${channel}: ${sitcoms.join(', ')}`);
      const movies = [...titles(channel, 'prime-time')];
      assert.ok(movies.length > 0 && movies.every((t) => ['Night Drive', 'Robot Summer', 'The Long Voyage'].includes(t)), `${channel}: ${movies.join(', ')}`);
    }
    // Grid: every start on a whole minute; the long movie takes three one-minute blocks, never cut.
    assert.ok(slots.every((s) => Number(s.start_ms) % 60_000 === 0));
    const voyage = slots.find((s) => s.title === 'The Long Voyage');
    assert.ok(voyage && Number(voyage.block_end_ms) - Number(voyage.start_ms) === 180_000 && Number(voyage.content_end_ms) - Number(voyage.start_ms) >= 150_000);
    for (const channel of ['toons', 'sitcoms', 'movies']) {
      const events = await db.selectFrom('playlog_event').selectAll().where('channel_id', '=', channel).orderBy('start_ms').execute();
      assert.ok(events.length > 100, channel);
      for (let i = 1; i < events.length; i++) assert.equal(Number(events[i]?.start_ms), Number(events[i - 1]?.end_ms), `${channel} event ${i}`);
      const kinds = await sql<{ kind: string }>`select distinct a.kind from playlog_event e join asset a on a.id = e.asset_id
        where e.channel_id = ${channel} and e.role = 'interstitial'`.execute(db);
      const collections = await sql<{ name: string }>`select distinct c.name from playlog_event e join asset a on a.id = e.asset_id join collection c on c.id = a.collection_id
        where e.channel_id = ${channel} and e.role = 'interstitial' order by c.name`.execute(db);
      assert.deepEqual(collections.rows.map((r) => r.name), ['Bumpers', 'Commercials'], `${channel}: ${JSON.stringify(kinds.rows)}`);
    }
  });

  test('D-10: each demo channel\'s guide is gapless though its playlog airs avails (23:59-00:00, 05:58-06:00), and tv_validate_file accepts it', async () => {
    // 30 hours of playlog hold a 23:59-00:00 avail whatever the time of day the test runs at.
    assert.equal((await cli(['demo', 'network', '--no-serve', '--playlog-hours', '30'], { database: fx.database, env: { RETROVUE_HOME: home } })).exitCode, 0);
    const out = join(home, 'd10.xml');
    assert.equal((await cli(['epg', 'export', '--days', '2', '--out', out], { database: fx.database, env: { RETROVUE_HOME: home } })).exitCode, 0);
    const verdict = tvValidateFile(out);
    assert.ok(verdict.ok, verdict.report);
    const xml = readFileSync(out, 'utf8');
    for (const id of ['toons', 'sitcoms', 'movies']) {
      const times = [...xml.matchAll(new RegExp(`<programme start="([^"]+)" stop="([^"]+)" channel="${id}\\.retrovue"`, 'g'))].map((m) => [m[1], m[2]]);
      assert.ok(times.length > 10, id);
      times.slice(1).forEach(([start], i) => assert.equal(start, times[i]?.[1], `${id}: programme ${i + 1} starts where the one before stops`));
    }
    // The playlog still airs interstitials where the guide shows the programme before them.
    const fillers = await fx.database.db.selectFrom('playlog_event').select(['role']).where('channel_id', '=', 'toons').where('slot_id', 'is', null).execute();
    assert.ok(fillers.length > 0, 'the playlog airs avails');
  });
});
