// CLI contract tests for `retrovue enricher list` (contracts/enricher/list.yaml).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Listed {
  enrichers: Array<{ id: string; type: string; kind: string; config: Record<string, unknown>; collections: string[] }>;
}

forEachDatabase((fx) => {
  const run = (...argv: string[]) => cli(argv, { database: fx.database });

  test('B-1: a fresh database lists the built-in ffprobe and filename enrichers and exits 0', async () => {
    const listed = await run('enricher', 'list', '--json');
    assert.equal(listed.exitCode, 0, listed.stderr);
    assert.equal(listed.stderr, '');
    assert.deepEqual(
      json<Listed>(listed).enrichers.map((e) => ({ id: e.id, type: e.type, kind: e.kind, config: e.config, collections: e.collections })),
      [
        { id: 'ffprobe', type: 'ffprobe', kind: 'ingest', config: {}, collections: [] },
        { id: 'filename', type: 'filename', kind: 'ingest', config: {}, collections: [] },
      ],
    );
  });

  test('B-1: every enricher is listed ordered by id, whatever the order it was added in', async () => {
    for (const [id, type] of [['zz-names', 'filename'], ['aa-probe', 'ffprobe'], ['g', 'filename']] as const) {
      assert.equal((await run('enricher', 'add', '--id', id, '--type', type)).exitCode, 0);
    }
    const listed = await run('enricher', 'list', '--json');
    assert.equal(listed.exitCode, 0, listed.stderr);
    assert.deepEqual(json<Listed>(listed).enrichers.map((e) => [e.id, e.type]), [
      ['aa-probe', 'ffprobe'], ['ffprobe', 'ffprobe'], ['filename', 'filename'], ['g', 'filename'], ['zz-names', 'filename'],
    ]);
  });

  test('B-1: text mode shows a table of id, type, kind, config and attachments', async () => {
    assert.equal((await run('enricher', 'add', '--id', 'slow', '--type', 'ffprobe', '--config', '{"timeout_ms":60000}')).exitCode, 0);
    const listed = await run('enricher', 'list');
    assert.equal(listed.exitCode, 0, listed.stderr);
    const [header, ...rows] = listed.stdout.trimEnd().split('\n');
    assert.match(header ?? '', /^ID\s+TYPE\s+KIND\s+CONFIG\s+ATTACHED TO$/);
    assert.deepEqual(rows.map((r) => r.split(/\s{2,}/)), [
      ['ffprobe', 'ffprobe', 'ingest', '{}', '0 collection(s)'],
      ['filename', 'filename', 'ingest', '{}', '0 collection(s)'],
      ['slow', 'ffprobe', 'ingest', '{"timeout_ms":60000}', '0 collection(s)'],
    ]);
  });
});
