// Data contract tests for `retrovue runtime nodes` (contracts/runtime/nodes.yaml): nodes registered through
// real lock sessions (pg clients) on the Postgres server, as `runtime serve` registers them.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { Client } from 'pg';
import { openLockSession } from '../../../src/db/lock-session.js';
import { registerNode, tryLockChannel } from '../../../src/runtime/runtime-node-repository.js';
import { addChannel } from '../../support/channels.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Listed {
  nodes: Array<{ name: string; url: string; channels: string[]; heartbeat_age_ms: number }>;
}

forEachDatabase((fx) => {
  const onServer = { skip: fx.dialect !== 'postgres' && 'nodes register on a Postgres server only' };

  async function session(name: string, url: string): Promise<Client> {
    const config = fx.database.config;
    if (config.dialect !== 'postgres') throw new Error('a Postgres server only');
    const client = await openLockSession(config.url);
    await registerNode(client, { id: randomUUID(), name, url });
    return client;
  }

  test('D-1: a node silent for more than 10 s is not listed; a node lists exactly the channels whose ownership lock its session holds', onServer, async () => {
    for (const [id, number] of [['retro1', '1'], ['retro2', '2'], ['retro3', '3']] as const) await addChannel(fx.database, id, number);
    const [a, b, silent] = [await session('a', 'http://10.0.0.1:8000'), await session('b', 'http://10.0.0.2:8000'), await session('silent', 'http://10.0.0.3:8000')];
    try {
      assert.equal(await tryLockChannel(a, 'retro1'), true);
      assert.equal(await tryLockChannel(a, 'retro3'), true);
      assert.equal(await tryLockChannel(b, 'retro1'), false, 'one owner per channel');
      assert.equal(await tryLockChannel(b, 'retro2'), true);
      await tryLockChannel(silent, 'retro2');
      await fx.database.db.updateTable('runtime_node').set({ heartbeat_at: new Date(Date.now() - 11_000) }).where('name', '=', 'silent').execute();
      const { nodes } = json<Listed>(await cli(['runtime', 'nodes', '--json'], { database: fx.database }));
      assert.deepEqual(nodes.map((n) => [n.name, n.url, n.channels]), [['a', 'http://10.0.0.1:8000', ['retro1', 'retro3']], ['b', 'http://10.0.0.2:8000', ['retro2']]]);
      // A session that ends takes its locks with it.
      await a.end();
      const after = json<Listed>(await cli(['runtime', 'nodes', '--json'], { database: fx.database }));
      assert.deepEqual(after.nodes.map((n) => [n.name, n.channels]), [['a', []], ['b', ['retro2']]]);
    } finally {
      for (const client of [a, b, silent]) await client.end().catch(() => {});
    }
  });

  test('D-2: listing writes nothing', async () => {
    const client = fx.dialect === 'postgres' ? await session('a', 'http://10.0.0.1:8000') : undefined;
    try {
      const before = await fx.database.db.selectFrom('runtime_node').selectAll().execute();
      assert.equal((await cli(['runtime', 'nodes'], { database: fx.database })).exitCode, 0);
      assert.equal((await cli(['runtime', 'nodes', '--json'], { database: fx.database })).exitCode, 0);
      assert.deepEqual(await fx.database.db.selectFrom('runtime_node').selectAll().execute(), before);
    } finally {
      await client?.end();
    }
  });
});
