// CLI contract tests for `retrovue network export` (contracts/network/export.yaml).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { assertOutReplacedAtomically } from '../../support/atomic-out.js';
import { cli, json } from '../../support/cli.js';
import { applyOk, assertValidNetworkFile, type NetworkDoc, writeNetworkFile } from '../../support/network-files.js';
import { friday, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

const scratch = mkdtempSync(join(tmpdir(), 'retrovue-network-export-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A network needing no media: a synthetic asset, a program, and a channel with a plan and a zone. */
const small: NetworkDoc = {
  version: 1,
  'synthetic-assets': [{ name: 'Test Card', kind: 'test-card', seconds: 1800, text: 'Back at six' }],
  programs: [{ name: 'Cards', kind: 'block', links: ['synthetic:Test Card'], 'play-mode': 'shuffle' }],
  channels: [
    {
      id: 'retro1',
      name: 'Retro One',
      number: '3',
      timezone: 'UTC',
      'loudness-target': 'off',
      plans: [{ name: 'everyday', zones: [{ name: 'all day', start: '06:00', end: '06:00', items: ['program:Cards'] }] }],
    },
  ],
};

forEachDatabase((fx) => {
  test('B-1: writes the network file to stdout or to --out (replaced atomically), exit 0; the file validates against generated/network.schema.json', async () => {
    await applyOk(fx.database, writeNetworkFile(scratch, small));
    const run = await cli(['network', 'export'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.stderr, '');
    const printed = assertValidNetworkFile(run.stdout);
    assert.equal((printed['channels'] as { id: string }[])[0]?.id, 'retro1');
    const out = join(scratch, 'out.yaml');
    const doc = json<{ out: string; bytes: number; objects: number }>(await cli(['network', 'export', '--out', out, '--json'], { database: fx.database }));
    const written = readFileSync(out, 'utf8');
    assert.deepEqual(doc, { out, bytes: Buffer.byteLength(written), objects: 5 });
    assert.deepEqual(assertValidNetworkFile(written), printed);
    assert.equal(written.trimEnd(), run.stdout.trimEnd(), 'stdout and --out carry the same file');
    const text = await cli(['network', 'export', '--out', out], { database: fx.database });
    assert.equal(text.exitCode, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`^wrote the network \\(5 objects\\) to ${out}\\n$`));
    await assertOutReplacedAtomically(fx.database, ['network', 'export'], 'network.yaml', friday);
  });

  test('B-2: an unwritable --out (under a missing directory, a directory) or --json without --out exits 1 in one line naming it', async () => {
    await applyOk(fx.database, writeNetworkFile(scratch, small));
    const missing = join(scratch, 'missing', 'network.yaml');
    refusedInOneLine(await cli(['network', 'export', '--out', missing], { database: fx.database }), new RegExp(`cannot write ${missing}`));
    const dir = join(scratch, 'a-directory');
    mkdirSync(dir, { recursive: true });
    refusedInOneLine(await cli(['network', 'export', '--out', dir], { database: fx.database }), new RegExp(`cannot write ${dir}`));
    assert.deepEqual(readdirSync(dir), [], 'no partial file left in it');
    const jsonRun = await cli(['network', 'export', '--json', '--out', missing], { database: fx.database });
    refusedInOneLine(jsonRun, new RegExp(`"cannot write ${missing}`));
    refusedInOneLine(await cli(['network', 'export', '--json'], { database: fx.database }), /--json prints a summary and needs --out FILE/);
  });
});
