// Runs the AIR engine as ChannelManager will: a child process fed a PlayoutPlan on stdin, its MPEG-TS
// read from stdout and its events from a pipe on fd 3. From source (tsx), so tests and coverage see the
// current code. Also builds plans from clips.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { AirEvent } from '../../src/air/protocol.js';
import { statFile } from '../../src/catalog/playable-file.js';
import { systemClock } from '../../src/core/clock.js';
import { defaultOutputProfile, type FilterDirective, type OutputProfile, type PlayoutPlan, type PlayoutSegment, type SegmentSource } from '../../src/plugins/playout-plan.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface SegmentSpec {
  readonly source: SegmentSource;
  readonly inPointMs?: number;
  readonly durationMs: number;
  readonly title?: string;
  readonly transitionIn?: PlayoutSegment['transitionIn'];
}

/** An asset segment source; a rendition is recorded as made from `path` as the file is now (so it is valid). */
export function asset(path: string, extra: { rendition?: { path: string; profile: string } } = {}): SegmentSource {
  const source = { kind: 'asset' as const, assetId: path.split('/').pop() ?? path, path };
  if (extra.rendition === undefined) return source;
  const facts = statFile(path);
  const made = 'problem' in facts ? { sourceSizeBytes: 0, sourceMtimeMs: 0 } : { sourceSizeBytes: facts.sizeBytes, sourceMtimeMs: facts.mtimeMs };
  return { ...source, rendition: { ...extra.rendition, ...made } };
}

/** Contiguous segments from `startMs`, in order. */
export function segmentsFrom(startMs: number, specs: readonly SegmentSpec[], firstIndex = 0): PlayoutSegment[] {
  let at = startMs;
  return specs.map((spec, i) => {
    const segment: PlayoutSegment = {
      source: spec.source, inPointMs: spec.inPointMs ?? 0, durationMs: spec.durationMs, startsAtMs: at,
      playlogEventId: `event-${firstIndex + i}`, title: spec.title ?? `segment ${firstIndex + i}`, transitionIn: spec.transitionIn ?? { kind: 'cut' },
    };
    at += spec.durationMs;
    return segment;
  });
}

export function planOf(startMs: number, specs: readonly SegmentSpec[], options: { directives?: FilterDirective[]; profile?: OutputProfile } = {}): PlayoutPlan {
  return { channelId: 'test', profile: options.profile ?? defaultOutputProfile, segments: segmentsFrom(startMs, specs), directives: options.directives ?? [], builtAtMs: startMs };
}

export interface LiveAir {
  readonly child: ChildProcess;
  readonly events: AirEvent[];
  /** Everything written to stdout so far. */
  output(): Buffer;
  /** Resolves with the first event (already seen or to come) matching `test`. */
  event(test: (e: AirEvent) => boolean): Promise<AirEvent>;
  /** Resolves once stdout holds at least `bytes`. */
  bytes(count: number): Promise<void>;
  send(message: unknown): void;
  closeStdin(): void;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

/** Starts the engine and waits for its `ready` event; then hand it a plan with `send`. */
export async function startAir(args: readonly string[] = []): Promise<LiveAir> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['NODE_TEST_CONTEXT'];
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/air/main.ts'), ...args], {
    cwd: root, env, stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
  });
  const stdin = child.stdin as Writable;
  stdin.on('error', () => {}); // the engine may be gone when a test writes; the test's assertions say why
  const chunks: Buffer[] = [];
  let length = 0;
  let stderr = '';
  const events: AirEvent[] = [];
  const waiters: Array<{ test: (e: AirEvent) => boolean; resolve: (e: AirEvent) => void }> = [];
  const byteWaiters: Array<{ count: number; resolve: () => void }> = [];
  (child.stdout as Readable).on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    length += chunk.length;
    for (const w of byteWaiters.filter((w) => length >= w.count)) {
      byteWaiters.splice(byteWaiters.indexOf(w), 1);
      w.resolve();
    }
  });
  (child.stderr as Readable).on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  let partial = '';
  (child.stdio[3] as Readable).on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines.filter((l) => l.trim() !== '')) {
      const event = JSON.parse(line) as AirEvent;
      events.push(event);
      for (const w of waiters.filter((w) => w.test(event))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(event);
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  const live: LiveAir = {
    child, events, exited,
    output: () => Buffer.concat(chunks, length),
    event: (test) => {
      const seen = events.find(test);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ test, resolve });
        void exited.then(() => setTimeout(() => reject(new Error(`the engine exited without the awaited event; events: ${JSON.stringify(events.map((e) => e.type))}; stderr: ${stderr}`)), 50));
      });
    },
    bytes: (count) => (length >= count ? Promise.resolve() : new Promise((resolve) => byteWaiters.push({ count, resolve }))),
    send: (message) => {
      stdin.write(`${JSON.stringify(message)}\n`);
    },
    closeStdin: () => stdin.end(),
    stderr: () => stderr,
  };
  await live.event((e) => e.type === 'ready');
  return live;
}

export interface AirRun {
  readonly ts: Buffer;
  /** The stream written to a file, for ffprobe/ffmpeg. */
  readonly file: string;
  readonly events: readonly AirEvent[];
  readonly code: number | null;
  readonly stderr: string;
  /** The plan as handed over (its times are those of the moment the engine was ready). */
  readonly plan: PlayoutPlan;
}

/**
 * Runs a whole plan built at the moment the engine is ready, followed by `messages` and "end", and waits
 * for the engine to exit. Pacing is off unless `args` says otherwise.
 */
export async function runAir(
  build: (nowMs: number) => PlayoutPlan,
  options: { readonly messages?: (plan: PlayoutPlan) => unknown[]; readonly args?: readonly string[]; readonly dir: string },
): Promise<AirRun> {
  const air = await startAir(options.args ?? ['--no-pacing']);
  const plan = build(systemClock.now());
  air.send(plan);
  for (const message of options.messages?.(plan) ?? []) air.send(message);
  air.send({ type: 'end' });
  const { code } = await air.exited;
  const ts = air.output();
  const file = join(options.dir, `air-${process.pid}-${runs++}.ts`);
  writeFileSync(file, ts);
  return { ts, file, events: air.events, code, stderr: air.stderr(), plan };
}

let runs = 0;

export function scratchDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'retrovue-air-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function eventsOf<T extends AirEvent['type']>(events: readonly AirEvent[], type: T): Array<Extract<AirEvent, { type: T }>> {
  return events.filter((e): e is Extract<AirEvent, { type: T }> => e.type === type);
}
