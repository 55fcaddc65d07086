// CLI contract tests for `retrovue db serve` (contracts/db/serve.yaml): one holder process serves the
// embedded database to every other command over a unix socket.
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase } from '../../../src/db/open-database.js';
import { holderSocketDir } from '../../../src/db/holder-paths.js';
import { cliProcess, json } from '../../support/cli.js';
import { connect, embeddedEnv, homes, killStartedHolders, serve, until } from '../../support/holder.js';
import { alive } from '../../support/processes.js';
import { testServerUrl } from '../../support/test-databases.js';

let made: Awaited<ReturnType<typeof homes>>;
before(async () => {
  made = await homes();
});
after(() => {
  killStartedHolders();
  made?.dispose();
});

interface Status {
  access?: string;
  holder_socket?: string;
  holder_pid?: number;
}

test('B-1: serves on RETROVUE_HOME/holder (0700, socket 0600); commands run concurrently as its clients; SIGTERM stops it cleanly', async () => {
  const home = made.fresh('b1');
  const holder = await serve(home, ['--json']);
  assert.equal(statSync(holderSocketDir(join(home, 'db'))).mode & 0o777, 0o700);
  assert.equal(statSync(holder.socket).mode & 0o777, 0o600);
  const runs = await Promise.all([
    cliProcess(['channel', 'add', '--id', 'one', '--name', 'One', '--number', '1', '--json'], embeddedEnv(home)),
    cliProcess(['channel', 'add', '--id', 'two', '--name', 'Two', '--number', '2', '--json'], embeddedEnv(home)),
    cliProcess(['asset', 'list', '--json'], embeddedEnv(home)),
    cliProcess(['channel', 'list', '--json'], embeddedEnv(home)),
  ]);
  for (const run of runs) assert.equal(run.exitCode, 0, run.stderr);
  const status = await cliProcess(['db', 'status', '--json'], embeddedEnv(home));
  assert.equal(status.exitCode, 0, status.stderr);
  const doc = json<Status>(status);
  assert.equal(doc.access, 'holder');
  assert.equal(doc.holder_socket, holder.socket);
  assert.equal(doc.holder_pid, holder.child.pid);
  const text = await cliProcess(['db', 'status'], embeddedEnv(home));
  assert.match(text.stdout, new RegExp(`access\\s+holder pid ${holder.child.pid} at ${holder.socket}`));
  holder.child.kill('SIGTERM');
  assert.equal(await holder.exited, 0, holder.stderr());
  assert.deepEqual(JSON.parse(holder.stdout()), { location: join(home, 'db'), socket: holder.socket, pid: holder.child.pid, stopped_by: 'signal' });
  assert.equal(existsSync(holder.socket), false);
  const list = await cliProcess(['channel', 'list', '--json'], embeddedEnv(home));
  assert.deepEqual(json<{ channels: Array<{ id: string }> }>(list).channels.map((c) => c.id).sort(), ['one', 'two']);
  const direct = json<Status>(await cliProcess(['db', 'status', '--json'], embeddedEnv(home)));
  assert.equal(direct.access, 'direct');
});

test('B-2: a second holder, or a holder while a command has the database open, gets database_locked, exit 1', async () => {
  const home = made.fresh('b2');
  const holder = await serve(home);
  const second = await cliProcess(['db', 'serve'], embeddedEnv(home));
  assert.equal(second.exitCode, 1);
  assert.match(second.stderr, /^retrovue: error: embedded database .* is in use by another process \(it holds the lock .*db\.lock, taken by pid \d+ on \S+ \(holder\)\); wait for it or stop it/);
  holder.child.kill('SIGTERM');
  await holder.exited;
  const direct = await openDatabase({ dialect: 'pglite', dataDir: join(home, 'db') });
  try {
    const third = await cliProcess(['db', 'serve'], embeddedEnv(home));
    assert.equal(third.exitCode, 1);
    assert.match(third.stderr, /is in use by another process/);
  } finally {
    await direct.close();
  }
});

test('B-3: with RETROVUE_DATABASE_URL set it refuses in one line, exit 1', async () => {
  const run = await cliProcess(['db', 'serve'], { RETROVUE_DATABASE_URL: testServerUrl });
  assert.equal(run.exitCode, 1);
  assert.equal(
    run.stderr,
    'retrovue: error: db serve holds the embedded database; RETROVUE_DATABASE_URL selects a server, which needs no holder (unset it to serve the embedded one)\n',
  );
});

