// A ProgramDirector in the test process, with a fixed channel list and plans made from the engine tests'
// clips (tests/support/air-media.ts), AIR run from source (tsx); and HTTP viewers through undici.
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { systemClock } from '../../src/core/clock.js';
import { createLogger } from '../../src/core/logger.js';
import type { OutputProfile, PlayoutPlan, PlayoutSegment } from '../../src/plugins/playout-plan.js';
import type { PlanRefusal } from '../../src/playout/playout-plan-builder.js';
import type { AirCommand } from '../../src/runtime/air-process.js';
import type { ChannelDirectory } from '../../src/runtime/channel-directory.js';
import type { PlanSource } from '../../src/runtime/plan-source.js';
import { ProgramDirector, type ProgramDirectorOptions } from '../../src/runtime/program-director.js';
import { type EpgChannel, guideChannelId } from '../../src/scheduling/epg/epg-guide.js';
import { descendants } from './processes.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The engine from source, as the AIR tests run it. */
export const airFromSource: AirCommand = { command: process.execPath, args: ['--import', 'tsx', `${root}src/air/main.ts`] };

/** Small and cheap to encode: tests run beside others on a loaded machine. */
export const testProfile: OutputProfile = {
  name: 'test-240p30', width: 320, height: 240, frameRate: '30000/1001', audioSampleRate: 48000, audioChannels: 2, videoBitrateKbps: 600, audioBitrateKbps: 96,
};

export function channelOf(id: string): EpgChannel {
  return { id, guideId: guideChannelId(id), name: `Channel ${id}`, number: String(id.length), timezone: 'UTC', logoUrl: null };
}

export function fixedDirectory(ids: readonly string[]): ChannelDirectory {
  const channels = ids.map(channelOf);
  return { channels: async () => channels, guideDays: async () => [] };
}

/**
 * A channel that plays `clip` (lasting `clipMs`) over and over since `anchorMs`: the plan at `at` starts
 * mid-clip at the right in-point and covers `spanMs`.
 */
export function loopingPlan(channelId: string, clip: string, clipMs: number, anchorMs: number, at: number, spanMs = 60_000): PlayoutPlan {
  const segments: PlayoutSegment[] = [];
  let index = Math.floor((at - anchorMs) / clipMs);
  while (anchorMs + index * clipMs < at + spanMs) {
    const start = anchorMs + index * clipMs;
    const from = Math.max(start, at);
    segments.push({
      source: { kind: 'asset', assetId: `clip-${index}`, path: clip }, inPointMs: from - start, durationMs: start + clipMs - from, startsAtMs: from,
      playlogEventId: `${channelId}@${start}`, title: `clip ${index}`, transitionIn: { kind: 'cut' },
    });
    index++;
  }
  return { channelId, profile: testProfile, segments, directives: [], builtAtMs: at };
}

/** A source that always builds a plan (tests' stand-ins for the builder), as the builder answers it. */
export function alwaysPlans(source: (channelId: string, at: number) => Promise<PlayoutPlan>): PlanSource {
  return async (channelId, at) => ({ kind: 'plan', plan: await source(channelId, at) });
}

/** Plan sources by channel id, each a plan or a refusal as the builder gives it; an id not listed is unknown. */
export function planSources(sources: Record<string, (at: number) => PlayoutPlan | PlanRefusal>): PlanSource {
  return async (channelId, at) => {
    const source = sources[channelId];
    if (source === undefined) return { kind: 'unknown-channel', message: `channel "${channelId}" does not exist` };
    const answer = source(at);
    return 'kind' in answer ? answer : { kind: 'plan', plan: answer };
  };
}

export interface TestDirector {
  readonly director: ProgramDirector;
  readonly url: string;
  close(): Promise<void>;
}

export async function startDirector(options: Partial<ProgramDirectorOptions> & Pick<ProgramDirectorOptions, 'directory' | 'planSource'>): Promise<TestDirector> {
  const director = new ProgramDirector({
    air: airFromSource, clock: systemClock, log: createLogger({ level: 'silent' }), lingerMs: 0, ...options,
  });
  const { url } = await director.listen('127.0.0.1', 0);
  return { director, url, close: () => director.close() };
}

/** A viewer reading a stream: every byte so far, and waits for more. */
export interface Viewer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  bytes(): Buffer;
  /** Resolves once `count` bytes have arrived (rejects if the stream ends first). */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  readonly ended: Promise<void>;
  close(): void;
}

export async function tuneIn(url: string, options: { readonly read?: boolean } = {}): Promise<Viewer> {
  const response = await request(url);
  const chunks: Buffer[] = [];
  let length = 0;
  const waiters: Array<{ count: number; resolve: () => void; reject: (e: Error) => void }> = [];
  let ended = false;
  const body = response.body;
  const finished = new Promise<void>((resolve) => {
    const done = () => {
      if (ended) return;
      ended = true;
      for (const w of waiters.splice(0)) w.reject(new Error(`the stream ended after ${length} bytes`));
      resolve();
    };
    body.on('end', done);
    body.on('close', done);
    body.on('error', done);
  });
  if (options.read !== false) {
    body.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      for (const w of waiters.filter((x) => length >= x.count)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    });
  }
  return {
    status: response.statusCode,
    headers: response.headers,
    bytes: () => Buffer.concat(chunks, length),
    waitFor: (count, timeoutMs = 60_000) => {
      if (length >= count) return Promise.resolve();
      if (ended) return Promise.reject(new Error(`the stream ended after ${length} bytes`));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${length} of ${count} bytes within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()), reject: (e) => (clearTimeout(timer), reject(e)) });
      });
    },
    ended: finished,
    close: () => body.destroy(),
  };
}

/** The engines (node) and ffmpegs running under this test process. */
export function playoutProcesses(): Array<{ pid: number; command: string }> {
  return descendants(process.pid).filter((d) => d.command === 'ffmpeg' || d.command === 'node' || d.command.startsWith('node'));
}

export async function until(test: () => boolean, what: string, withinMs = 30_000, poll?: () => Promise<void>): Promise<void> {
  const deadline = performance.now() + withinMs;
  for (;;) {
    await poll?.();
    if (test()) return;
    if (performance.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
