// CLI contract tests for `retrovue channel plan` (contracts/channel/plan.yaml).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { checkPlan } from '../../../src/air/plan-check.js';
import type { PlayoutPlan } from '../../../src/plugins/playout-plan.js';
import { loadPlaylog } from '../../../src/scheduling/playlog/playlog-repository.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';
import { buildPlaylog, networkNow, seedPlayoutNetwork } from '../../playout/playout-fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'retrovue-channel-plan-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const file = join(scratch, 'media.mkv');
writeFileSync(file, 'not really media, but readable');

forEachDatabase((fx) => {
  const plan = (...argv: string[]) => cli(['channel', 'plan', ...argv], { database: fx.database });
  const network = async (files = true) => {
    await seedPlayoutNetwork(fx.database.db, { episodeSeconds: 40, bumperSeconds: 4, commercialSeconds: 6, ...(files ? { files: { episode: file, bumper: file, commercial: file } } : {}) });
    await buildPlaylog(fx.database.db, networkNow);
  };
  const firstEventStart = async () => (await loadPlaylog(fx.database.db, 'retro1', 0, Number.MAX_SAFE_INTEGER))[0]?.startMs ?? Number.NaN;

  test('B-1: --json prints the plan on one line that the AIR engine accepts as its plan, and exits 0', async () => {
    await network();
    const run = await plan('--channel', 'retro1', '--at', '2026-11-24T15:00:10Z', '--span-minutes', '2', '--json');
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout.split('\n').length, 2, 'one line and its newline');
    const doc = json<PlayoutPlan>(run);
    assert.doesNotThrow(() => checkPlan(doc));
    assert.equal(doc.channelId, 'retro1');
    assert.equal(doc.segments[0]?.startsAtMs, networkNow + 10_000);
  });

  test('B-1: text mode shows the segments in the channel time zone, with producer, profile, enrichers and directives', async () => {
    await network();
    assert.equal((await cli(['enricher', 'add', '--id', 'tape', '--type', 'vhs'], { database: fx.database })).exitCode, 0);
    assert.equal((await cli(['channel', 'update', 'retro1', '--enrichers', 'tape'], { database: fx.database })).exitCode, 0);
    // Without an offset the instant is read in the channel's zone (America/New_York: 10:00 is 15:00Z).
    const run = await plan('--channel', 'retro1', '--at', '2026-11-24T10:00:10', '--span-minutes', '1');
    assert.equal(run.exitCode, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, 2), [
      'channel retro1 from 2026-11-24 10:00:10.000 America/New_York',
      'producer default (schedule), profile sd-480p30 (640x480 30000/1001 fps), enrichers tape',
    ]);
    assert.match(lines[3] ?? '', /^START\s+DURATION\s+IN-POINT\s+TITLE\s+SOURCE$/);
    assert.match(lines[4] ?? '', /^10:00:10\.000\s+30\.000s\s+10\.000s\s+Sitcom: sitcom-1\s+\/.*media\.mkv$/);
    assert.match(lines[8] ?? '', /^10:00:56\.000\s+4\.000s\s+0\.000s\s+Sitcom\s+slate$/);
    assert.deepEqual(lines.slice(-2), ['directives:', '  vhs noise 20, chroma shift 2px, blur 1, scanlines']);
  });

  test('B-2: an unknown channel exits 1 naming it, a disabled one saying it is off air; an instant the playlog does not reach exits 1 saying so', async () => {
    await network();
    const unknown = await plan('--channel', 'ghost');
    assert.equal(unknown.exitCode, 1);
    assert.equal(unknown.stderr, 'retrovue: error: channel "ghost" does not exist; see retrovue channel list\n');
    const justBefore = await plan('--channel', 'retro1', '--at', new Date((await firstEventStart()) - 1).toISOString());
    assert.equal(justBefore.exitCode, 1, 'a millisecond before the playlog starts is a gap: no slack');
    assert.match(justBefore.stderr, /has nothing on air at .*: the next event starts/);
    const gap = await plan('--channel', 'retro1', '--at', '2026-12-24T15:00:00Z');
    assert.equal(gap.exitCode, 1);
    assert.match(gap.stderr, /^retrovue: error: channel "retro1" has nothing on air at 2026-12-24T15:00:00.000Z: its playlog does not reach that far/);
    assert.equal((await cli(['channel', 'update', 'retro1', '--no-enabled'], { database: fx.database })).exitCode, 0);
    const off = await plan('--channel', 'retro1', '--at', '2026-11-24T15:00:10Z');
    assert.equal(off.exitCode, 1);
    assert.equal(off.stderr, 'retrovue: error: channel "retro1" is disabled (off air); retrovue channel update retro1 --enabled puts it on air\n');
  });

  test('B-3: an --at that is not an ISO 8601 instant in the years 0001-9998 (a bracketed zone after it, too) is refused with exit 1 naming the form', async () => {
    await network();
    // Luxon alone reads "…-05:00[Europe/Paris]" as Paris wall time, dropping the typed offset: an hour off, silently.
    for (const at of ['tomorrow', '2026-11-24', '2026-13-01T10:00', '2026-11-24T10:00:00+25:00', '2026-11-24T15:00:10-05:00[Europe/Paris]', '9999-12-31T23:00Z', '0000-06-01T00:00Z']) {
      const run = await plan('--channel', 'retro1', '--at', at);
      assert.equal(run.exitCode, 1, at);
      assert.equal(run.stderr, `retrovue: error: --at must be "now" or an ISO 8601 instant in the years 0001-9998 such as 2026-11-24T20:00:00Z, 2026-11-24T15:00:00-05:00, or 2026-11-24T20:00 on the channel's clock (America/New_York); got "${at}"\n`);
    }
  });

  test('B-4: a file on air that cannot play exits 1 naming the asset and why; later ones are warnings on stderr', async () => {
    await network(false);
    const onAir = await plan('--channel', 'retro1', '--at', '2026-11-24T15:00:10Z', '--span-minutes', '1');
    assert.equal(onAir.exitCode, 1);
    assert.match(onAir.stderr, /^retrovue: error: the segment on air on channel retro1 at 2026-11-24T15:00:10.000Z cannot play: asset [0-9a-f-]{36} "Sitcom: sitcom-1": file not found: \/media\/lib\/Series\/sitcom-1\.mkv\n$/);
    const inBreak = await plan('--channel', 'retro1', '--at', '2026-11-24T15:00:57Z', '--span-minutes', '1', '--json');
    assert.equal(inBreak.exitCode, 0, inBreak.stderr);
    const warnings = inBreak.stderr.trimEnd().split('\n');
    assert.match(warnings[0] ?? '', /^retrovue: warning: segment 1 will air as slate: asset [0-9a-f-]{36} "Sitcom: sitcom-2": file not found: \/media\/lib\/Series\/sitcom-2\.mkv$/);
    assert.equal(warnings.length, 4, inBreak.stderr);
  });
});
