// CLI contract tests for `retrovue network apply` (contracts/network/apply.yaml).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { execa } from 'execa';
import { binPath, cli, json } from '../../support/cli.js';
import { builtinPlugins } from '../../../src/plugins/builtin-plugins.js';
import type { Importer } from '../../../src/plugins/importer.js';
import { copyOfDemoLibrary, fixturePlugins } from '../../support/catalog.js';
import { binaryEnv } from '../../support/media-fixtures.js';
import { networkFolder, smallNetwork } from '../../support/network-fixture.js';
import { buildDays, friday, refusedInOneLine } from '../../support/scheduling.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Change {
  readonly action: 'create' | 'update' | 'delete';
  readonly kind: string;
  readonly name: string;
  readonly fields: readonly { field: string; from?: unknown; to?: unknown }[];
}
interface Applied {
  readonly changes: readonly Change[];
  readonly unchanged: number;
  readonly kept?: readonly string[];
  readonly built?: readonly { kind: string; name: string; result: string }[];
}

const folder = networkFolder();
after(() => folder.cleanup());

/** An importer whose server goes away between discovery and ingest. */
const failingImporter: Importer<Record<string, never>> = {
  type: 'gone-test',
  description: 'Test only: one collection, which cannot be listed.',
  configSchema: { type: 'object' },
  normaliseConfig: async () => ({}),
  discoverCollections: async () => [{ externalKey: 'Shows', name: 'Shows', sourcePath: 'gone:Shows' }],
  collectionSourcePath: () => 'gone:Shows',
  listItems: async () => {
    throw new Error('the server went away');
  },
};

const demoNetwork = (root: string) => `version: 1
sources:
  - name: lib
    type: filesystem
    base-path: ${JSON.stringify(root)}
    collections:
      - { name: Series, ingest-enabled: true }
      - { name: Commercials, ingest-enabled: true }
programs:
  - { name: Captain Comet, kind: series, links: ["series:Captain Comet"] }
channels:
  - id: toons
    name: Toons
    number: 2
    timezone: UTC
    grid-block-minutes: 1
    plans:
      - name: everyday
        zones: [{ name: all, start: "06:00", end: "06:00", items: ["program:Captain Comet"] }]
    interstitials: [{ collection: lib/Commercials, role: commercial }]
`;

