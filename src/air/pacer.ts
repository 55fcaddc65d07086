// Releases the spliced stream to stdout in step with the wall clock: a packet leaves once the instant its
// stream position airs is less than `leadMs` away, or at once while it airs before `burstUntilMs` (the
// start burst: a cold viewer gets the first seconds as fast as they are made, then the stream runs at real
// time `leadMs` ahead, never more than the burst ahead of the wall clock). Markers queued between packets run when the packets before them have been written,
// which is how "segment started" is reported when its first packet really leaves.
import type { Writable } from 'node:stream';
import type { SplicedPacket } from './ts-splicer.js';

type Entry = { readonly kind: 'packet'; readonly packet: SplicedPacket } | { readonly kind: 'marker'; readonly run: () => void };

export interface PacerOptions {
  /** Epoch ms at which a stream position airs. */
  readonly airsAt: (position: number) => number;
  readonly now: () => number;
  /** How far ahead of the wall clock the stream may be written; Infinity writes as fast as the reader takes it. */
  readonly leadMs: number;
  /** Epoch ms: stream airing before this instant leaves as soon as it is made (the start burst). */
  readonly burstUntilMs: number;
  /** Called when the pacer can take more (a write drained, a timer fired). */
  readonly wake: () => void;
}

const MAX_WRITE_BYTES = 188 * 1024;

export class Pacer {
  private readonly queue: Entry[] = [];
  private head = 0;
  private blocked = false;
  private timer: NodeJS.Timeout | undefined;
  /** Bytes written to the output so far. */
  written = 0;
  private queuedBytes = 0;
  private lastQueuedPosition: number | undefined;

  constructor(private readonly out: Writable, private readonly options: PacerOptions) {
    out.on('drain', () => {
      this.blocked = false;
      options.wake();
    });
  }

  push(packets: readonly SplicedPacket[]): void {
    for (const packet of packets) {
      this.queue.push({ kind: 'packet', packet });
      this.queuedBytes += packet.bytes.length;
      this.lastQueuedPosition = packet.position;
    }
  }

  mark(run: () => void): void {
    this.queue.push({ kind: 'marker', run });
  }

  /** How far ahead of the wall clock stream may leave now: the lead, or more while the start burst lasts. */
  leadNowMs(): number {
    const now = this.options.now();
    return Math.max(this.options.leadMs, this.options.burstUntilMs - now);
  }

  /** Milliseconds of stream queued beyond the wall clock's now (negative: the stream is late). */
  aheadMs(): number {
    if (this.lastQueuedPosition === undefined) return Number.NEGATIVE_INFINITY;
    return this.options.airsAt(this.lastQueuedPosition) - this.options.now();
  }

  get pendingBytes(): number {
    return this.queuedBytes;
  }

  get idle(): boolean {
    return this.head >= this.queue.length;
  }

  /** Writes whatever is due now; arranges to be woken when the next packet falls due. */
  flush(): void {
    if (this.blocked) return;
    const now = this.options.now();
    const releasedThrough = Math.max(now + this.options.leadMs, this.options.burstUntilMs);
    const batch: Buffer[] = [];
    let batchBytes = 0;
    while (this.head < this.queue.length) {
      const entry = this.queue[this.head] as Entry;
      if (entry.kind === 'marker') {
        if (batch.length > 0) break; // markers run only once what precedes them is handed to the output
        this.head++;
        entry.run();
        continue;
      }
      if (this.options.airsAt(entry.packet.position) > releasedThrough) break;
      batch.push(entry.packet.bytes);
      batchBytes += entry.packet.bytes.length;
      this.head++;
      if (batchBytes >= MAX_WRITE_BYTES) break;
    }
    if (this.head > 4096) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    if (batch.length > 0) {
      this.queuedBytes -= batchBytes;
      this.written += batchBytes;
      if (!this.out.write(Buffer.concat(batch, batchBytes))) this.blocked = true;
      setImmediate(() => this.options.wake()); // more may be due (the batch was bounded, or a marker waits)
      return;
    }
    this.scheduleWake(now);
  }

  private scheduleWake(now: number): void {
    if (this.timer !== undefined || this.head >= this.queue.length) return;
    const entry = this.queue[this.head] as Entry;
    if (entry.kind !== 'packet') return;
    const due = this.options.airsAt(entry.packet.position) - this.options.leadMs;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.options.wake();
    }, Math.max(1, Math.min(1000, due - now)));
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
