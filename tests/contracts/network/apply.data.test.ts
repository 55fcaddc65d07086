// data contract tests for `retrovue network apply` (contracts/network/apply.yaml).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { parse } from 'yaml';
import { cli, json } from '../../support/cli.js';
import { arbitraryNetwork } from '../../support/network-arbitraries.js';
import { networkFolder, smallNetwork } from '../../support/network-fixture.js';
import { applyOk, assertValidNetworkFile, expectedExport, exportText, type NetworkDoc, writeNetworkFile } from '../../support/network-files.js';
import { friday, ok, refusedInOneLine } from '../../support/scheduling.js';
import { type DatabaseFixture, forEachDatabase, resetDatabase } from '../../support/test-databases.js';

const scratch = mkdtempSync(join(tmpdir(), 'retrovue-network-apply-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** The network with its source (if any) over a fresh folder holding an empty folder per declared collection. */
function withFolders(network: NetworkDoc, dir: string): NetworkDoc {
  const sources = (network['sources'] as Record<string, unknown>[] | undefined) ?? [];
  return {
    ...network,
    ...(sources.length === 0
      ? {}
      : {
          sources: sources.map((s) => {
            const base = join(dir, 'media', String(s['name']));
            for (const c of (s['collections'] as { name: string }[] | undefined) ?? []) mkdirSync(join(base, c.name), { recursive: true });
            return { ...s, 'base-path': base };
          }),
        }),
  };
}

let runs = 0;

/** Apply on an empty home, export = the declared network (defaults out, lists in export order); a second apply changes nothing; the export applied afresh exports the same. */
async function appliesAsDeclared(fx: DatabaseFixture, declared: NetworkDoc): Promise<void> {
  await resetDatabase(fx.database);
  const dir = join(scratch, `run-${++runs}`);
  mkdirSync(dir);
  const network = withFolders(declared, dir);
  const file = writeNetworkFile(dir, network);
  await applyOk(fx.database, file);
  const exported = await exportText(fx.database);
  assert.deepEqual(parse(exported), expectedExport(network), `export of ${file}:\n${exported}`);
  assertValidNetworkFile(exported);
  assert.deepEqual((await applyOk(fx.database, file)).changes, [], 'a second apply of the same file changes nothing');
  await resetDatabase(fx.database);
  writeFileSync(join(dir, 'export.yaml'), exported);
  await applyOk(fx.database, join(dir, 'export.yaml'));
  assert.equal(await exportText(fx.database), exported, 'the export applied to an empty home exports the same file');
}

forEachDatabase((fx) => {
  test('D-1: After an apply, `network export` MUST give back every declared field as declared (a property test over generated networks); an export applied to an empty home and exported again MUST give the same file.', async () => {
    const numRuns = Number(process.env['RETROVUE_NETWORK_RUNS'] ?? 12);
    await fc.assert(
      fc.asyncProperty(arbitraryNetwork(), (network) => appliesAsDeclared(fx, network)),
      { numRuns, includeErrorInReport: true },
    );
  });
});


const folder = networkFolder();
after(() => folder.cleanup());

forEachDatabase((fx) => {
  const apply = (file: string, ...flags: string[]) => cli(['network', 'apply', '-f', file, ...flags], { database: fx.database, clock: friday });
  const nothingWritten = async () => {
    for (const table of ['source', 'channel', 'program', 'synthetic_asset', 'schedule_plan', 'zone'] as const) {
      assert.deepEqual(await fx.database.db.selectFrom(table).select('id').execute(), [], `${table} is empty`);
    }
  };

  test('D-1: a field taken out of the file goes back to its default, and every declared field comes back in the export', async () => {
    const declared = smallNetwork
      .replace('      - { name: Movies, ingest-enabled: true }\n', '      - { name: Movies, ingest-enabled: true, local-paths: ["/nas/movies=/srv/movies"] }\n')
      .replace('        days: MON,TUE,WED,THU,FRI\n', '')
      .replace('items: ["program:Night"] }\n', 'days: "SAT,SUN", items: ["program:Night"] }\n')
      .replace('    timezone: UTC\n', '    timezone: UTC\n    enabled: false\n');
    assert.equal((await apply(folder.write(declared, 'declared.yaml'))).exitCode, 0);
    const exported = (await ok<{ out: string }>(fx.database, ['network', 'export', '--out', `${folder.dir}/declared-export.yaml`])).out;
    const text = readFileSync(exported, 'utf8');
    assert.match(text, /local-paths:\n\s+- \/nas\/movies=\/srv\/movies/);
    assert.match(text, /- name: night\n\s+start: "00:00"\n\s+end: "06:00"\n\s+days: SAT,SUN/);
    assert.match(text, /enabled: false/);
    // Taken out of the file: the zone airs every day, the channel is enabled, the mappings are gone.
    const run = await apply(folder.write(smallNetwork, 'plain.yaml'), '--json');
    const fields = json<{ changes: { name: string; fields: { field: string; to?: unknown }[] }[] }>(run).changes.map((c) => `${c.name}: ${c.fields.map((f) => `${f.field}=${JSON.stringify(f.to)}`).join(' ')}`);
    assert.deepEqual(fields.sort(), ['lib/Movies: local-paths=undefined', 'one/everyday/night: days=undefined', 'one: enabled=undefined', 'two/weekdays: days="MON,TUE,WED,THU,FRI"']);
    const zone = await fx.database.db.selectFrom('zone').select('days_of_week').where('name', '=', 'night').executeTakeFirstOrThrow();
    assert.equal(zone.days_of_week, null);
    const collection = await fx.database.db.selectFrom('collection').select('local_paths').where('name', '=', 'Movies').executeTakeFirstOrThrow();
    assert.deepEqual(collection.local_paths, []);
  });

  test('D-2: objects are written through their commands\' rules: the same refusals and the same canonical values', async () => {
    // What channel add refuses, the file cannot make (the same message), and nothing is written.
    const refusedByAdd = await cli(['channel', 'add', '--id', 'two', '--name', 'Two', '--number', '3', '--grid-block-minutes', '7', '--timezone', 'UTC'], { database: fx.database });
    const reason = refusedByAdd.stderr.replace(/^retrovue: error: /, '').trim();
    assert.match(reason, /grid-block-minutes must divide 1440/);
    const bad = await apply(folder.write(smallNetwork.replace('grid-block-minutes: 15', 'grid-block-minutes: 7').replace('timezone: Europe/London', 'timezone: UTC'), 'grid.yaml'));
    refusedInOneLine(bad, new RegExp(`channel "two": ${reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await nothingWritten();
    // Values are stored as the commands store them: a number, a zone, languages, a loudness target.
    const loose = smallNetwork.replace('    number: 3\n    timezone: Europe/London\n', '    number: "03"\n    timezone: europe/london\n    audio-languages: [en, ja]\n    loudness-target: -23\n    subtitles: forced\n');
    assert.equal((await apply(folder.write(loose, 'loose.yaml'))).exitCode, 0);
    const row = await fx.database.db.selectFrom('channel').selectAll().where('id', '=', 'two').executeTakeFirstOrThrow();
    assert.deepEqual([row.number, row.timezone, row.audio_languages, Number(row.loudness_target_lufs), row.subtitle_mode], ['3', 'Europe/London', ['eng', 'jpn'], -23, 'forced']);
    const again = json<{ changes: unknown[] }>(await apply(folder.write(loose, 'loose.yaml'), '--json'));
    assert.deepEqual(again.changes, [], 'the canonical values equal what the file says: nothing to change');
    // An unquoted number keeps the digits written: channel 7.10 is not channel 7.1, a name 007 is not 7.
    const digits = smallNetwork.replace('    name: Channel One\n    number: 2\n', '    name: 007\n    number: 7.10\n');
    assert.equal((await apply(folder.write(digits, 'digits.yaml'))).exitCode, 0);
    const one = await fx.database.db.selectFrom('channel').select(['name', 'number']).where('id', '=', 'one').executeTakeFirstOrThrow();
    assert.deepEqual({ ...one }, { name: '007', number: '7.10' });
    const exported = await ok<{ out: string }>(fx.database, ['network', 'export', '--out', `${folder.dir}/exported.yaml`]);
    assert.ok(exported.out.endsWith('exported.yaml'));
  });

  test('D-3: a declared collection must exist after discovery; one discovery does not find is refused naming the source and collection', async () => {
    const missing = smallNetwork.replace('      - { name: Commercials, ingest-enabled: true }\n', '      - { name: Commercials, ingest-enabled: true }\n      - { name: Documentaries, ingest-enabled: true }\n');
    refusedInOneLine(await apply(folder.write(missing, 'missing.yaml')), /missing\.yaml:9:9: collection "lib\/Documentaries": source "lib" has no collection "Documentaries" after discovery \(it has: (\., )?Bumpers, Commercials, Movies, Series\)/);
    await nothingWritten();
    assert.equal((await apply(folder.write(smallNetwork))).exitCode, 0);
    const collections = await fx.database.db.selectFrom('collection').select(['name', 'ingest_enabled']).orderBy('name').execute();
    assert.deepEqual(collections.map((c) => `${c.name}:${c.ingest_enabled}`).filter((c) => !c.startsWith('.:')), ['Bumpers:false', 'Commercials:true', 'Movies:true', 'Series:false']);
  });

  test('D-3: a source whose base path the file changes is discovered again: a declared collection not found there is refused as on an empty home, nothing written', async () => {
    assert.equal((await apply(folder.write(smallNetwork))).exitCode, 0);
    const before = await exportText(fx.database);
    mkdirSync(join(folder.dir, 'empty'), { recursive: true });
    const moved = folder.write(smallNetwork.replace('base-path: lib', 'base-path: empty'), 'moved.yaml');
    const refusal = /moved\.yaml:7:9: collection "lib\/Movies": source "lib" has no collection "Movies" after discovery \(it has: \.\)/;
    refusedInOneLine(await apply(moved), refusal);
    assert.equal(await exportText(fx.database), before, 'nothing written');
    await resetDatabase(fx.database);
    refusedInOneLine(await apply(moved), refusal);
    await nothingWritten();
    // A library moved whole: the collections stay the same ones and follow the new base path.
    assert.equal((await apply(folder.write(smallNetwork))).exitCode, 0);
    const ids = await fx.database.db.selectFrom('collection').select(['id', 'name']).orderBy('name').execute();
    for (const c of ['Movies', 'Commercials']) mkdirSync(join(folder.dir, 'lib2', c), { recursive: true });
    const run = await apply(folder.write(smallNetwork.replace('base-path: lib', 'base-path: lib2'), 'lib2.yaml'));
    assert.equal(run.exitCode, 0, run.stderr);
    const now = await fx.database.db.selectFrom('collection').select(['id', 'name', 'source_path']).orderBy('name').execute();
    assert.deepEqual(now.map((c) => ({ id: c.id, name: c.name })), ids.map((c) => ({ ...c })));
    assert.ok(now.filter((c) => c.name === 'Movies').every((c) => c.source_path.includes('lib2')), JSON.stringify(now));
  });

  test('D-3: a new source that declares no collections is discovered all the same: an interstitial may name one of its collections (as export writes a source whose collections keep their defaults)', async () => {
    const bare = smallNetwork.replace('    collections:\n      - { name: Movies, ingest-enabled: true }\n      - { name: Commercials, ingest-enabled: true }\n', '').replace('links: ["collection:lib/Movies"]', 'links: ["synthetic:Card"]');
    assert.doesNotMatch(bare, /collections:/);
    const run = await apply(folder.write(bare, 'bare.yaml'));
    assert.equal(run.exitCode, 0, run.stderr);
    const names = await fx.database.db.selectFrom('collection').select('name').orderBy('name').execute();
    assert.ok(['Commercials', 'Movies'].every((name) => names.some((c) => c.name === name)), `discovered: ${names.map((c) => c.name).join(', ')}`);
  });

  test('D-5: a changed programming-day-start moves the channel and its declared zones together: the result is the file applied to an empty home, and back', async () => {
    const zones = '          - { name: day, start: "06:00", end: "24:00", items: ["program:Movies"] }\n';
    const split = smallNetwork.replace(zones, zones.replace('name: day', 'name: morning').replace('"24:00"', '"12:00"') + zones.replace('"06:00"', '"12:00"'));
    const moved = split.replace('    number: 2\n', '    number: 2\n    programming-day-start: "12:00"\n');
    const fresh = async (yaml: string, name: string) => {
      await resetDatabase(fx.database);
      assert.equal((await apply(folder.write(yaml, name))).exitCode, 0);
      return exportText(fx.database);
    };
    const [splitExport, movedExport] = [await fresh(split, 'split.yaml'), await fresh(moved, 'moved.yaml')];
    await fresh(split, 'split.yaml');
    for (const [file, yaml, expected] of [['moved.yaml', moved, movedExport], ['split.yaml', split, splitExport]] as const) {
      const run = await apply(folder.write(yaml, file));
      assert.equal(run.exitCode, 0, run.stderr);
      assert.equal(await exportText(fx.database), expected, `${file} over the other gives what it gives on an empty home`);
    }
  });

  test('D-5: existing zones moved into an overlap are refused once they all stand, naming a zone at its line, as on an empty home; nothing written', async () => {
    assert.equal((await apply(folder.write(smallNetwork))).exitCode, 0);
    const before = await exportText(fx.database);
    const overlapping = folder.write(smallNetwork.replace('{ name: night, start: "00:00", end: "06:00"', '{ name: night, start: "23:00", end: "06:00"'), 'overlap.yaml');
    const refusal = /overlap\.yaml:\d+:\d+: zone "one\/everyday\/(day|night)": .*overlap/;
    refusedInOneLine(await apply(overlapping), refusal);
    assert.equal(await exportText(fx.database), before, 'nothing written');
    await resetDatabase(fx.database);
    refusedInOneLine(await apply(overlapping), refusal);
    await nothingWritten();
  });

  test('D-4: a series with no asset yet is accepted and reported as waiting for ingest; other unknown references are refused', async () => {
    const pending = smallNetwork.replace('  - name: Night\n', '  - name: Comet\n    kind: series\n    links: ["series:Captain Comet:2"]\n  - name: Night\n');
    const run = await apply(folder.write(pending, 'pending.yaml'));
    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(run.stdout, /^note: program "Comet": series "Captain Comet" has no asset yet; it airs once its collection is ingested/m);
    const link = await fx.database.db.selectFrom('program_link').innerJoin('program', 'program.id', 'program_link.program_id').select(['program_link.series', 'program_link.season']).where('program.name', '=', 'Comet').executeTakeFirstOrThrow();
    assert.deepEqual({ ...link }, { series: 'Captain Comet', season: 2 });
    await fx.database.db.deleteFrom('channel').execute();
    for (const [ref, message] of [
      ['program:Ghost', /program "Ghost" does not exist/],
      ['collection:lib/Nope', /collection "lib\/Nope" does not exist/],
      ['virtual:ghost', /virtual asset "ghost" does not exist/],
      ['asset:00000000-0000-4000-8000-000000000000', /asset .* does not exist/],
    ] as const) {
      const other = smallNetwork.replace('links: ["synthetic:Card"]', `links: ["synthetic:Card", "${ref}"]`);
      refusedInOneLine(await apply(folder.write(other, 'other.yaml')), new RegExp(`other\\.yaml:16:5: program "Night": .*${message.source}`));
    }
  });
});