forEachDatabase((fx) => {
  const apply = (file: string, ...flags: string[]) => cli(['network', 'apply', '-f', file, ...flags], { database: fx.database, clock: friday });
  const channels = async () => (await fx.database.db.selectFrom('channel').select(['id', 'name', 'number', 'grid_block_minutes', 'timezone']).orderBy('id').execute()).map((c) => ({ ...c }));
  const counts = async () => ({
    channels: (await fx.database.db.selectFrom('channel').select('id').execute()).length,
    sources: (await fx.database.db.selectFrom('source').select('id').execute()).length,
    zones: (await fx.database.db.selectFrom('zone').select('id').execute()).length,
    programs: (await fx.database.db.selectFrom('program').select('id').execute()).length,
  });

  test('B-1: a valid file is applied; one line per created object with its fields, the JSON lists every change, exit 0', async () => {
    const file = folder.write(smallNetwork);
    const run = await apply(file);
    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(run.stdout, /^create source lib: type "filesystem", base-path ".*\/lib"$/m);
    assert.match(run.stdout, /^create channel one: name "Channel One", number "2", timezone "UTC"$/m);
    assert.match(run.stdout, /^create zone two\/weekdays\/all: start "06:00", end "06:00", items \["program:Night"\]$/m);
    assert.match(run.stdout, /^create interstitial one\/commercial\/lib\/Commercials$/m);
    assert.deepEqual(await channels(), [
      { id: 'one', name: 'Channel One', number: '2', grid_block_minutes: 30, timezone: 'UTC' },
      { id: 'two', name: 'Channel Two', number: '3', grid_block_minutes: 15, timezone: 'Europe/London' },
    ]);
    const zones = await fx.database.db.selectFrom('zone').select('name').orderBy('name').execute();
    assert.deepEqual(zones.map((z) => z.name), ['all', 'day', 'night']);
    const doc = json<Applied>(await cli(['network', 'apply', '-f', folder.write(smallNetwork.replace('Channel One', 'Channel 1'), 'renamed.yaml'), '--json'], { database: fx.database, clock: friday }));
    assert.deepEqual(doc.changes, [{ action: 'update', kind: 'channel', name: 'one', fields: [{ field: 'name', from: 'Channel One', to: 'Channel 1' }] }]);
  });

  test('B-2: a second apply of the same file changes nothing and says so, exit 0', async () => {
    const file = folder.write(smallNetwork);
    assert.equal((await apply(file)).exitCode, 0);
    const before = await channels();
    const again = await apply(file, '--json');
    assert.equal(again.exitCode, 0, again.stderr);
    const doc = json<Applied>(again);
    assert.deepEqual(doc.changes, []);
    assert.equal(doc.unchanged, 14);
    const text = await apply(file);
    assert.match(text.stdout, /^no changes: the network already is what the file declares \(14 objects\)$/m);
    assert.deepEqual(await channels(), before);
  });

  test('B-3: not YAML, off the schema, or an object declared twice: exit 1, one line per problem at file:line:column, nothing written', async () => {
    const notYaml = folder.write('version: 1\nchannels:\n  - id: [oops\n', 'broken.yaml');
    refusedInOneLine(await apply(notYaml), /broken\.yaml:\d+:\d+: not valid YAML/);
    const laughs = ['version: 1', 'a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`)].join('\n');
    refusedInOneLine(await apply(folder.write(laughs, 'laughs.yaml')), /laughs\.yaml:\d+:\d+: not valid YAML: .*alias/);
    const offSchema = folder.write(smallNetwork.replace('    timezone: UTC\n', '    timezone: UTC\n    colour: red\n').replace('kind: test-card', 'kind: test-pattern'), 'schema.yaml');
    const run = await apply(offSchema);
    assert.equal(run.exitCode, 1);
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 2, run.stderr);
    assert.match(run.stderr, /schema\.yaml:10:\d+: synthetic-assets\.0\.kind: must be equal to one of the allowed values \(slate, color-bars, test-card, station-id\)/);
    assert.match(run.stderr, /schema\.yaml:20:5: channels\.0: unknown field "colour"/);
    const twice = folder.write(smallNetwork.replace('  - id: two\n', '  - id: one\n'), 'twice.yaml');
    refusedInOneLine(await apply(twice), /twice\.yaml:31:5: channel "one" is declared twice/);
    assert.deepEqual(await counts(), { channels: 0, sources: 0, zones: 0, programs: 0 });
  });

  test('B-3: a value of the wrong type is refused where it is, never coerced (a blank or ~ boolean, "false", true for a number); a NUL in a name too; an unquoted number the schema wants as text keeps its digits', async () => {
    const wrong = folder.write(
      smallNetwork
        .replace('      - { name: Movies, ingest-enabled: true }', '      - { name: Movies, ingest-enabled: ~ }')
        .replace('    name: Channel One\n', '    name: Channel One\n    enabled:\n')
        .replace('    name: Channel Two\n', '    name: Channel Two\n    enabled: "false"\n')
        .replace('grid-block-minutes: 15', 'grid-block-minutes: true'),
      'wrong-types.yaml',
    );
    const run = await apply(wrong);
    assert.equal(run.exitCode, 1, run.stderr);
    assert.deepEqual(run.stderr.trim().split('\n').map((line) => line.replace(/^retrovue: error: .*\//, '')).sort(), [
      'wrong-types.yaml:7:41: sources.0.collections.0.ingest-enabled: must be boolean',
      'wrong-types.yaml:22:13: channels.0.enabled: must be boolean',
      'wrong-types.yaml:34:14: channels.1.enabled: must be boolean',
      'wrong-types.yaml:37:25: channels.1.grid-block-minutes: must be integer',
    ].sort());
    const nul = folder.write(smallNetwork.replace('name: Channel One', 'name: "Channel\\0One"'), 'nul.yaml');
    refusedInOneLine(await apply(nul), /nul\.yaml:21:11: channels\.0\.name: must not contain a NUL character/);
    assert.deepEqual(await counts(), { channels: 0, sources: 0, zones: 0, programs: 0 });
    const digits = folder.write(smallNetwork.replace('base-path: lib', `base-path: ${folder.root}`).replace('number: 2\n', 'number: 7.10\n').replace('name: Channel Two', 'name: 007'), 'digits.yaml');
    assert.equal((await apply(digits)).exitCode, 0);
    assert.deepEqual((await channels()).map((c) => [c.name, c.number]), [['Channel One', '7.10'], ['007', '3']]);
  });

  test('B-4: an object refused by its command rules names file:line:column, the object and the reason; nothing is written', async () => {
    const badZone = folder.write(smallNetwork.replace('timezone: Europe/London', 'timezone: Mars/Olympus_Mons'), 'zone.yaml');
    refusedInOneLine(await apply(badZone), /zone\.yaml:31:5: channel "two": .*Mars\/Olympus_Mons/);
    const badGrid = folder.write(smallNetwork.replace('grid-block-minutes: 15', 'grid-block-minutes: 7'), 'grid.yaml');
    refusedInOneLine(await apply(badGrid), /grid\.yaml:31:5: channel "two": .*7/);
    const badItem = folder.write(smallNetwork.replace('end: "06:00", items: ["program:Night"] }\n', 'end: "06:00", items: ["program:Nope"] }\n'), 'item.yaml');
    refusedInOneLine(await apply(badItem), /item\.yaml:28:13: zone "one\/everyday\/night": --item program:Nope: program "Nope" does not exist/);
    assert.deepEqual(await counts(), { channels: 0, sources: 0, zones: 0, programs: 0 });
  });

  test('B-5: --dry-run prints exactly the changes a real apply makes and changes nothing', async () => {
    const file = folder.write(smallNetwork);
    const dry = await apply(file, '--dry-run', '--json');
    assert.equal(dry.exitCode, 0, dry.stderr);
    assert.deepEqual(await counts(), { channels: 0, sources: 0, zones: 0, programs: 0 });
    const real = await apply(file, '--json');
    assert.deepEqual({ ...json<Applied>(dry), dry_run: undefined }, { ...json<Applied>(real), dry_run: undefined });
    assert.equal(json<Applied>(real).changes.length, 14);
    const edited = folder.write(smallNetwork.replace('number: 3', 'number: 7').replace('    timezone: UTC\n', '    timezone: UTC\n    enabled: false\n'), 'edited.yaml');
    const dryText = await apply(edited, '--dry-run');
    const realText = await apply(edited);
    assert.equal(dryText.stdout.replace(/^would /gm, ''), realText.stdout);
    assert.match(realText.stdout, /^update channel one: enabled \(default\) → false$/m);
    assert.match(realText.stdout, /^update channel two: number "3" → "7"$/m);
  });

  test('B-6: --prune removes what the file no longer declares (built days need --force); without it, undeclared objects are kept and listed', async () => {
    assert.equal((await apply(folder.write(smallNetwork))).exitCode, 0);
    const onlyOne = folder.write(smallNetwork.slice(0, smallNetwork.indexOf('  - id: two')), 'one.yaml');
    const kept = await apply(onlyOne, '--json');
    assert.equal(kept.exitCode, 0, kept.stderr);
    assert.deepEqual(json<Applied>(kept).kept, ['channel two', 'schedule-plan two/weekdays', 'zone two/weekdays/all']);
    assert.equal((await counts()).channels, 2);
    await buildDays(fx.database, 'two', 1);
    refusedInOneLine(await cli(['network', 'apply', '-f', onlyOne, '--prune'], { database: fx.database, clock: friday, typed: 'y\n' }), /zone "all" of plan "weekdays" \(channel two\) is in built schedule days: .* Rerun with --force/);
    assert.equal((await counts()).channels, 2);
    const pruned = await apply(onlyOne, '--prune', '--force', '--json');
    assert.equal(pruned.exitCode, 0, pruned.stderr);
    assert.deepEqual(json<Applied>(pruned).changes.map((c) => `${c.action} ${c.kind} ${c.name}`), ['delete zone two/weekdays/all', 'delete schedule-plan two/weekdays', 'delete channel two']);
    assert.deepEqual((await channels()).map((c) => c.id), ['one']);
    const noProgram = folder.write(onlyOne.length > 0 ? smallNetwork.slice(0, smallNetwork.indexOf('  - id: two')).replace('          - { name: night, start: "00:00", end: "06:00", items: ["program:Night"] }\n', '').replace(/  - name: Night\n    kind: block\n    links: \["synthetic:Card"\]\n/, '') : '', 'less.yaml');
    const less = await apply(noProgram, '--prune', '--force', '--json');
    assert.equal(less.exitCode, 0, less.stderr);
    assert.deepEqual(json<Applied>(less).changes.map((c) => `${c.action} ${c.kind} ${c.name}`), ['delete zone one/everyday/night', 'delete program Night']);
  });

  test('B-6: --prune of a file that declares nothing removes the whole network, an enricher attached to a removed collection after that collection', async () => {
    const withEnricher = smallNetwork
      .replace('sources:\n', 'enrichers:\n  - { id: probe2, type: ffprobe, config: { timeout_ms: 5000 } }\nsources:\n')
      .replace('{ name: Movies, ingest-enabled: true }', '{ name: Movies, ingest-enabled: true, enrichers: [filename, probe2] }');
    assert.equal((await apply(folder.write(withEnricher, 'enricher.yaml'))).exitCode, 0);
    const pruned = await apply(folder.write('version: 1\n', 'empty.yaml'), '--prune', '--force', '--json');
    assert.equal(pruned.exitCode, 0, pruned.stderr);
    const deletes = json<Applied>(pruned).changes.map((c) => `${c.action} ${c.kind} ${c.name}`);
    assert.ok(deletes.indexOf('delete enricher probe2') > deletes.indexOf('delete source lib'), deletes.join(', '));
    assert.deepEqual(await counts(), { channels: 0, sources: 0, zones: 0, programs: 0 });
    assert.equal(await fx.database.db.selectFrom('enricher').select('id').where('id', '=', 'probe2').executeTakeFirst(), undefined);
  });

  test('B-6: with --prune, a zone renamed by editing and a number moved from an undeclared channel are applied: what goes is removed before what comes is made', async () => {
    assert.equal((await apply(folder.write(smallNetwork))).exitCode, 0);
    const edited = smallNetwork.slice(0, smallNetwork.indexOf('  - id: two')).replace('{ name: day, start', '{ name: daytime, start').replace('    number: 2\n', '    number: 3\n');
    const file = folder.write(edited, 'renamed.yaml');
    refusedInOneLine(await apply(file), /channel "one": channel number 3 is already used by channel "two"/); // kept without --prune
    const pruned = await apply(file, '--prune', '--force', '--json');
    assert.equal(pruned.exitCode, 0, pruned.stderr);
    assert.deepEqual(json<Applied>(pruned).changes.map((c) => `${c.action} ${c.kind} ${c.name}`), ['update channel one', 'create zone one/everyday/daytime', 'delete zone two/weekdays/all', 'delete schedule-plan two/weekdays', 'delete channel two', 'delete zone one/everyday/day']);
    assert.deepEqual(await channels(), [{ id: 'one', name: 'Channel One', number: '3', grid_block_minutes: 30, timezone: 'UTC' }]);
  });

  test('B-7: -f - reads the file from standard input; a missing file exits 1 naming it', async () => {
    const home = folder.dir;
    const env = binaryEnv(fx, `${home}/home-${fx.dialect}`);
    const run = await execa(process.execPath, [binPath, 'network', 'apply', '-f', '-', '--json'], { env, input: smallNetwork.replace('base-path: lib', `base-path: ${folder.root}`), reject: false, cwd: home });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(json<Applied>({ exitCode: 0, stdout: run.stdout, stderr: '' }).changes.length, 14);
    refusedInOneLine(await apply(`${folder.dir}/nowhere.yaml`), /--file .*\/nowhere\.yaml cannot be read: ENOENT/);
    refusedInOneLine(await apply(folder.dir), /--file .* cannot be read: EISDIR/);
  });

  test('B-7: a file past 8 MB, or an endless one (/dev/zero), exits 1 naming it and the limit, having read no more than that', async () => {
    const big = folder.write(`version: 1\n${'# a comment line of forty characters ..\n'.repeat(220_000)}`, 'big.yaml');
    refusedInOneLine(await apply(big), /--file .*\/big\.yaml is larger than 8 MB/);
    const endless = await apply('/dev/zero');
    refusedInOneLine(endless, /--file \/dev\/zero is larger than 8 MB/);
    const piped = await execa(process.execPath, [binPath, 'network', 'apply', '-f', '-'], { env: binaryEnv(fx, `${folder.dir}/home-big-${fx.dialect}`), input: Buffer.alloc(9 * 1024 * 1024, 0x20), reject: false });
    refusedInOneLine({ exitCode: piped.exitCode ?? -1, stdout: piped.stdout, stderr: piped.stderr }, /: stdin is larger than 8 MB/);
    assert.deepEqual(await counts(), { channels: 0, sources: 0, zones: 0, programs: 0 });
  });

  test('B-10: on a terminal, progress on stderr (objects reached of the file\'s total, each named); without one, none', async () => {
    const file = folder.write(smallNetwork.replace('base-path: lib', `base-path: ${folder.root}`), 'progress.yaml');
    const terminal = await cli(['network', 'apply', '-f', file, '--dry-run'], { database: fx.database, clock: friday, typed: '' });
    assert.equal(terminal.exitCode, 0, terminal.stderr);
    assert.match(terminal.stderr, /^plan \[█+\] 14\/14 zone "two\/weekdays\/all"$/m, 'the last object reached is the last one the file declares');
    assert.doesNotMatch(terminal.stdout, /plan \[/);
    const piped = await apply(file);
    assert.equal(piped.exitCode, 0, piped.stderr);
    assert.equal(piped.stderr, '');
  });

  test('B-8: --then-build ingests the enabled collections and builds the channels after the apply; a failure there exits 2 and keeps the apply', async () => {
    const library = await copyOfDemoLibrary();
    try {
      const file = folder.write(demoNetwork(library.root), 'demo.yaml');
      const run = await cli(['network', 'apply', '-f', file, '--then-build', '--epg-days', '1', '--playlog-hours', '1', '--json'], { database: fx.database, clock: friday, plugins: fixturePlugins() });
      assert.equal(run.exitCode, 0, run.stderr);
      const built = json<Applied>(run).built ?? [];
      assert.deepEqual(built.map((b) => `${b.kind} ${b.name}`), ['collection lib/Series', 'collection lib/Commercials', 'channel toons']);
      assert.match(built[0]?.result ?? '', /^\d+ new, 0 updated/);
      assert.match(built[2]?.result ?? '', /^schedule through 2025-03-08, playlog through 2025-03-0[78]T\d\d:/);
      const slots = await fx.database.db.selectFrom('schedule_slot').select('title').where('channel_id', '=', 'toons').execute();
      assert.ok(slots.length > 100 && slots.every((s) => s.title === 'Captain Comet'), `${slots.length} slots`);
      const events = await fx.database.db.selectFrom('playlog_event').select('role').where('channel_id', '=', 'toons').execute();
      assert.ok(events.some((e) => e.role === 'interstitial'), 'the commercials fill avails');
    } finally {
      library.cleanup();
    }
    const plugins = { ...builtinPlugins(), importers: builtinPlugins().importers.register(failingImporter) };
    const gone = folder.write(`version: 1
sources:
  - { name: remote, type: gone-test, collections: [{ name: Shows, ingest-enabled: true }] }
channels:
  - { id: later, name: Later, number: 9, timezone: UTC }
`, 'gone.yaml');
    const failed = await cli(['network', 'apply', '-f', gone, '--then-build'], { database: fx.database, clock: friday, plugins });
    assert.equal(failed.exitCode, 2, failed.stderr);
    assert.match(failed.stdout, /^collection remote\/Shows: not ingested: .*the server went away/m);
    assert.ok(await fx.database.db.selectFrom('channel').select('id').where('id', '=', 'later').executeTakeFirst(), 'the apply stays');
  });

  test('B-9: a source declared without its secret keeps the stored one; a new one without it is refused naming the field and how to give it', async () => {
    const added = await cli(['source', 'add', '--type', 'plex', '--name', 'plex', '--url', 'http://nas.invalid:32400', '--token', 'tok-apply-B9'], { database: fx.database });
    assert.equal(added.exitCode, 0, added.stderr);
    const kept = folder.write('version: 1\nsources:\n  - name: plex\n    type: plex\n    config: { url: "http://nas2.invalid:32400" }\n', 'keeps.yaml');
    const run = await apply(kept);
    assert.equal(run.exitCode, 0, run.stderr);
    const stored = await fx.database.db.selectFrom('source').select('config').where('name', '=', 'plex').executeTakeFirstOrThrow();
    assert.deepEqual(stored.config, { url: 'http://nas2.invalid:32400', token: 'tok-apply-B9', timeout_ms: 30000, page_size: 200 });
    assert.doesNotMatch(run.stdout + run.stderr, /tok-apply-B9/);
    const fresh = folder.write('version: 1\nsources:\n  - name: plex\n    type: plex\n    config: { url: "http://nas2.invalid:32400" }\n  - name: jf\n    type: jellyfin\n    config: { url: "http://nas.invalid:8096" }\n', 'fresh.yaml');
    const before = await counts();
    const refused = await apply(fresh);
    refusedInOneLine(refused, /fresh\.yaml:6:\d+: source "jf": its api_key is missing \(network export leaves secrets out\): .*retrovue source add --type jellyfin --name jf --api-key/);
    assert.deepEqual(await counts(), before);
  });
});
