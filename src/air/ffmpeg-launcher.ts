// Starts the engine's ffmpeg processes so that none outlives the engine: each is started through
// util-linux `setpriv --pdeathsig KILL` (the kernel kills it the moment the engine dies, SIGKILL included),
// and every live one is tracked so a normal stop kills them all. Without setpriv, a dead engine's ffmpeg
// still dies on its next write to the closed pipe.
import { type ChildProcessByStdio, execFileSync, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

export type FfmpegChild = ChildProcessByStdio<null, Readable, Readable>;

export class FfmpegLauncher {
  private readonly live = new Set<FfmpegChild>();

  private constructor(private readonly ffmpeg: string, private readonly setpriv: string | undefined) {}

  /** Finds a setpriv that supports --pdeathsig (util-linux ≥ 2.33) once, at engine start. */
  static create(ffmpeg: string): FfmpegLauncher {
    for (const candidate of ['/usr/bin/setpriv', '/bin/setpriv']) {
      try {
        execFileSync(candidate, ['--pdeathsig', 'KILL', '--', 'true'], { stdio: 'ignore', timeout: 2000 });
        return new FfmpegLauncher(ffmpeg, candidate);
      } catch {
        // absent or too old: try the next, else go without
      }
    }
    return new FfmpegLauncher(ffmpeg, undefined);
  }

  get guardedByParentDeathSignal(): boolean {
    return this.setpriv !== undefined;
  }

  spawn(args: readonly string[]): FfmpegChild {
    const child = this.setpriv === undefined
      ? spawn(this.ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(this.setpriv, ['--pdeathsig', 'KILL', '--', this.ffmpeg, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.live.add(child);
    child.once('close', () => this.live.delete(child));
    child.once('error', () => this.live.delete(child));
    return child;
  }

  /** SIGKILL to every ffmpeg still running (a piece's TS needs no trailer, so no grace period). */
  killAll(): void {
    for (const child of this.live) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }

  get running(): number {
    return this.live.size;
  }
}
