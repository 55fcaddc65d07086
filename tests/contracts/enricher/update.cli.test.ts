// CLI contract tests for `retrovue enricher update` (contracts/enricher/update.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Updated {
  enricher: { id: string; type: string; kind: string; config: Record<string, unknown>; collections: string[] };
  dry_run?: boolean;
}

forEachDatabase((fx) => {
  const update = (...args: string[]) => cli(['enricher', 'update', ...args], { database: fx.database });
  const row = (id: string) => fx.database.db.selectFrom('enricher').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  test('B-1: prints the enricher with its new config and exits 0', async () => {
    const run = await update('ffprobe', '--config', '{"timeout_ms":60000}', '--json');
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.stderr, '');
    const { enricher } = json<Updated>(run);
    assert.deepEqual(
      { id: enricher.id, type: enricher.type, kind: enricher.kind, config: enricher.config },
      { id: 'ffprobe', type: 'ffprobe', kind: 'ingest', config: { timeout_ms: 60000 } },
    );
    const text = await update('ffprobe', '--config', '{}');
    assert.equal(text.exitCode, 0, text.stderr);
    assert.equal(text.stdout, 'updated enricher ffprobe: {}\n');
  });

  test('B-1: an unknown id exits 1 with one line naming it', async () => {
    const run = await update('tvdb', '--config', '{}');
    assert.equal(run.exitCode, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, 'retrovue: error: enricher "tvdb" does not exist; see retrovue enricher list\n');
    const asJson = await update('tvdb', '--config', '{}', '--json');
    assert.equal(asJson.exitCode, 1);
    assert.equal((JSON.parse(asJson.stderr) as { error: { code: string } }).error.code, 'not_found');
  });

  test('B-1: with --dry-run it prints the enricher as it would become and changes nothing', async () => {
    const before = await row('ffprobe');
    const run = await update('ffprobe', '--config', '{"timeout_ms":90000}', '--dry-run', '--json');
    assert.equal(run.exitCode, 0, run.stderr);
    const doc = json<Updated>(run);
    assert.equal(doc.dry_run, true);
    assert.deepEqual(doc.enricher.config, { timeout_ms: 90000 });
    assert.deepEqual(await row('ffprobe'), before);
  });

  const broken: Array<[string, string, string]> = [
    ['ffprobe', '{"timeout_ms":"x"}', 'ffprobe enricher config is invalid: timeout_ms must be integer'],
    ['ffprobe', '{"timeout_ms":999999999}', 'ffprobe enricher config is invalid: timeout_ms must be <= 600000'],
    ['ffprobe', '{"retries":3}', 'ffprobe enricher config is invalid: config must NOT have additional properties "retries"'],
    ['filename', '{"strict":true}', 'filename enricher config is invalid: config must NOT have additional properties "strict"'],
    ['ffprobe', '{timeout_ms}', '--config must be a JSON object: '],
    ['ffprobe', '"fast"', '--config must be a JSON object, got "fast"'],
  ];
  for (const [id, config, message] of broken) {
    test(`B-2: refuses ${config} for ${id} with exit 1 and leaves the enricher unchanged`, async () => {
      assert.equal((await update('ffprobe', '--config', '{"timeout_ms":45000}')).exitCode, 0);
      const before = await row(id);
      const run = await update(id, '--config', config);
      assert.equal(run.exitCode, 1);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.ok(run.stderr.startsWith(`retrovue: error: ${message}`), run.stderr);
      assert.deepEqual(await row(id), before);
    });
  }
});
