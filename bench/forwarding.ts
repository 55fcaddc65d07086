// A viewer reaching a node that does not own the channel (issue "Scale out"): proxy or redirect, measured
// against a viewer of the owner itself. Time to the first TS byte of a warm channel (p50 of 20) and, with 50
// viewers streaming for 5 s, the forwarding node's CPU (% of one core) and RSS; the owner's CPU beside it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import { ms, percentile } from './measure.js';
import { makeBenchMedia, serverLoad, startRuntimeServer, stopRuntimeServer } from './runtime.js';

const TUNES = 20;
const CROWD = 50;
const agent = new Agent({ connections: 500, pipelining: 0 });

/** First byte of `url`, following one 307 as players do; the open body, to keep or close. */
async function firstByte(url: string): Promise<{ ms: number; close(): void }> {
  const t0 = performance.now();
  let response = await request(url, { dispatcher: agent });
  if (response.statusCode === 307) {
    await response.body.dump();
    response = await request(String(response.headers['location']), { dispatcher: agent });
  }
  if (response.statusCode !== 200) throw new Error(`${url}: HTTP ${response.statusCode}`);
  const body = response.body as unknown as Readable;
  body.on('error', () => {});
  await new Promise((resolve) => body.once('data', resolve));
  const took = performance.now() - t0;
  body.resume();
  return { ms: took, close: () => body.destroy() };
}

async function startForwarder(owner: string, mode: 'proxy' | 'redirect'): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'forwarding-node.ts'), owner, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise<string>((resolve, reject) => {
    (child.stdout as Readable).on('data', (chunk: Buffer) => {
      const match = /url (\S+)/.exec(chunk.toString('utf8'));
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`forwarding node exited ${code}`)));
  });
  return { child, base };
}

async function row(name: string, base: string, owner: ChildProcess, forwarder: ChildProcess | undefined): Promise<void> {
  const url = `${base}/channel/ch0.ts`;
  const tunes: number[] = [];
  for (let i = 0; i < TUNES; i++) {
    const t = await firstByte(url);
    tunes.push(t.ms);
    t.close();
  }
  const crowd = await Promise.all(Array.from({ length: CROWD }, () => firstByte(url)));
  const [fwd, own] = await Promise.all([forwarder === undefined ? undefined : serverLoad(forwarder.pid ?? -1, 5000), serverLoad(owner.pid ?? -1, 5000)]);
  for (const c of crowd) c.close();
  const forwarding = fwd === undefined ? 'n/a' : `${fwd.cpu.toFixed(1)} % CPU, ${fwd.rssMb.toFixed(0)} MB`;
  console.log(`  ${name.padEnd(9)} first byte p50 ${ms(percentile(tunes, 50))} p90 ${ms(percentile(tunes, 90))} · ${CROWD} viewers: forwarding node ${forwarding}; owner ${own.cpu.toFixed(1)} % CPU`);
}

export async function benchForwarding(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'retrovue-bench-forwarding-'));
  const { server, base } = await startRuntimeServer(makeBenchMedia(dir));
  const warm = await firstByte(`${base}/channel/ch0.ts`); // the channel stays on air for every row
  console.log(`forwarding to the owner node (warm channel, 50 viewers, CPU of the non-owner node):`);
  try {
    await row('direct', base, server, undefined);
    for (const mode of ['proxy', 'redirect'] as const) {
      const forwarder = await startForwarder(base, mode);
      try {
        await row(mode, forwarder.base, server, forwarder.child);
      } finally {
        forwarder.child.kill('SIGTERM');
      }
    }
  } finally {
    warm.close();
    await stopRuntimeServer(server);
    await agent.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchForwarding();
