// Data contract tests for `retrovue demo network` (contracts/demo/network.yaml).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { DateTime } from 'luxon';
import { cli } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';
import { tvValidateFile } from '../../support/xmltv-validator.js';
import type { Schema } from '../../../src/db/schema.js';
import { guideProgrammes, programmesBetween } from '../../../src/scheduling/epg/epg-guide.js';
import { loadScheduleDaysBetween } from '../../../src/scheduling/schedule-day/schedule-day-repository.js';
import type { ScheduledSlot } from '../../../src/scheduling/schedule-day/schedule-day.js';

const home = mkdtempSync(join(tmpdir(), 'retrovue-demo-data-'));
after(() => rmSync(home, { recursive: true, force: true }));

const demoIds = ['toons', 'sitcoms', 'movies'];

/**
 * D-50 in `zone`: at half past every hour of tomorrow's programming day (built whatever the hour now), every
 * demo channel's guide has a programme on air, never Off Air, and at most one of them is synthetic content;
 * and only one channel schedules synthetic content at all.
 */
async function assertOnAirEveryHour(db: Kysely<Schema>, zone: string): Promise<void> {
  const rows = await db.selectFrom('channel').select(['id', 'timezone']).orderBy('id').execute();
  assert.deepEqual(rows, [...demoIds].sort().map((id) => ({ id, timezone: zone })), 'the demo channels are in --timezone');
  const dayStart = DateTime.now().setZone(zone).minus({ hours: 6 }).startOf('day').plus({ days: 1, hours: 6 });
  const guides = new Map<string, { guide: ReturnType<typeof guideProgrammes>; slots: Map<string, ScheduledSlot> }>();
  for (const id of demoIds) {
    const days = await loadScheduleDaysBetween(db, id, dayStart.toMillis() - 12 * 3_600_000, dayStart.plus({ days: 1 }).toMillis());
    const slots = new Map(days.flatMap((d) => d.entries).flatMap((e) => (e.kind === 'slot' ? [[e.slotId, e] as const] : [])));
    guides.set(id, { guide: guideProgrammes(days, new Map()), slots });
  }
  for (let hour = 0; hour < 24; hour++) {
    const at = dayStart.plus({ hours: hour, minutes: 30 });
    const synthetic = demoIds.filter((id) => {
      const { guide, slots } = guides.get(id) ?? assert.fail(id);
      const on = programmesBetween(guide.filter((p) => p.channelId === id), at.toMillis(), at.toMillis() + 1);
      assert.equal(on.length, 1, `${id} at ${at.toISO()}: ${JSON.stringify(on)}`);
      assert.equal(on[0]?.kind, 'programme', `${id} at ${at.toISO()} is ${on[0]?.guide.title}`);
      return slots.get(on[0]?.slotId ?? '')?.content.kind === 'synthetic';
    });
    assert.ok(synthetic.length <= 1, `at ${at.toFormat('HH:mm')} ${zone} synthetic content airs on ${synthetic.join(' and ')}`);
  }
  const withSynthetic = await db.selectFrom('schedule_slot').select('channel_id').distinct().where('content_kind', '=', 'synthetic').execute();
  assert.ok(withSynthetic.length <= 1, `synthetic content is scheduled on ${withSynthetic.map((r) => r.channel_id).join(', ')}`);
}

forEachDatabase((fx) => {
  test('D-1, D-50: cartoons mornings, sitcoms afternoons, movies in prime time; starts on the grid; playlog contiguous with bumpers and commercials; a programme at every hour in America/Los_Angeles, a test card on one channel at most', async () => {
    const run = await cli(['demo', '--no-serve', '--json', '--timezone', 'America/Los_Angeles'], { database: fx.database, env: { RETROVUE_HOME: home } });
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
    await assertOnAirEveryHour(db, 'America/Los_Angeles');
  });

  test('D-10, D-50: each demo channel\'s guide is gapless though its playlog airs avails (23:59-00:00, 05:58-06:00), and tv_validate_file accepts it; a programme at every hour in Asia/Tokyo', async () => {
    // 30 hours of playlog hold a 23:59-00:00 avail whatever the time of day the test runs at.
    assert.equal((await cli(['demo', 'network', '--no-serve', '--playlog-hours', '30', '--timezone', 'Asia/Tokyo'], { database: fx.database, env: { RETROVUE_HOME: home } })).exitCode, 0);
    await assertOnAirEveryHour(fx.database.db, 'Asia/Tokyo');
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
