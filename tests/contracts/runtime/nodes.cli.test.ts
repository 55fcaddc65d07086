// CLI contract tests for `retrovue runtime nodes` (contracts/runtime/nodes.yaml): real `runtime serve`
// nodes (the built binary) on the Postgres server, listed by the built binary.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli, cliProcess, json } from '../../support/cli.js';
import { binaryEnv } from '../../support/media-fixtures.js';
import { blockClip, seedPlayableNetwork } from '../../support/runtime-network.js';
import { startNode } from '../../support/runtime-nodes.js';
import { tuneIn } from '../../support/runtime.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Listed {
  database: string;
  nodes: Array<{ id: string; name: string; url: string; started_at: string; heartbeat_age_ms: number; channels: string[] }>;
}

forEachDatabase((fx) => {
  test('B-1: lists every live node oldest first with its URL, heartbeat age and the channels it plays; --json matches the schema', { skip: fx.dialect !== 'postgres' && 'nodes register on a Postgres server only' }, async () => {
    await seedPlayableNetwork(fx.database.db, [{ id: 'retro1', clip: await blockClip() }]);
    const env = binaryEnv(fx, '/nonexistent');
    const url = env['RETROVUE_DATABASE_URL'] as string;
    const a = await startNode(url, 'node-a');
    const b = await startNode(url, 'node-b', ['--advertise-url', 'http://10.9.8.7:8000/']);
    try {
      const viewer = await tuneIn(`${a.url}/channel/retro1.ts`);
      await viewer.waitFor(188 * 100);
      const listed = await cliProcess(['runtime', 'nodes', '--json'], { RETROVUE_DATABASE_URL: url, RETROVUE_HOME: a.home });
      assert.equal(listed.exitCode, 0, listed.stderr);
      const { database, nodes } = json<Listed>(listed);
      assert.equal(database, 'server');
      assert.deepEqual(nodes.map((n) => [n.name, n.url, n.channels]), [['node-a', a.url, ['retro1']], ['node-b', 'http://10.9.8.7:8000', []]]);
      assert.ok(nodes.every((n) => n.heartbeat_age_ms >= 0 && n.heartbeat_age_ms < 10_000 && !Number.isNaN(Date.parse(n.started_at))));
      const text = await cliProcess(['runtime', 'nodes'], { RETROVUE_DATABASE_URL: url, RETROVUE_HOME: a.home });
      assert.match(text.stdout, /node-a\s+http:\/\/127\.0\.0\.1:\d+\s+\d+\.\d s ago\s+retro1/);
      viewer.close();
      // An orderly stop leaves the list.
      assert.equal((await b.stop('SIGTERM')).code, 0);
      assert.deepEqual(json<Listed>(await cli(['runtime', 'nodes', '--json'], { database: fx.database })).nodes.map((n) => n.name), ['node-a']);
    } finally {
      a.child.kill('SIGKILL');
      b.child.kill('SIGKILL');
    }
  });

  test('B-2: on embedded PGlite the list is empty and says a single node serves it', { skip: fx.dialect !== 'pglite' && 'the embedded database only' }, async () => {
    const run = await cli(['runtime', 'nodes', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0);
    assert.deepEqual(json<Listed>(run), { database: 'embedded', nodes: [] });
    assert.match((await cli(['runtime', 'nodes'], { database: fx.database })).stdout, /a single node serves it and no node registers/);
  });
});
