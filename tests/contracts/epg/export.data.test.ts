// Data contract tests for `retrovue epg export` (contracts/epg/export.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { assertOutReplacedAtomically } from '../../support/atomic-out.js';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, friday, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';
import type { KyselyPlugin } from 'kysely';
import { firstAiringsOf } from '../../../src/scheduling/epg/first-airing-repository.js';
import { loadScheduleDays } from '../../../src/scheduling/schedule-day/schedule-day-repository.js';

type Programme = { '@start': string; '@stop': string; '@channel': string; title: string; 'sub-title'?: string; new?: string; 'previously-shown'?: string };
const parse = (xml: string) =>
  (new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (n) => ['programme', 'episode-num'].includes(n) }).parse(xml) as { tv: { programme: Programme[] } }).tv.programme;

forEachDatabase((fx) => {
  test('D-1: one programme per stored slot of the exported days, with title, xmltv_ns and SxxEyy numbering and resolved times', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '2']);
    const run = await cli(['epg', 'export', '--days', '2'], { database: fx.database, clock: friday });
    assert.equal(run.exitCode, 0, run.stderr);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (n) => ['programme', 'episode-num'].includes(n) }).parse(run.stdout) as {
      tv: { programme: Array<{ '@start': string; '@stop': string; title: string; 'episode-num'?: Array<{ '@system': string; '#text': string }> }> };
    };
    const slots = await fx.database.db.selectFrom('schedule_slot').select(['start_ms', 'title', 'season', 'episode']).orderBy('start_ms').execute();
    parsed.tv.programme = parsed.tv.programme.filter((p) => p.title !== 'Off Air');
    assert.equal(parsed.tv.programme.length, slots.length);
    const first = parsed.tv.programme[0];
    assert.equal(first?.['@start'], '20250307060000 +0000');
    assert.equal(first?.['@stop'], '20250307063000 +0000');
    assert.equal(first?.title, 'Captain Comet');
    assert.deepEqual(first?.['episode-num']?.map((e) => `${e['@system']}=${e['#text']}`), ['xmltv_ns=0.0.', 'onscreen=S01E01']);
    assert.deepEqual(parsed.tv.programme.map((p) => p.title), slots.map((s) => s.title));
  });

  test('D-2: --out is replaced atomically (a reader of the old file keeps it whole); a failed write leaves the old file and no partial; a symlink stays a link, a FIFO is written into', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '1']);
    await assertOutReplacedAtomically(fx.database, ['epg', 'export', '--format', 'xmltv'], 'guide.xml', friday);
  });

  test('D-3: the guide is gapless over the built days, across programming-day boundaries; the off-air night is its own programme', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '3']);
    const run = await cli(['epg', 'export', '--days', '3'], { database: fx.database, clock: friday });
    assert.equal(run.exitCode, 0, run.stderr);
    const programmes = parse(run.stdout);
    programmes.slice(1).forEach((p, i) => assert.equal(p['@start'], programmes[i]?.['@stop'], `programme ${i + 1} starts where the one before stops`));
    assert.equal(programmes[0]?.['@start'], '20250307060000 +0000');
    assert.equal(programmes.at(-1)?.['@stop'], '20250310060000 +0000');
    const offAir = programmes.filter((p) => p.title === 'Off Air').map((p) => `${p['@start']}-${p['@stop']}`);
    assert.deepEqual(offAir, ['20250307180000 +0000-20250308060000 +0000', '20250308180000 +0000-20250309060000 +0000', '20250309180000 +0000-20250310060000 +0000']);
  });

  test('D-4: <new/> for a first airing of an asset on the channel, <previously-shown/> otherwise (schedule and as-run), in one query', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '2']);
    const slots = await fx.database.db.selectFrom('schedule_slot').select(['start_ms', 'asset_id', 'title', 'subtitle']).orderBy('start_ms').execute();
    const seen = new Set<string>();
    const expected = slots.map((s) => (seen.has(s.asset_id as string) ? 'repeat' : (seen.add(s.asset_id as string), 'new')));
    const airings = (ps: Programme[]) => ps.filter((p) => p.title !== 'Off Air').map((p) => ('new' in p ? 'new' : 'previously-shown' in p ? 'repeat' : 'none'));
    const before = parse((await cli(['epg', 'export', '--days', '2'], { database: fx.database, clock: friday })).stdout);
    assert.deepEqual(airings(before), expected);
    assert.ok(expected.includes('new') && expected.includes('repeat'), 'the sample has both (6 Captain Comet episodes in 12 morning slots)');
    // The first slot's episode aired on this channel before the guide's first day (pruned since): a repeat now.
    const first = slots[0];
    await fx.database.db.insertInto('as_run').values({ channel_id: 'retro1', playlog_event_id: null, asset_id: first?.asset_id as string, title: 'earlier', scheduled_start_ms: Number(first?.start_ms) - 86_400_000, actual_start_ms: Number(first?.start_ms) - 86_400_000, end_ms: Number(first?.start_ms) - 86_000_000, in_point_ms: 0, status: 'aired', reason: null }).execute();
    const after = parse((await cli(['epg', 'export', '--days', '2'], { database: fx.database, clock: friday })).stdout);
    assert.deepEqual(airings(after), ['repeat', ...expected.slice(1)]);
    let queries = 0;
    const counter: KyselyPlugin = { transformQuery: (a) => ((queries += 1), a.node), transformResult: async (a) => a.result };
    for (const n of [1, 2]) {
      const days = await loadScheduleDays(fx.database.db, 'retro1', '2025-03-07', n === 1 ? '2025-03-07' : '2025-03-08');
      queries = 0;
      await firstAiringsOf(fx.database.db.withPlugin(counter), days);
      assert.equal(queries, 1, `${n} day(s): one query`);
    }
  });
});
