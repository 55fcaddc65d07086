// One running ffmpeg making one piece: its stdout cut into 188-byte TS packets and held until the engine
// takes them (reading pauses when enough is held, so a piece started early waits on its pipe), its exit,
// and the last words on its stderr, which become the reason when a piece fails.
import type { FfmpegChild, FfmpegLauncher } from './ffmpeg-launcher.js';
import { TS_PACKET_SIZE, TS_SYNC_BYTE } from './ts-packet.js';

const HIGH_WATER_BYTES = 2 * 1024 * 1024;
const LOW_WATER_BYTES = 512 * 1024;
const STDERR_TAIL_CHARS = 2000;

export class PieceProcess {
  private readonly child: FfmpegChild;
  private readonly queue: Buffer[] = [];
  private head = 0;
  private queuedBytes = 0;
  private remainder: Buffer = Buffer.alloc(0);
  private stderrTail = '';
  private paused = false;
  private closed = false;
  private exit: { code: number | null; signal: NodeJS.Signals | null; error?: string } | undefined;
  /** Bytes skipped to find the sync byte again (a healthy ffmpeg never needs it). */
  resyncedBytes = 0;
  packetsRead = 0;
  lastDataAtMs: number;

  constructor(launcher: FfmpegLauncher, readonly args: readonly string[], private readonly onActivity: () => void, now: () => number) {
    this.lastDataAtMs = now();
    this.child = launcher.spawn(args);
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.lastDataAtMs = now();
      this.accept(chunk);
      onActivity();
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (text: string) => {
      this.stderrTail = (this.stderrTail + text).slice(-STDERR_TAIL_CHARS);
    });
    this.child.on('error', (error) => {
      this.exit = { code: null, signal: null, error: error.message };
      this.closed = true;
      onActivity();
    });
    this.child.on('close', (code, signal) => {
      this.exit ??= { code, signal };
      this.closed = true;
      onActivity();
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The next packet without taking it. */
  peek(): Buffer | undefined {
    return this.queue[this.head];
  }

  /** The next packet, or undefined when none is held right now. */
  take(): Buffer | undefined {
    if (this.head >= this.queue.length) return undefined;
    const packet = this.queue[this.head++] as Buffer;
    this.queuedBytes -= TS_PACKET_SIZE;
    if (this.head > 1024) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    if (this.paused && this.queuedBytes < LOW_WATER_BYTES) {
      this.paused = false;
      this.child.stdout.resume();
    }
    return packet;
  }

  /** The process is gone and every packet it wrote has been taken. */
  get drained(): boolean {
    return this.closed && this.head >= this.queue.length;
  }

  get exited(): boolean {
    return this.closed;
  }

  /** One line on why the process ended badly, or undefined if it exited 0. */
  failure(): string | undefined {
    const exit = this.exit;
    if (exit === undefined) return undefined;
    if (exit.error !== undefined) return `ffmpeg could not start: ${exit.error}`;
    if (exit.code === 0) return undefined;
    const last = this.stderrTail.trim().split('\n').pop()?.trim();
    const how = exit.signal !== null ? `was killed by ${exit.signal}` : `exited ${exit.code}`;
    return last ? `ffmpeg ${how}: ${last}` : `ffmpeg ${how}`;
  }

  /** The stderr tail, for a substitution's reason when the process exited 0 but came up short. */
  lastWords(): string | undefined {
    return this.stderrTail.trim().split('\n').pop()?.trim() || undefined;
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  private accept(chunk: Buffer): void {
    let data = this.remainder.length === 0 ? chunk : Buffer.concat([this.remainder, chunk]);
    let at = 0;
    while (data.length - at >= TS_PACKET_SIZE) {
      if (data[at] !== TS_SYNC_BYTE) {
        const next = data.indexOf(TS_SYNC_BYTE, at + 1);
        const skip = next < 0 ? data.length - at : next - at;
        this.resyncedBytes += skip;
        at += skip;
        continue;
      }
      this.queue.push(data.subarray(at, at + TS_PACKET_SIZE));
      this.queuedBytes += TS_PACKET_SIZE;
      this.packetsRead++;
      at += TS_PACKET_SIZE;
    }
    data = data.subarray(at);
    // Copy the tail: a view would pin the whole chunk in memory.
    this.remainder = Buffer.from(data);
    if (!this.paused && this.queuedBytes > HIGH_WATER_BYTES) {
      this.paused = true;
      this.child.stdout.pause();
    }
  }
}
