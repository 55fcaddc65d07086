// Entry point of the AIR engine process (dist/air.mjs): wires stdin, stdout, the event channel and signals
// to an AirEngine. The protocol is described in protocol.ts.
import { createInterface, type Interface } from 'node:readline';
import { parseArgs } from 'node:util';
import { AirEngine, type EndReason } from './engine.js';
import { openEventSink, type EventSink } from './event-channel.js';
import { FfmpegLauncher } from './ffmpeg-launcher.js';
import { checkPlan } from './plan-check.js';
import { DEFAULT_LEAD_MS, DEFAULT_START_BURST_MS, parseMessage } from './protocol.js';
import { statFile } from '../catalog/playable-file.js';
import { type Clock, steadyClock } from '../core/clock.js';

const USAGE = `usage: air [--events fd:3|<path>] [--ffmpeg <path>] [--lead-ms <ms>] [--start-burst-ms <ms>] [--no-pacing] [--epoch-ms <ms>]
Reads a PlayoutPlan (one JSON line) then extensions on stdin, writes one MPEG-TS stream to stdout,
events as JSON lines to the event channel (default fd 3). --epoch-ms: the parent's clock (epoch ms) at this
process's start (default: the wall clock's). See src/air/protocol.ts.`;

const PARENT_POLL_MS = 1000;

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function options(): { events: string; ffmpeg: string; leadMs: number; startBurstMs: number; clock: Clock } | undefined {
  try {
    const { values } = parseArgs({
      options: {
        events: { type: 'string', default: 'fd:3' },
        ffmpeg: { type: 'string', default: 'ffmpeg' },
        'lead-ms': { type: 'string', default: String(DEFAULT_LEAD_MS) },
        // A cold viewer's first seconds (an HLS segment, a player's probe) as fast as they are made.
        'start-burst-ms': { type: 'string', default: String(DEFAULT_START_BURST_MS) },
        'no-pacing': { type: 'boolean', default: false },
        'epoch-ms': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return undefined;
    }
    const lead = milliseconds(values['lead-ms'], '--lead-ms');
    const startBurstMs = milliseconds(values['start-burst-ms'], '--start-burst-ms');
    return { events: values.events, ffmpeg: values.ffmpeg, leadMs: values['no-pacing'] ? Number.POSITIVE_INFINITY : lead, startBurstMs, clock: engineClock(values['epoch-ms']) };
  } catch (error) {
    log(`air: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exitCode = 2;
    return undefined;
  }
}

function milliseconds(text: string, name: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 60_000) throw new Error(`${name} must be an integer from 0 to 60000`);
  return value;
}

/**
 * The engine keeps time from the parent's now at its start (performance.now() counts from this process's
 * start) on the monotonic clock: a wall-clock step never makes the pacer burst hours of catch-up (forward)
 * or hold every packet back (backward); the runtime sees the step and starts a new engine at the new now.
 */
function engineClock(epochMs: string | undefined): Clock {
  if (epochMs === undefined) return steadyClock(Date.now() - performance.now());
  const origin = Number(epochMs);
  if (!Number.isSafeInteger(origin) || origin < 0) throw new Error('--epoch-ms must be epoch milliseconds');
  return steadyClock(origin);
}

async function main(): Promise<void> {
  const opts = options();
  if (opts === undefined) return;
  const launcher = FfmpegLauncher.create(opts.ffmpeg);
  if (!launcher.guardedByParentDeathSignal) log('air: setpriv --pdeathsig is unavailable; a SIGKILLed engine leaves ffmpeg to die on its next write');
  const events = openEventSink(opts.events, log);
  events.emit({ type: 'ready', pid: process.pid, parentDeathSignal: launcher.guardedByParentDeathSignal, atMs: opts.clock.now() });
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  const reason = await playStdin(lines, { launcher, events, leadMs: opts.leadMs, startBurstMs: opts.startBurstMs, clock: opts.clock });
  lines.close();
  process.stdin.destroy();
  await events.close();
  if (reason === 'no-plan') {
    process.exitCode = 1;
    return;
  }
  await endOutput(reason);
  process.exit(reason === 'failed' ? 1 : 0);
}

/** Reads the plan, then messages, from stdin; resolves with why playout ended. */
function playStdin(lines: Interface, deps: EngineDeps): Promise<EndReason | 'no-plan'> {
  let engine: AirEngine | undefined;
  let seenPlan = false;
  return new Promise((resolve) => {
    // A signal stops a running engine (which reports it); an idle one simply has nothing to stop.
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
      process.on(signal, () => (engine === undefined ? resolve('signal') : engine.stop('signal')));
    }
    // Lines are handled synchronously as they come: a plan and its "end" written together both count.
    lines.on('line', (line) => {
      if (!seenPlan) {
        seenPlan = true;
        engine = startEngine(line, deps);
        if (engine === undefined) resolve('failed');
        else void engine.done.then(resolve);
        return;
      }
      if (engine === undefined || line.trim() === '') return;
      const message = parseMessage(line);
      if (message.type !== 'invalid') engine.handle(message);
      else {
        log(`air: ${message.message}`);
        deps.events.emit({ type: 'error', message: message.message, atMs: deps.clock.now() });
      }
    });
    lines.on('close', () => {
      if (!seenPlan) {
        log('air: stdin closed before a plan arrived');
        resolve('no-plan');
      }
      // After "end" the queue is final and EOF is expected; the parent watch still stops an orphan.
      engine?.stdinClosed();
    });
  });
}

interface EngineDeps {
  readonly launcher: FfmpegLauncher;
  readonly events: EventSink;
  readonly leadMs: number;
  readonly startBurstMs: number;
  readonly clock: Clock;
}

function startEngine(line: string, deps: EngineDeps): AirEngine | undefined {
  let engine: AirEngine;
  try {
    engine = new AirEngine(checkPlan(JSON.parse(line)), { ...deps, out: process.stdout, stat: statFile, log });
  } catch (error) {
    const message = `the first stdin line is not a valid PlayoutPlan: ${error instanceof Error ? error.message : String(error)}`;
    log(`air: ${message}`);
    deps.events.emit({ type: 'error', message, atMs: deps.clock.now() });
    return undefined;
  }
  process.stdout.on('error', (error) => {
    log(`air: stdout failed (${error.message}); stopping`);
    engine.stop('failed');
  });
  // Reparented (the parent died but something else still holds our stdin open): stop all the same.
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid !== parent) engine.stop('stdin-closed');
  }, PARENT_POLL_MS);
  void engine.done.then(() => clearInterval(watch));
  engine.start();
  return engine;
}

/** After a complete playout the last bytes must reach the reader; after a stop there is no one to wait for. */
function endOutput(reason: EndReason): Promise<void> {
  if (reason !== 'plan-complete') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 5000);
    process.stdout.end(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

await main();
