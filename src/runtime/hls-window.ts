// A channel's HLS segments in memory: the newest `listed` are the live playlist's sliding window; a few
// more stay fetchable after they slide out (RFC 8216 6.2.2: a removed segment stays available for its own
// duration plus the playlist's), then they are gone (404). Memory is bounded by count and by bytes.
// Sequence numbers start at the wall clock's seconds, so a segment's URL never names two different
// segments, even across server restarts: segments can be cached as immutable.
import { STREAM_START_TICKS } from '../air/timeline.js';
import { type CutSegment, TICKS_PER_MS } from './hls-segmenter.js';

export interface HlsSegment {
  readonly sequence: number;
  readonly bytes: Buffer;
  readonly durationMs: number;
  /** Discontinuity sequence number (RFC 8216 6.2.1): how many discontinuities came before or at it. */
  readonly epoch: number;
  readonly discontinuity: boolean;
  /** Epoch ms its first frame airs. */
  programDateMs: number;
  readonly startPts: number;
}

export interface HlsWindowOptions {
  /** Segments in the playlist. */
  readonly listed: number;
  /** Segments kept fetchable in all (≥ listed). */
  readonly kept: number;
  readonly maxBytes: number;
  readonly now: () => number;
}

export class HlsWindow {
  private readonly segments: HlsSegment[] = [];
  private bytes = 0;
  private nextSequence: number | undefined;
  private epoch = 0;
  /** Epoch ms at which the current stream's first position (STREAM_START_TICKS) airs, once AIR said. */
  private anchorMs: number | undefined;
  /** The first sequence number of the current engine run. */
  private runFrom = 0;
  private waiters: Array<() => void> = [];

  constructor(private readonly options: HlsWindowOptions) {}

  /** The current stream's anchor, from AIR's `started` event: every segment of it gets its air time. */
  anchor(anchorMs: number): void {
    this.anchorMs = anchorMs;
    for (const s of this.segments) if (s.sequence >= this.runFrom) s.programDateMs = this.airsAt(s.startPts);
  }

  /** A new engine run begins: its anchor is not known yet. */
  restart(): void {
    this.anchorMs = undefined;
    this.runFrom = this.nextSequence ?? 0;
  }

  /** The channel stopped: nothing listed is live any more (numbering goes on). */
  clear(): void {
    this.segments.length = 0;
    this.bytes = 0;
    this.anchorMs = undefined;
  }

  add(cut: CutSegment): void {
    if (cut.discontinuity) this.epoch++;
    const sequence = this.nextSequence ?? Math.floor(this.options.now() / 1000);
    this.nextSequence = sequence + 1;
    this.segments.push({
      sequence, bytes: cut.bytes, durationMs: cut.durationTicks / TICKS_PER_MS, epoch: this.epoch, discontinuity: cut.discontinuity,
      programDateMs: this.airsAt(cut.startPts), startPts: cut.startPts,
    });
    this.bytes += cut.bytes.length;
    while (this.segments.length > 1 && (this.segments.length > this.options.kept || this.bytes > this.options.maxBytes)) {
      this.bytes -= (this.segments.shift() as HlsSegment).bytes.length;
    }
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** The playlist's segments, oldest first. */
  listed(): readonly HlsSegment[] {
    return this.segments.slice(-this.options.listed);
  }

  /** A segment still fetchable, or undefined (slid out, or not made yet). */
  segment(sequence: number): HlsSegment | undefined {
    return this.segments.find((s) => s.sequence === sequence);
  }

  get size(): number {
    return this.segments.length;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  /** Resolves true once a segment is listed, or false after `timeoutMs`. */
  whenListed(timeoutMs: number): Promise<boolean> {
    if (this.segments.length > 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== wake);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(wake);
    });
  }

  private airsAt(pts: number): number {
    // Until AIR's anchor arrives (it is sent before the stream, on another pipe), the arrival time stands in.
    return this.anchorMs === undefined ? this.options.now() : Math.round(this.anchorMs + (pts - STREAM_START_TICKS) / TICKS_PER_MS);
  }
}
