// CLI contract tests for `retrovue source discover` (contracts/source/discover.yaml).
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, json } from '../../support/cli.js';
import { makeTree } from '../../support/directory-tree.js';
import { closedPort, withMediaServer } from '../../support/media-server-library.js';
import { withoutRootPrivileges } from '../../support/privileges.js';
import { forEachDatabase } from '../../support/test-databases.js';

interface Discovered {
  source: string;
  collections: Array<{ collection: { id: string; ref: string; source_path: string; ingest_enabled: boolean }; status: 'new' | 'existing' | 'gone' }>;
  dry_run?: boolean;
}

forEachDatabase((fx) => {
  const db = () => fx.database.db;
  const add = async (root: string) => {
    const run = await cli(['source', 'add', '--type', 'filesystem', '--name', 'lib', '--base-path', root], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
  };
  const discover = async (...flags: string[]) => {
    const run = await cli(['source', 'discover', 'lib', '--json', ...flags], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.stderr, '');
    return json<Discovered>(run);
  };
  const statuses = (doc: Discovered) => doc.collections.map((c) => [c.collection.ref, c.status]);
  const persisted = async () => (await db().selectFrom('collection').select('name').orderBy('name').execute()).map((c) => c.name);

  test('B-1: marks every reported collection new, then existing, and persisted ones no longer reported gone; exits 0', async (t) => {
    const tree = makeTree({ Shows: {}, Movies: {} });
    t.after(tree.cleanup);
    await add(tree.root);

    const first = await discover();
    assert.equal(first.source, 'lib');
    assert.deepEqual(statuses(first), [['lib/.', 'new'], ['lib/Movies', 'new'], ['lib/Shows', 'new']]);
    assert.deepEqual(first.collections.map((c) => c.collection.source_path), [tree.root, join(tree.root, 'Movies'), join(tree.root, 'Shows')]);

    const again = await discover();
    assert.deepEqual(statuses(again), [['lib/.', 'existing'], ['lib/Movies', 'existing'], ['lib/Shows', 'existing']]);
    assert.deepEqual(again.collections.map((c) => c.collection.id), first.collections.map((c) => c.collection.id));

    // Movies is renamed on disk: the old collection is gone (and kept), the new folder is new.
    renameSync(join(tree.root, 'Movies'), join(tree.root, 'Films'));
    const changed = await discover();
    assert.deepEqual(statuses(changed), [['lib/.', 'existing'], ['lib/Films', 'new'], ['lib/Movies', 'gone'], ['lib/Shows', 'existing']]);
    assert.deepEqual(await persisted(), ['.', 'Films', 'Movies', 'Shows']);
  });

  test('B-1: text mode shows each collection with its status and how to enable ingest', async (t) => {
    const tree = makeTree({ Shows: {} });
    t.after(tree.cleanup);
    await add(tree.root);
    const run = await cli(['source', 'discover', 'lib'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^COLLECTION\s+STATUS\s+INGEST\s+PATH$/);
    assert.match(lines[1] ?? '', new RegExp(`^lib/\\.\\s+new\\s+off\\s+${tree.root}$`));
    assert.match(lines[2] ?? '', new RegExp(`^lib/Shows\\s+new\\s+off\\s+${join(tree.root, 'Shows')}$`));
    assert.equal(lines[3], '2 new collection(s), ingest disabled; enable with retrovue collection update <ref> --ingest-enabled');
    assert.equal(lines.length, 4);
    const again = await cli(['source', 'discover', 'lib'], { database: fx.database });
    assert.doesNotMatch(again.stdout, /new collection/);
    assert.match(again.stdout, /lib\/Shows\s+existing\s+off/);
  });

  test('B-2: a base path deleted after source add exits 3 with one line naming the path, recording nothing', async (t) => {
    const tree = makeTree({ Shows: {} });
    t.after(tree.cleanup);
    await add(tree.root);
    rmSync(tree.root, { recursive: true });
    const run = await cli(['source', 'discover', 'lib'], { database: fx.database });
    assert.equal(run.exitCode, 3, run.stderr);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, `retrovue: error: base path ${tree.root} is not reachable: ENOENT\n`);
    const asJson = await cli(['source', 'discover', 'lib', '--json'], { database: fx.database });
    assert.equal(asJson.exitCode, 3);
    assert.equal(asJson.stdout, '');
    assert.deepEqual(JSON.parse(asJson.stderr), { error: { code: 'unreachable', message: `base path ${tree.root} is not reachable: ENOENT` } });
    assert.deepEqual(await persisted(), []);
  });

  test('B-2: a base path that is no longer a directory exits 3 naming the path', async (t) => {
    const tree = makeTree({ Shows: {} });
    t.after(tree.cleanup);
    await add(tree.root);
    rmSync(tree.root, { recursive: true });
    writeFileSync(tree.root, 'a file now');
    const run = await cli(['source', 'discover', 'lib'], { database: fx.database });
    assert.equal(run.exitCode, 3, run.stderr);
    assert.equal(run.stderr, `retrovue: error: base path ${tree.root} is not a directory\n`);
    assert.deepEqual(await persisted(), []);
  });

  test('B-2: a base path that cannot be read (chmod 000) exits 3 with one line naming the path and the cause', async (t) => {
    const tree = makeTree({ Shows: {} });
    t.after(() => {
      chmodSync(tree.root, 0o755);
      tree.cleanup();
    });
    chmodSync(tree.dir, 0o755);
    await add(tree.root);
    chmodSync(tree.root, 0o000);
    const run = await withoutRootPrivileges(() => cli(['source', 'discover', 'lib'], { database: fx.database }));
    assert.equal(run.exitCode, 3, run.stderr);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, `retrovue: error: base path ${tree.root} is not readable: EACCES\n`);
    assert.deepEqual(await persisted(), []);
  });

  test('B-2: exit 3 is kept for an unreachable base path: an unknown source exits 1', async () => {
    const run = await cli(['source', 'discover', 'ghost'], { database: fx.database });
    assert.equal(run.exitCode, 1);
    assert.equal(run.stderr, 'retrovue: error: source "ghost" does not exist; see retrovue source list\n');
  });

  test('B-3: --dry-run reports what it would record and persists nothing', async (t) => {
    const tree = makeTree({ Shows: {}, Movies: {} });
    t.after(tree.cleanup);
    await add(tree.root);
    const dry = await discover('--dry-run');
    assert.equal(dry.dry_run, true);
    assert.deepEqual(statuses(dry), [['lib/.', 'new'], ['lib/Movies', 'new'], ['lib/Shows', 'new']]);
    assert.deepEqual(await persisted(), []);
    assert.deepEqual(await db().selectFrom('collection_enricher').selectAll().execute(), []);

    // After a real discovery, a dry run still reports a new folder as new without recording it.
    await discover();
    mkdirSync(join(tree.root, 'Specials'));
    const text = await cli(['source', 'discover', 'lib', '--dry-run'], { database: fx.database });
    assert.equal(text.exitCode, 0, text.stderr);
    assert.match(text.stdout, /lib\/Specials\s+new/);
    assert.match(text.stdout, /lib\/Shows\s+existing/);
    assert.equal(text.stderr, 'dry run: nothing was changed\n');
    assert.deepEqual(await persisted(), ['.', 'Movies', 'Shows']);
    assert.deepEqual(statuses(await discover()), [['lib/.', 'existing'], ['lib/Movies', 'existing'], ['lib/Shows', 'existing'], ['lib/Specials', 'new']]);
  });

  const product = { plex: 'Plex', jellyfin: 'Jellyfin', emby: 'Emby' } as const;
  for (const type of ['plex', 'jellyfin'] as const) {
    test(`B-4: a ${type} server that refuses the credential, is gone, fails TLS, outlasts timeout_ms or cuts its answer short exits 3 with one line naming the server and the fix, never the credential, recording nothing`, async () => {
      await withMediaServer(type, async (server) => {
        const gone = `http://127.0.0.1:${await closedPort()}`;
        const wrong = 'wRoNg-cReDeNtIaL-7777';
        const credential = type === 'plex' ? '--token' : '--api-key';
        const cases: Array<{ what: string; url: string; key: string; fault?: 'hang' | 'close-mid-page'; says: RegExp }> = [
          { what: 'refused', url: server.url, key: wrong, says: new RegExp(`refused the credential \\(401\\); .*retrovue source update s-refused ${credential} `) },
          { what: 'tls', url: server.url.replace(/^http:/, 'https:'), key: server.credential, says: /: TLS failed \(ERR_SSL_\w+\); use a certificate this machine trusts/ },
          { what: 'gone', url: gone, key: server.credential, says: /is not reachable \(ECONNREFUSED\); check the source's url$/ },
          { what: 'hang', url: server.url, key: server.credential, fault: 'hang', says: /did not answer \/\S+ within 0\.5 s; check that it is up, or raise timeout_ms in the source's config$/ },
          { what: 'cut', url: server.url, key: server.credential, fault: 'close-mid-page', says: /closed the connection in the middle of \/\S+; try again/ },
        ];
        for (const c of cases) {
          const name = `s-${c.what}`;
          const added = await cli(['source', 'add', '--type', type, '--name', name, '--url', c.url, credential, c.key, '--config', '{"timeout_ms": 500}'], { database: fx.database });
          assert.equal(added.exitCode, 0, added.stderr);
          if (c.fault) server.faultAll(c.fault);
          for (const flags of [[], ['--json']]) {
            const failed = await cli(['source', 'discover', name, ...flags], { database: fx.database });
            assert.equal(failed.exitCode, 3, `${c.what}: ${failed.stderr}`);
            assert.equal(failed.stdout, '', c.what);
            assert.equal(failed.stderr.split('\n').length, 2, `${c.what}: one line: ${failed.stderr}`);
            const message = flags.length === 0 ? failed.stderr.replace(/^retrovue: error: /, '').trimEnd() : String(JSON.parse(failed.stderr).error?.message);
            assert.ok(message.startsWith(`the ${product[type]} server ${c.url}`), `${c.what}: ${failed.stderr}`);
            assert.match(message, c.says, c.what);
            for (const secret of [server.credential, wrong]) assert.ok(!failed.stderr.includes(secret), `${c.what}: the credential leaked: ${failed.stderr}`);
          }
          server.faultAll(undefined);
          assert.deepEqual(await persisted(), [], `${c.what}: a collection was recorded`);
        }
      });
    });
  }
});
