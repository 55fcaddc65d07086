// Data contract tests for `retrovue epg export` (contracts/epg/export.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { assertOutReplacedAtomically } from '../../support/atomic-out.js';
import { cli } from '../../support/cli.js';
import { addScheduledChannel, friday, ok } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

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
    assert.equal(parsed.tv.programme.length, slots.length);
    const first = parsed.tv.programme[0];
    assert.equal(first?.['@start'], '20250307060000 +0000');
    assert.equal(first?.['@stop'], '20250307063000 +0000');
    assert.equal(first?.title, 'Captain Comet');
    assert.deepEqual(first?.['episode-num']?.map((e) => `${e['@system']}=${e['#text']}`), ['xmltv_ns=0.0.', 'onscreen=S01E01']);
    assert.deepEqual(parsed.tv.programme.map((p) => p.title), slots.map((s) => s.title));
  });

  test('D-2: --out is replaced atomically (a reader of the old file keeps it whole); a failed write leaves the old file and no partial', async () => {
    await addScheduledChannel(fx.database);
    await ok(fx.database, ['schedule-day', 'build', '--channel', 'retro1', '--days', '1']);
    await assertOutReplacedAtomically(fx.database, ['epg', 'export', '--format', 'xmltv'], 'guide.xml', friday);
  });
});
