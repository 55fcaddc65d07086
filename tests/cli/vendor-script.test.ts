// The built binary runs pg (and Kysely) from a vendor script with a V8 code cache beside it
// (scripts/vendor-script.ts, src/cli/script-loader.ts): the first database command writes the cache as it
// exits, later ones use it as it is, and a damaged cache or one that cannot be written changes nothing a
// command prints. Runs a copy of the build (so other tests never see the caches it breaks); needs
// `npm run build`.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Database } from '../../src/db/open-database.js';
import { openThrowawayDatabase } from '../../src/db/throwaway-database.js';
import { testCacheDir, testServerUrl } from '../support/test-databases.js';

const repo = join(import.meta.dirname, '..', '..');
mkdirSync(join(repo, 'node_modules', '.cache'), { recursive: true });
// Inside node_modules, so the copy resolves the packages the bundle leaves external as the binary does.
const copy = mkdtempSync(join(repo, 'node_modules', '.cache', 'retrovue-vendor-script-'));
const dist = join(copy, 'dist');
let database: Database | undefined;

before(async () => {
  const built = join(repo, 'dist');
  assert.ok(readdirSync(built).some((name) => /^vendor-pg-[0-9a-f]+\.cjs$/.test(name)), 'dist/ holds a vendor script; run npm run build first');
  mkdirSync(join(copy, 'bin'));
  mkdirSync(dist);
  for (const name of ['retrovue.js', 'package.json']) copyFileSync(join(repo, 'bin', name), join(copy, 'bin', name));
  for (const name of readdirSync(built)) if (/\.(mjs|cjs|json)$/.test(name)) copyFileSync(join(built, name), join(dist, name));
  database = await openThrowawayDatabase({ dialect: 'postgres', url: testServerUrl }, { cacheDir: testCacheDir });
  await database.db
    .insertInto('channel')
    .values(['1', '2', '3'].map((n) => ({ id: `c${n}`, name: `C ${n}`, number: n, grid_block_minutes: 30, block_start_offsets_minutes: [0], programming_day_start: '06:00', timezone: 'UTC' })))
    .execute();
});

after(async () => {
  await database?.close();
  rmSync(copy, { recursive: true, force: true });
});

function cacheFile(): string {
  const script = readdirSync(dist).find((name) => /^vendor-pg-[0-9a-f]+\.cjs$/.test(name));
  assert.ok(script);
  return join(dist, `${script}.${process.versions.v8}.cache`);
}

/** `channel list --json` by the copy; its stdout (exit 0 asserted). */
function listChannels(): string {
  const url = database?.config.dialect === 'postgres' ? database.config.url : assert.fail('a server database');
  const env: NodeJS.ProcessEnv = { ...process.env, RETROVUE_DATABASE_URL: url, RETROVUE_LOG_LEVEL: 'silent' };
  for (const name of ['NODE_TEST_CONTEXT', 'NODE_OPTIONS', 'NODE_V8_COVERAGE']) delete env[name]; // the flags a cache is made for
  return execFileSync(process.execPath, [join(copy, 'bin', 'retrovue.js'), 'channel', 'list', '--json'], { env, encoding: 'utf8' });
}

const scratchFiles = () => readdirSync(dist).filter((name) => /\.cache\.\d+$/.test(name));

test('the first database command writes the code cache; the next ones use it as it is', () => {
  rmSync(cacheFile(), { recursive: true, force: true });
  const first = listChannels();
  assert.deepEqual((JSON.parse(first) as { channels: { id: string }[] }).channels.map((c) => c.id), ['c1', 'c2', 'c3']);
  assert.ok(existsSync(cacheFile()), 'the cache is written');
  const entry = readdirSync(dist).find((name) => /^retrovue-[0-9A-Z]+\.cjs$/.test(name));
  assert.ok(entry !== undefined && existsSync(join(dist, `${entry}.${process.versions.v8}.cache`)), 'and one beside the entry chunk, loaded the same way');
  const written = statSync(cacheFile());
  assert.equal(listChannels(), first);
  assert.equal(listChannels(), first);
  const used = statSync(cacheFile());
  assert.deepEqual([used.ino, used.mtimeMs], [written.ino, written.mtimeMs], 'an accepted cache is not written again');
  assert.deepEqual(scratchFiles(), []);
});

