// Issue 15: one channel's failure never harms another channel or the server. A serving process guarded as
// `runtime serve` is (tests/support/fault-server.ts) runs two channels; one of them has a plan source that
// leaves an uncatchable throw behind at extension time and an as-run writer that throws. Over real HTTP,
// with the real engine: that channel is stopped and logged, while the server and the other channel go on.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { descendants, survivors } from '../support/processes.js';
import { tuneIn, until, type Viewer } from '../support/runtime.js';
import { analyseTs } from '../support/ts-analysis.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  /** The JSON log lines written so far. */
  logs(): Array<{ msg: string; channel?: string; err?: { message: string } }>;
  /** Fails the test at once if the server process is gone. */
  assertAlive(): void;
}

async function startServer(): Promise<Server> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['NODE_TEST_CONTEXT'];
  const child = spawn(process.execPath, ['--import', 'tsx', `${root}tests/support/fault-server.ts`], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  (child.stderr as Readable).on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    (child.stdout as Readable).on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n') && line !== undefined) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.on('exit', (code) => reject(new Error(`the server exited ${code} before listening: ${stderr}`)));
  });
  const logs = () => stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string; channel?: string; err?: { message: string } });
  const assertAlive = () => assert.equal(child.exitCode ?? child.signalCode, null, `the server process died; its last words: ${stderr.slice(-600)}`);
  return { child, url, logs, assertAlive };
}

const engines = (server: Server) => descendants(server.child.pid ?? -1).filter((p) => p.command.startsWith('node'));

let server: Server | undefined;
const viewers: Viewer[] = [];
after(async () => {
  for (const v of viewers) v.close();
  if (server === undefined) return;
  const pids = [server.child.pid ?? -1, ...descendants(server.child.pid ?? -1).map((p) => p.pid)];
  server.child.kill('SIGTERM');
  assert.deepEqual(await survivors(pids, 15_000), [], 'the server left a process behind');
});

describe('runtime: a failure inside one channel', () => {
  it('stops that channel alone: the HTTP server and the other channel keep serving real engine bytes', async () => {
    server = await startServer();
    const s = server;
    const sturdy = await tuneIn(`${s.url}/channel/sturdy.ts`);
    viewers.push(sturdy);
    await sturdy.waitFor(188 * 300);
    const fragile = await tuneIn(`${s.url}/channel/fragile.ts`);
    viewers.push(fragile);
    assert.equal(fragile.status, 200);
    // The engine was spawned before the answer; it is node once setpriv and the orphan check have exec'd it.
    await until(() => engines(s).length === 2, 'one engine per channel');
    // Its first extension (about a second in) leaves the throw behind: the channel is stopped, its viewer cut off.
    const logged = () => s.logs().some((l) => l.channel === 'fragile' && /nobody/.test(l.msg));
    await until(() => (s.assertAlive(), logged()), 'the stray throw was logged against its channel', 30_000);
    await fragile.ended;
    assert.match(s.logs().find((l) => l.channel === 'fragile' && /nobody/.test(l.msg))?.err?.message ?? '', /a callback blew up at extension time/);
    await until(() => engines(s).length === 1, 'only the sturdy channel\'s engine runs');
    // Everything else carries on: the other viewer's stream, the routes, a new tune-in.
    const before = sturdy.bytes().length;
    await sturdy.waitFor(before + 188 * 500, 20_000);
    s.assertAlive();
    const health = await request(`${s.url}/healthz`);
    assert.deepEqual(await health.body.json(), { ok: true });
    const status = (await (await request(`${s.url}/status`)).body.json()) as { channels: Array<{ id: string; state: string; viewers: number }> };
    const state = (id: string) => status.channels.find((c) => c.id === id);
    assert.deepEqual([state('sturdy')?.state, state('sturdy')?.viewers], ['live', 1]);
    // An idle channel that sent nothing is left out of /status.
    assert.ok(state('fragile') === undefined || (state('fragile')?.state === 'idle' && state('fragile')?.viewers === 0), JSON.stringify(status));
    const late = await tuneIn(`${s.url}/channel/sturdy.ts`);
    viewers.push(late);
    await late.waitFor(188 * 300, 20_000);
    const report = analyseTs(late.bytes().subarray(0, 188 * 300));
    assert.equal(report.misaligned, 0);
    assert.deepEqual(report.ccErrors, [], 'the late viewer gets a clean stream');
    assert.equal(engines(s).length, 1, 'the late viewer shares the one engine');
  });
});
