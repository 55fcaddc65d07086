// CLI contract tests for `retrovue enricher add` (contracts/enricher/add.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Added {
  enricher: { id: string; type: string; kind: string; config: Record<string, unknown>; collections: string[]; created_at: string; updated_at: string };
  dry_run?: boolean;
}

forEachDatabase((fx) => {
  const add = (...args: string[]) => cli(['enricher', 'add', ...args], { database: fx.database });
  const definedIds = async () => (await fx.database.db.selectFrom('enricher').select('id').orderBy('id').execute()).map((r) => r.id);

  /** Exit 1, nothing on stdout, exactly one stderr line equal to `message`, and nothing defined. */
  async function assertRefused(args: string[], message: string | RegExp): Promise<void> {
    const run = await add(...args);
    assert.equal(run.exitCode, 1, run.stdout);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    if (typeof message === 'string') assert.equal(run.stderr, `retrovue: error: ${message}\n`);
    else assert.match(run.stderr, message);
    assert.deepEqual(await definedIds(), ['ffprobe', 'filename']);
  }

  test('B-1: prints the created enricher as JSON and exits 0', async () => {
    const run = await add('--id', 'names', '--type', 'filename', '--json');
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.stderr, '');
    const { enricher } = json<Added>(run);
    assert.equal(enricher.id, 'names');
    assert.equal(enricher.type, 'filename');
    assert.equal(enricher.kind, 'ingest');
    assert.deepEqual(enricher.config, {});
    assert.deepEqual(enricher.collections, []);
    assert.ok(!Number.isNaN(Date.parse(enricher.created_at)));

    const probe = await add('--id', 'slow-probe', '--type', 'ffprobe', '--config', '{"timeout_ms":60000}', '--json');
    assert.equal(probe.exitCode, 0, probe.stderr);
    assert.deepEqual(json<Added>(probe).enricher.config, { timeout_ms: 60000 });
  });

  test('B-1: text mode names the enricher, its kind and type', async () => {
    const run = await add('--id', 'names', '--type', 'filename');
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.stdout, 'added ingest enricher names (filename)\n');
  });

  test('B-2: an unknown type is refused with exit 1 listing the known types', async () => {
    await assertRefused(['--id', 'tv', '--type', 'tvdb'], 'unknown enricher type "tvdb"; known types: bug, crawl, ffprobe, filename, loudness, lower-third, vhs');
    const asJson = await add('--id', 'tv', '--type', 'tvdb', '--json');
    assert.equal(asJson.exitCode, 1);
    assert.equal(asJson.stdout, '');
    assert.deepEqual(JSON.parse(asJson.stderr), {
      error: { code: 'invalid_input', message: 'unknown enricher type "tvdb"; known types: bug, crawl, ffprobe, filename, loudness, lower-third, vhs' },
    });
  });

  test('B-2: a config that is not JSON is refused with exit 1 naming the problem', async () => {
    await assertRefused(['--id', 'p', '--type', 'ffprobe', '--config', '{timeout_ms: 5000}'], /^retrovue: error: --config must be a JSON object: .*JSON/);
    await assertRefused(['--id', 'p', '--type', 'ffprobe', '--config', ''], /^retrovue: error: --config must be a JSON object: /);
  });

  test('B-2: JSON that is not an object is refused with exit 1 naming what was given', async () => {
    await assertRefused(['--id', 'p', '--type', 'ffprobe', '--config', '[1,2]'], '--config must be a JSON object, got [1,2]');
    await assertRefused(['--id', 'p', '--type', 'ffprobe', '--config', '42'], '--config must be a JSON object, got 42');
    await assertRefused(['--id', 'p', '--type', 'ffprobe', '--config', 'null'], '--config must be a JSON object, got null');
  });

  test('B-2: a config breaking the type schema is refused with exit 1 naming the field and the problem', async () => {
    await assertRefused(['--id', 'p', '--type', 'ffprobe', '--config', '{"timeout_ms":"x"}'], 'ffprobe enricher config is invalid: timeout_ms must be integer');
    await assertRefused(['--id', 'p', '--type', 'ffprobe', '--config', '{"timeout_ms":10}'], 'ffprobe enricher config is invalid: timeout_ms must be >= 1000');
    await assertRefused(
      ['--id', 'p', '--type', 'ffprobe', '--config', '{"timeout_ms":5000,"colour":"red"}'],
      'ffprobe enricher config is invalid: config must NOT have additional properties "colour"',
    );
    await assertRefused(
      ['--id', 'n', '--type', 'filename', '--config', '{"strict":true}'],
      'filename enricher config is invalid: config must NOT have additional properties "strict"',
    );
  });
});
