// One run of the AIR engine as a child process (src/air/protocol.ts): the plan and extensions go in on
// stdin, MPEG-TS comes out on stdout, events as JSON lines on fd 3. Only ChannelManager creates these.
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Readable, Writable } from 'node:stream';
import type { AirEvent, AirMessage } from '../air/protocol.js';
import { spawnTied } from '../core/processes.js';
import type { PlayoutPlan } from '../plugins/playout-plan.js';

/** How to start the engine: `node dist/air.mjs` by default. */
export interface AirCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * dist/air.mjs: beside this module in the bundle (dist/retrovue.mjs), or under the project's dist/ when run
 * from source.
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
  private exitedFlag = false;
  readonly exited: Promise<AirExit>;
  readonly pid: number;

  private constructor(command: AirCommand, plan: PlayoutPlan, handlers: AirHandlers) {
    const env: NodeJS.ProcessEnv = { ...(command.env ?? process.env) };
    delete env['NODE_TEST_CONTEXT'];
    this.child = spawnTied(command.command, command.args, { stdio: ['pipe', 'pipe', 'pipe', 'pipe'], env });
    this.pid = this.child.pid ?? -1;
    this.stdin = this.child.stdin as Writable;
    this.stdin.on('error', () => {}); // the engine is gone; its exit tells why
    (this.child.stdout as Readable).on('data', handlers.onData);
    (this.child.stderr as Readable).on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    let partial = '';
    const events = this.child.stdio[3] as Readable;
    events.on('error', () => {});
    events.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line.trim() === '') continue;
        try {
          handlers.onEvent(JSON.parse(line) as AirEvent);
        } catch {
          // not an event line; the engine's stderr says more
        }
      }
    });
    this.exited = new Promise((resolve) => {
      const finish = (code: number | null, signal: NodeJS.Signals | null) => {
        if (this.exitedFlag) return;
        this.exitedFlag = true;
        const exit = { code, signal, stderrTail: this.stderrTail.trim() };
        handlers.onExit(exit);
        resolve(exit);
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
  static start(command: AirCommand, plan: PlayoutPlan, handlers: AirHandlers): AirProcess {
    return new AirProcess(command, plan, handlers);
  }

  get running(): boolean {
    return !this.exitedFlag;
  }

  send(message: PlayoutPlan | AirMessage): void {
    if (!this.exitedFlag && this.stdin.writable) this.stdin.write(`${JSON.stringify(message)}\n`);
  }

  /** Closes stdin (the engine stops at once and kills its ffmpegs), then escalates if it lingers. */
  async stop(): Promise<AirExit> {
    if (!this.exitedFlag) {
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