test('B-4: --idle-timeout N stops it once no client has been connected for N seconds, exit 0', async () => {
  const home = made.fresh('b4');
  const holder = await serve(home, ['--idle-timeout', '1', '--json']);
  const run = await cliProcess(['channel', 'list'], embeddedEnv(home));
  assert.equal(run.exitCode, 0, run.stderr);
  assert.equal(await holder.exited, 0, holder.stderr());
  assert.equal(JSON.parse(holder.stdout()).stopped_by, 'idle');
  assert.equal(existsSync(holder.socket), false);
});

test('B-5: the stale socket of a holder killed with SIGKILL stops nothing: commands open directly, a new holder replaces it', async () => {
  const home = made.fresh('b5');
  const killed = await serve(home);
  killed.child.kill('SIGKILL');
  await killed.exited;
  assert.equal(existsSync(killed.socket), true, 'the killed holder left its socket');
  const direct = await cliProcess(['channel', 'list', '--json'], embeddedEnv(home));
  assert.equal(direct.exitCode, 0, direct.stderr);
  const next = await serve(home);
  assert.equal(next.child.exitCode, null, next.stderr());
  const through = json<Status>(await cliProcess(['db', 'status', '--json'], embeddedEnv(home)));
  assert.equal(through.access, 'holder');
  assert.equal(through.holder_pid, next.child.pid);
  next.child.kill('SIGTERM');
  assert.equal(await next.exited, 0);
});

test('B-6: a command whose holder is killed mid-command fails in one line naming the socket, exit 3', async () => {
  const home = made.fresh('b6');
  // debug: the holder says when a client's statement starts waiting for the session.
  const holder = await serve(home, [], { RETROVUE_LOG_LEVEL: 'debug' });
  // A client holds a transaction open, so the command's statements wait in the holder's queue.
  const blocker = await connect(home);
  await blocker.query('begin');
  await blocker.query('select 1');
  const command = cliProcess(['channel', 'add', '--id', 'late', '--name', 'Late', '--number', '9'], embeddedEnv(home));
  // Not a new socket of the holder: one killed before it answers the command's connection is, to the command,
  // the stale socket of B-5, and the command rightly opens the database itself (and exits 0).
  await until(() => /"msg":"client \d+ waits for the session/.test(holder.stderr()), "the command's first statement to wait in the holder's queue");
  holder.child.kill('SIGKILL');
  const run = await command;
  assert.equal(run.exitCode, 3, run.stderr);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, new RegExp(`^retrovue: error: the database holder serving ${join(home, 'db')} \\(socket ${holder.socket}\\) went away during the command \\(.*\\); what it had not committed was rolled back: run the command again\\n$`));
  await blocker.end().catch(() => {});
});

test('B-7: a command with no holder starts one for the next commands; it stops when idle; RETROVUE_HOLDER=off starts none', async () => {
  const off = made.fresh('b7off');
  const plain = await cliProcess(['channel', 'list'], embeddedEnv(off));
  assert.equal(plain.exitCode, 0, plain.stderr);
  assert.equal(existsSync(join(off, 'holder', '.s.PGSQL.5432')), false);

  const home = made.fresh('b7');
  const env = embeddedEnv(home, { RETROVUE_HOLDER: 'auto', RETROVUE_HOLDER_IDLE_SECONDS: '3' });
  const first = await Promise.all([
    cliProcess(['channel', 'add', '--id', 'a', '--name', 'A', '--number', '1'], env),
    cliProcess(['channel', 'add', '--id', 'b', '--name', 'B', '--number', '2'], env),
    cliProcess(['db', 'status', '--json'], env),
  ]);
  for (const run of first) assert.equal(run.exitCode, 0, run.stderr);
  const status = json<Status>(first[2] as (typeof first)[2]);
  assert.equal(status.access, 'holder', 'the racing commands all became clients of one holder');
  const holderPid = status.holder_pid as number;
  // A client of ours keeps it from idling out while the next command starts (a node start can pass 3 s under load).
  const keeper = await connect(home);
  const again = json<Status>(await cliProcess(['db', 'status', '--json'], env));
  assert.equal(again.holder_pid, holderPid, 'one holder serves them all');
  await keeper.end();
  await until(() => !alive(holderPid), 'the idle holder to stop');
  assert.equal(existsSync(join(home, 'holder', '.s.PGSQL.5432')), false);
  const list = await cliProcess(['channel', 'list', '--json'], embeddedEnv(home));
  assert.deepEqual(json<{ channels: Array<{ id: string }> }>(list).channels.map((c) => c.id).sort(), ['a', 'b']);
});
