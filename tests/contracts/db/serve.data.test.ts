// Data contract tests for `retrovue db serve` (contracts/db/serve.yaml): what the holder's clients store
// stays isolated per transaction and survives the holder's death.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { cliProcess, json } from '../../support/cli.js';
import { connect, embeddedEnv, homes, killStartedHolders, serve } from '../../support/holder.js';

let made: Awaited<ReturnType<typeof homes>>;
before(async () => {
  made = await homes();
});
after(() => {
  killStartedHolders();
  made?.dispose();
});

const settled = async (promise: Promise<unknown>, withinMs: number): Promise<boolean> => {
  let done = false;
  void promise.then(() => (done = true), () => (done = true));
  await new Promise((resolve) => setTimeout(resolve, withinMs));
  return done;
};

test("D-1: two clients' transactions never interleave: the second client's statement waits for the first's transaction", async () => {
  const home = made.fresh('d1');
  const holder = await serve(home);
  const a = await connect(home);
  const b = await connect(home);
  try {
    await a.query('create table probe (v integer)');
    await a.query('begin');
    await a.query('insert into probe values (1)');
    const bInsert = b.query('insert into probe values (2)');
    assert.equal(await settled(bInsert, 500), false, "b's insert waits while a's transaction is open");
    const seenByA = await a.query<{ v: number }>('select v from probe order by v');
    assert.deepEqual(seenByA.rows.map((r) => r.v), [1], "a's transaction sees only its own row");
    await a.query('rollback');
    await bInsert;
    const rows = await b.query<{ v: number }>('select v from probe order by v');
    assert.deepEqual(rows.rows.map((r) => r.v), [2], "a's rollback took only a's row");
    // The extended protocol (parameters) of two clients at once, many times: each gets its own answers.
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).query<{ n: number }>('select $1::int * 2 as n', [i])),
    );
    assert.deepEqual(answers.map((r) => r.rows[0]?.n), Array.from({ length: 40 }, (_, i) => i * 2));
  } finally {
    await a.end();
    await b.end();
    holder.child.kill('SIGTERM');
    await holder.exited;
  }
});

test('D-2: a client killed mid-transaction is rolled back and the holder serves the others', async () => {
  const home = made.fresh('d2');
  const holder = await serve(home);
  const b = await connect(home);
  try {
    await b.query('create table probe (v integer)');
    const script = `
      import pg from 'pg';
      const c = new pg.Client({ host: process.argv[1], port: 5432, user: 'x', database: 'x' });
      await c.connect();
      await c.query('begin');
      await c.query('insert into probe values (7)');
      console.log('inside');
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, `${home}/holder`], { stdio: ['ignore', 'pipe', 'inherit'], cwd: process.cwd() });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
    assert.equal(line, 'inside');
    child.kill('SIGKILL');
    await exited;
    const rows = await b.query<{ n: number }>('select count(*)::int as n from probe');
    assert.equal(rows.rows[0]?.n, 0, 'the killed client left nothing');
    await b.query('begin');
    await b.query('insert into probe values (8)');
    await b.query('commit');
    assert.equal((await b.query<{ n: number }>('select count(*)::int as n from probe')).rows[0]?.n, 1);
  } finally {
    await b.end();
    holder.child.kill('SIGTERM');
    await holder.exited;
  }
});

test('D-3: a holder killed with SIGKILL loses nothing its clients committed', async () => {
  const home = made.fresh('d3');
  const holder = await serve(home);
  for (let i = 1; i <= 5; i++) {
    const run = await cliProcess(['channel', 'add', '--id', `c${i}`, '--name', `C${i}`, '--number', String(i)], embeddedEnv(home));
    assert.equal(run.exitCode, 0, run.stderr);
  }
  const client = await connect(home);
  await client.query('begin');
  await client.query("update channel set name = 'uncommitted' where id = 'c1'");
  holder.child.kill('SIGKILL');
  await holder.exited;
  await client.end().catch(() => {});
  const list = await cliProcess(['channel', 'list', '--json'], embeddedEnv(home));
  assert.equal(list.exitCode, 0, list.stderr);
  const channels = json<{ channels: Array<{ id: string; name: string }> }>(list).channels;
  assert.deepEqual(channels.map((c) => `${c.id}:${c.name}`), ['c1:C1', 'c2:C2', 'c3:C3', 'c4:C4', 'c5:C5']);
});

test('D-4: a client idling in its transaction while others wait is disconnected and rolled back; the others go on', async () => {
  const home = made.fresh('d4');
  const holder = await serve(home, [], { RETROVUE_HOLDER_IDLE_TRANSACTION_SECONDS: '1' });
  const a = await connect(home);
  const b = await connect(home);
  try {
    await b.query('create table probe (v integer)');
    await a.query('begin');
    await a.query('insert into probe values (1)');
    // a now sleeps inside its transaction (a command stopped with Ctrl-Z); b waits, then gets the session.
    const aGone = new Promise<Error>((resolve) => a.once('error', resolve));
    await b.query('insert into probe values (2)');
    assert.match((await aGone).message, /idle in a transaction for 1 s while other clients waited; the transaction was rolled back/);
    const rows = await b.query<{ v: number }>('select v from probe order by v');
    assert.deepEqual(rows.rows.map((r) => r.v), [2]);
    // Alone, an idle transaction is left alone (nobody waits for it).
    await b.query('begin');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await b.query('insert into probe values (3)');
    await b.query('commit');
    assert.equal((await b.query<{ n: number }>('select count(*)::int as n from probe')).rows[0]?.n, 2);
  } finally {
    await a.end().catch(() => {});
    await b.end();
    holder.child.kill('SIGTERM');
    await holder.exited;
  }
});