test("a command's first run writes the caches another command trained again, with its own functions too; its next runs leave them", () => {
  const entry = readdirSync(dist).find((name) => /^retrovue-[0-9A-Z]+\.cjs$/.test(name));
  assert.ok(entry !== undefined);
  const entryCache = join(dist, `${entry}.${process.versions.v8}.cache`);
  const record = join(dist, `trained.${process.versions.v8}.json`);
  for (const name of readdirSync(dist)) if (name.endsWith('.cache') || name === `trained.${process.versions.v8}.json`) rmSync(join(dist, name), { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, RETROVUE_LOG_LEVEL: 'silent' };
  for (const name of ['NODE_TEST_CONTEXT', 'NODE_OPTIONS', 'NODE_V8_COVERAGE']) delete env[name];
  execFileSync(process.execPath, [join(copy, 'bin', 'retrovue.js'), '--version'], { env });
  const byVersion = statSync(entryCache);
  assert.deepEqual(JSON.parse(readFileSync(record, 'utf8')), ['']);
  const expected = listChannels();
  const byList = statSync(entryCache);
  assert.notEqual(byList.ino, byVersion.ino, 'the first channel list writes the entry cache again');
  assert.ok(byList.size > byVersion.size, `and it holds more compiled code: ${byList.size} <= ${byVersion.size} bytes`);
  assert.deepEqual(JSON.parse(readFileSync(record, 'utf8')), ['', 'channel list']);
  assert.equal(listChannels(), expected);
  assert.equal(statSync(entryCache).ino, byList.ino, 'a command that trained the caches leaves them');
  assert.deepEqual(scratchFiles(), []);
});

test('the record of trained commands is bounded: with 200 already, a new command line trains nothing and adds nothing', () => {
  const record = join(dist, `trained.${process.versions.v8}.json`);
  const earlier = readFileSync(record, 'utf8');
  const full = Array.from({ length: 200 }, (_, i) => `word${i} more`);
  writeFileSync(record, JSON.stringify(full));
  const entry = readdirSync(dist).find((name) => /^retrovue-[0-9A-Z]+\.cjs$/.test(name));
  const entryCache = join(dist, `${entry}.${process.versions.v8}.cache`);
  const before = statSync(entryCache);
  const env: NodeJS.ProcessEnv = { ...process.env, RETROVUE_LOG_LEVEL: 'silent' };
  for (const name of ['NODE_TEST_CONTEXT', 'NODE_OPTIONS', 'NODE_V8_COVERAGE']) delete env[name];
  spawnSync(process.execPath, [join(copy, 'bin', 'retrovue.js'), 'random-words', 'never-seen'], { env });
  assert.deepEqual(JSON.parse(readFileSync(record, 'utf8')), full);
  assert.equal(statSync(entryCache).ino, before.ino, 'no cache written again');
  writeFileSync(record, earlier);
});

test('a damaged cache is rejected and replaced; the command prints the same', () => {
  const expected = listChannels();
  const size = statSync(cacheFile()).size;
  const garbage = Buffer.alloc(size, 0x5a);
  writeFileSync(cacheFile(), garbage);
  assert.equal(listChannels(), expected);
  assert.ok(!readFileSync(cacheFile()).equals(garbage), 'the damaged cache is written anew');
  const replaced = statSync(cacheFile());
  assert.equal(listChannels(), expected);
  assert.equal(statSync(cacheFile()).ino, replaced.ino, 'the replacement is accepted');
  writeFileSync(cacheFile(), 'short');
  assert.equal(listChannels(), expected);
  assert.ok(statSync(cacheFile()).size > 1000, 'a truncated cache is replaced too');
});

test('a cache that can be neither read nor written changes nothing the command prints', () => {
  const expected = listChannels();
  rmSync(cacheFile(), { force: true });
  mkdirSync(join(cacheFile(), 'in-the-way'), { recursive: true }); // a directory where the cache belongs
  assert.equal(listChannels(), expected);
  assert.ok(statSync(cacheFile()).isDirectory());
  assert.deepEqual(scratchFiles(), [], 'no half-written cache is left behind');
  rmSync(cacheFile(), { recursive: true, force: true });
});

test('a scratch file left by a writer killed mid-write is swept by the next run that writes caches; a live writer\'s is left alone', () => {
  const exited = spawnSync(process.execPath, ['-e', '0']).pid; // a pid whose process is gone
  const dead = `${cacheFile()}.${exited}`;
  const live = `${cacheFile()}.${process.pid}`;
  const deadRecord = join(dist, `trained.${process.versions.v8}.json.${exited}`);
  for (const file of [dead, live, deadRecord]) writeFileSync(file, 'half a cache');
  rmSync(cacheFile(), { force: true });
  listChannels();
  assert.ok(existsSync(cacheFile()), 'the run wrote the cache');
  assert.deepEqual([existsSync(dead), existsSync(deadRecord), existsSync(live)], [false, false, true]);
  rmSync(live);
  assert.deepEqual(scratchFiles(), []);
});
