// The engine as a process, attacked like a hostile operator would: usage errors, no plan, a bad plan, no
// event channel, events to a file, no ffmpeg, a reader that hangs up. Documented exits, one clear line,
// no orphans.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';
import { airMedia, type AirMedia } from '../support/air-media.js';
import { asset, eventsOf, planOf, scratchDir, startAir } from '../support/air-engine.js';
import { analyseTs } from '../support/ts-analysis.js';
import { descendants, survivors } from '../support/processes.js';
import type { AirEvent } from '../../src/air/protocol.js';
import { systemClock } from '../../src/core/clock.js';

const main = fileURLToPath(new URL('../../src/air/main.ts', import.meta.url));
let media: AirMedia;
const scratch = scratchDir();

before(async () => {
  media = await airMedia();
});
after(() => scratch.cleanup());

/**
 * Runs the engine with only stdin/stdout/stderr (no fd 3). `input` is written once `ready(stderr)` holds
 * (built then, so a plan's times are those of an engine that is up), or at once without `ready`.
 */
function bare(
  args: readonly string[], input: string | (() => string), ready?: (stderr: string) => boolean,
): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['NODE_TEST_CONTEXT'];
  const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env });
  const out: Buffer[] = [];
  let stderr = '';
  let written = false;
  const write = () => {
    written = true;
    child.stdin.end(typeof input === 'string' ? input : input());
  };
  const poll = setInterval(() => {
    if (!written && ready?.(stderr)) write();
  }, 20);
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  child.stdin.on('error', () => {});
  if (ready === undefined) write();
  return new Promise((resolve) => child.on('close', (code) => {
    clearInterval(poll);
    resolve({ code, stdout: Buffer.concat(out), stderr });
  }));
}

const line = (value: unknown) => `${JSON.stringify(value)}\n`;

describe('AIR as a process', () => {
  it('exits 2 with the usage on a bad option, 0 with it on --help', async () => {
    const bad = await bare(['--lead-ms', 'soon'], '');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--lead-ms must be an integer[\s\S]*usage: air/);
    const help = await bare(['--help'], '');
    assert.equal(help.code, 0);
    assert.match(help.stdout.toString(), /^usage: air/);
  });

  it('exits 1 when stdin closes before a plan, or the first line is not a plan, with one line saying which field', async () => {
    const none = await bare([], '');
    assert.equal(none.code, 1);
    assert.match(none.stderr, /stdin closed before a plan arrived/);
    const air = await startAir();
    air.send({ channelId: 'c', profile: { name: 'x' } });
    const { code } = await air.exited;
    assert.equal(code, 1);
    assert.match(eventsOf(air.events, 'error')[0]?.message ?? '', /not a valid PlayoutPlan: profile\.width must be an integer/);
    assert.equal(air.output().length, 0);
  });

  it('plays without an event channel on fd 3, saying so once on stderr', async () => {
    const plan = () => planOf(systemClock.now(), [{ source: { kind: 'synthetic', synthetic: 'station-id', text: 'RetroVue 3' }, durationMs: 500 }]);
    const run = await bare(['--no-pacing'], () => line(plan()) + line({ type: 'end' }), (stderr) => stderr.includes('no event channel'));
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /no event channel on fd 3/);
    assert.ok(run.stdout.length > 188 * 50 && analyseTs(run.stdout).ccErrors.length === 0);
  });

  it('appends events to the file named by --events', async () => {
    const file = join(scratch.dir, 'events.jsonl');
    const plan = () => planOf(systemClock.now(), [{ source: asset(media.clip('h264Mp4')), durationMs: 500 }]);
    const run = await bare(['--no-pacing', '--events', file], () => line(plan()) + line({ type: 'end' }), () => existsSync(file) && readFileSync(file, 'utf8').includes('"ready"'));
    assert.equal(run.code, 0, run.stderr);
    const events = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AirEvent);
    assert.deepEqual(events.map((e) => e.type), ['ready', 'started', 'segment-started', 'segment-ended', 'ended']);
  });

  it('without a working ffmpeg: slate is tried, then it stops with exit 1 and one clear error', async () => {
    const air = await startAir(['--no-pacing', '--ffmpeg', '/nonexistent/ffmpeg']);
    air.send(planOf(systemClock.now(), [{ source: asset(media.clip('h264Mp4')), durationMs: 1000 }]));
    air.send({ type: 'end' });
    const { code } = await air.exited;
    assert.equal(code, 1);
    assert.equal(eventsOf(air.events, 'ended')[0]?.reason, 'failed');
    const message = eventsOf(air.events, 'error').at(-1)?.message ?? '';
    assert.match(message, /cannot play even a bare slate .*\/nonexistent\/ffmpeg/);
    assert.doesNotMatch(message, /\n/);
  });

  it('stops with exit 1 and no ffmpeg left when the reader hangs up', async () => {
    const air = await startAir();
    air.send(planOf(systemClock.now(), [1, 2, 3].map(() => ({ source: asset(media.clip('h264Mp4')), durationMs: 2000 }))));
    await air.bytes(188 * 50);
    const ffmpeg = descendants(air.child.pid ?? -1).filter((d) => d.command === 'ffmpeg').map((d) => d.pid);
    assert.ok(ffmpeg.length > 0);
    (air.child.stdout as Readable).destroy();
    const { code } = await air.exited;
    assert.equal(code, 1);
    assert.match(air.stderr(), /stdout failed/);
    assert.deepEqual(await survivors(ffmpeg, 5000), []);
  });
});
