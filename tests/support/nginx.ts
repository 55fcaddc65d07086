// The real Debian nginx running the shipped example (examples/nginx/retrovue-hls.conf) for a test: its
// marked lines pointed at a temp dir, a free loopback port and the test's nodes, nginx a non-daemon child
// of the test, and its access log read back as the cache's record of every request.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';

export const exampleConfig = join(import.meta.dirname, '..', '..', 'examples', 'nginx', 'retrovue-hls.conf');

/** One line of the example's `retrovue_cache` access log. */
export interface CacheLogLine {
  readonly status: number;
  readonly method: string;
  readonly uri: string;
  /** HIT, MISS, EXPIRED, UPDATING, STALE…, or '-' when the request was not cacheable. */
  readonly cache: string;
  /** The node nginx asked, or undefined when it answered from its cache. */
  readonly upstream: string | undefined;
  readonly bytes: number;
}

export interface Nginx {
  readonly url: string;
  /** Every request logged so far. */
  log(): CacheLogLine[];
  stop(): Promise<void>;
}

/** A loopback port nobody listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  assert.ok(address !== null && typeof address === 'object');
  return address.port;
}

/** Replaces the one line of `text` that `pattern` matches (each marked line of the example exactly once). */
function replaceOnce(text: string, pattern: RegExp, by: string): string {
  const hits = text.match(new RegExp(pattern.source, 'gm'));
  assert.equal(hits?.length, 1, `the example config no longer has one line matching ${pattern}`);
  return text.replace(new RegExp(pattern.source, 'm'), by);
}

/** The example with its `adapt` lines pointed at `dir`, `port` and `nodes` (host:port each). */
export function adaptedExample(dir: string, port: number, nodes: readonly string[]): string {
  let text = readFileSync(exampleConfig, 'utf8');
  text = replaceOnce(text, /^proxy_cache_path \/var\/cache\/nginx\/retrovue /, `proxy_cache_path ${join(dir, 'cache')} `);
  text = replaceOnce(text, /^ {4}listen 8080;/, `    listen 127.0.0.1:${port};`);
  text = replaceOnce(text, /^ {4}access_log \/var\/log\/nginx\/retrovue-hls\.log /, `    access_log ${join(dir, 'access.log')} `);
  const servers = /^ {4}server 127\.0\.0\.1:800\d (max_fails=2 fail_timeout=5s;).*\n/gm;
  const example = text.match(servers) ?? [];
  assert.equal(example.length, 2, 'the example config no longer lists two nodes');
  const first = text.search(servers);
  text = text.replace(servers, '');
  const lines = nodes.map((node) => `    server ${node} max_fails=2 fail_timeout=5s;\n`).join('');
  return `${text.slice(0, first)}${lines}${text.slice(first)}`;
}

/** The main config around the example: every path nginx writes is under `dir`. */
function mainConfig(dir: string): string {
  const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
  return [
    'worker_processes 1;',
    // nginx started by root drops its workers to `nobody`, who could not write the cache under the test's temp dir.
    ...(process.getuid?.() === 0 ? ['user root;'] : []),
    `error_log ${join(dir, 'error.log')} warn;`,
    `pid ${join(dir, 'nginx.pid')};`,
    'events { worker_connections 2048; }',
    'http {',
    `  ${temp('client_body')} ${temp('proxy')} ${temp('fastcgi')} ${temp('uwsgi')} ${temp('scgi')}`,
    `  include ${join(dir, 'retrovue-hls.conf')};`,
    '}',
    '',
  ].join('\n');
}

const LOG_LINE = /^\S+ (\d{3}) "(\S+) (\S+)" cache=(\S+) upstream=(\S+) bytes=(\d+)/;

function parseLog(text: string): CacheLogLine[] {
  return text.split('\n').filter((line) => line !== '').map((line) => {
    const m = LOG_LINE.exec(line);
    assert.ok(m, `an access log line not in the example's format: ${line}`);
    return { status: Number(m[1]), method: m[2] as string, uri: m[3] as string, cache: m[4] as string, upstream: m[5] === '-' ? undefined : m[5], bytes: Number(m[6]) };
  });
}

/** Starts nginx (not as a daemon) in front of `nodes`; ready once it answers on its port. */
export async function startNginx(nodes: readonly string[]): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), 'retrovue-nginx-'));
  mkdirSync(join(dir, 'cache'));
  const port = await freePort();
  writeFileSync(join(dir, 'retrovue-hls.conf'), adaptedExample(dir, port, nodes));
  writeFileSync(join(dir, 'nginx.conf'), mainConfig(dir));
  const child: ChildProcess = spawn('/usr/sbin/nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  for (let tries = 0; ; tries++) {
    const up = await request(`${url}/healthz`).then(async (r) => (await r.body.text(), r.statusCode === 200), () => false);
    if (up) break;
    if (child.exitCode !== null || tries > 100) {
      const errors = readFileSync(join(dir, 'error.log'), { encoding: 'utf8', flag: 'a+' });
      await stop();
      throw new Error(`nginx did not come up: ${stderr}${errors}`);
    }
    await sleep(100);
  }
  return { url, log: () => parseLog(readFileSync(join(dir, 'access.log'), 'utf8')), stop };
}
