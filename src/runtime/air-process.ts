// One run of the AIR engine as a child process (src/air/protocol.ts): the plan and extensions go in on
// stdin, MPEG-TS comes out on stdout, events as JSON lines on fd 3. Only ChannelManager creates these.
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Readable, Writable } from 'node:stream';
import type { AirEvent, AirMessage } from '../air/protocol.js';
import type { Logger } from '../core/logger.js';
import { spawnTied } from '../core/processes.js';
import type { PlayoutPlan } from '../plugins/playout-plan.js';

/** How to start the engine: `node dist/air.mjs` by default. */
export interface AirCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * dist/air.mjs: beside this module in the bundle (dist/retrovue-<hash>.cjs and its chunks), or under the
 * project's dist/ when run from source.
 */
export function defaultAirCommand(): AirCommand {
  const candidates = [new URL('./air.mjs', import.meta.url), new URL('../../dist/air.mjs', import.meta.url)].map((u) => fileURLToPath(u));
  const engine = candidates.find((path) => existsSync(path)) ?? (candidates[1] as string);
  return { command: process.execPath, args: [engine] };
}

export interface AirExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The last lines the engine wrote to stderr (for the log). */
  readonly stderrTail: string;
}

export interface AirHandlers {
  readonly onData: (chunk: Buffer) => void;
  readonly onEvent: (event: AirEvent) => void;
  readonly onExit: (exit: AirExit) => void;
}

const STDERR_TAIL = 2048;
const STOP_GRACE_MS = 3000;
const KILL_GRACE_MS = 2000;

export class AirProcess {
  private readonly child: ChildProcess;
  private readonly stdin: Writable;
  private stderrTail = '';
  /** How the engine exited, once it has. */
  private exit: AirExit | undefined;
  readonly exited: Promise<AirExit>;
  readonly pid: number;

  /** `log` carries the channel: the engine's pipes failing and bad event lines are logged there. */
  private constructor(command: AirCommand, plan: PlayoutPlan, handlers: AirHandlers, private readonly log: Logger) {
    const env: NodeJS.ProcessEnv = { ...(command.env ?? process.env) };
    delete env['NODE_TEST_CONTEXT'];
    this.child = spawnTied(command.command, command.args, { stdio: ['pipe', 'pipe', 'pipe', 'pipe'], env });
    this.pid = this.child.pid ?? -1;
    this.stdin = this.child.stdin as Writable;
    // A write to an engine that is gone; its exit (logged by the caller) tells why.
    this.stdin.on('error', (error) => log.warn({ pid: this.pid, err: error }, 'playout engine stdin failed'));
    (this.child.stdout as Readable).on('data', handlers.onData);
    (this.child.stderr as Readable).on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    const events = this.child.stdio[3] as Readable;
    events.on('error', (error) => log.warn({ pid: this.pid, err: error }, 'playout engine event channel failed'));
    events.on('data', this.eventLines(handlers.onEvent));
    this.exited = new Promise((resolve) => {
      const finish = (code: number | null, signal: NodeJS.Signals | null) => {
        if (this.exit !== undefined) return;
        const exit = { code, signal, stderrTail: this.stderrTail.trim() };
        this.exit = exit;
        resolve(exit); // first: a handler that throws must not leave stop() waiting forever
        handlers.onExit(exit);
      };
      this.child.on('close', finish);
      this.child.on('error', (error) => {
        this.stderrTail += `\nspawn failed: ${error.message}`;
        finish(null, null);
      });
    });
    this.send(plan);
  }

  /** Spawns the engine and hands it the plan (it sits in the pipe until the engine reads it). */
  static start(command: AirCommand, plan: PlayoutPlan, handlers: AirHandlers, log: Logger): AirProcess {
    return new AirProcess(command, plan, handlers, log);
  }

  /** Splits the event channel into lines; a line that is not an event is logged and skipped. */
  private eventLines(onEvent: (event: AirEvent) => void): (chunk: Buffer) => void {
    let partial = '';
    return (chunk) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line.trim() === '') continue;
        const event = parseEvent(line);
        if (event === undefined) this.log.warn({ pid: this.pid, line: line.slice(0, 200) }, 'playout engine wrote a line that is not an event; skipped');
        else onEvent(event);
      }
    };
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  send(message: PlayoutPlan | AirMessage): void {
    if (this.exit === undefined && this.stdin.writable) this.stdin.write(`${JSON.stringify(message)}\n`);
  }

  /** Closes stdin (the engine stops at once and kills its ffmpegs), then escalates if it lingers. */
  async stop(): Promise<AirExit> {
    if (this.exit === undefined) {
      this.stdin.end();
      const term = setTimeout(() => this.child.kill('SIGTERM'), STOP_GRACE_MS);
      const kill = setTimeout(() => this.child.kill('SIGKILL'), STOP_GRACE_MS + KILL_GRACE_MS);
      void this.exited.then(() => {
        clearTimeout(term);
        clearTimeout(kill);
      });
    }
    return this.exited;
  }
}

function parseEvent(line: string): AirEvent | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' ? (value as AirEvent) : undefined;
  } catch {
    return undefined;
  }
}
