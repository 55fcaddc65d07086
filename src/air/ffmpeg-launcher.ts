// Starts the engine's ffmpeg processes so that none outlives the engine: each is started through the one
// launcher (src/core/processes.ts: `setpriv --pdeathsig KILL`, so the kernel kills it the moment the engine
// dies, SIGKILL included), and every live one is tracked so a normal stop kills them all. Without setpriv, a
// dead engine's ffmpeg still dies on its next write to the closed pipe.
import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { parentDeathSignalAvailable, spawnTied } from '../core/processes.js';

export type FfmpegChild = ChildProcessByStdio<null, Readable, Readable>;

export class FfmpegLauncher {
  private readonly live = new Set<FfmpegChild>();

  private constructor(private readonly ffmpeg: string) {}

  static create(ffmpeg: string): FfmpegLauncher {
    return new FfmpegLauncher(ffmpeg);
  }

  get guardedByParentDeathSignal(): boolean {
    return parentDeathSignalAvailable();
  }

  spawn(args: readonly string[]): FfmpegChild {
    const child = spawnTied(this.ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
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
