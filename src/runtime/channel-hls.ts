// A channel's HLS side: its one stream, tapped from the fan-out, cut into segments (HlsSegmenter) kept in a
// sliding window (HlsWindow), and its HLS viewers' leases (HlsLeases). One per ChannelManager; no process,
// no encode: memory only, bounded.
import { HlsLeases } from './hls-leases.js';
import { HlsSegmenter } from './hls-segmenter.js';
import { HlsWindow } from './hls-window.js';
import { TARGET_DURATION_S } from './hls-playlist.js';
import type { StreamTap } from './stream-fanout.js';

export const hlsTiming = {
  segmentMs: 2000,
  /** A new stream's first segment is cut at its second key frame: a cold playlist is answered sooner. */
  firstSegmentMs: 1000,
  listed: 6,
  /** Listed, then fetchable as long again after sliding out (RFC 8216 6.2.2). */
  kept: 13,
  maxBytes: 48 * 1024 * 1024,
  maxSegmentBytes: 8 * 1024 * 1024,
  /** A client that has not fetched for three target durations has gone. */
  leaseMs: 3 * TARGET_DURATION_S * 1000,
} as const;

export class ChannelHls implements StreamTap {
  readonly window: HlsWindow;
  readonly leases: HlsLeases;
  /** Bytes of segments sent to HLS viewers (GET), counted in the channel's bytes sent beside its TS viewers'. */
  bytesSent = 0;
  private readonly segmenter: HlsSegmenter;

  constructor(options: { readonly now: () => number; readonly leaseMs: number; readonly onLeaseExpired: () => void }) {
    this.window = new HlsWindow({ listed: hlsTiming.listed, kept: hlsTiming.kept, maxBytes: hlsTiming.maxBytes, now: options.now });
    this.segmenter = new HlsSegmenter({
      segmentMs: hlsTiming.segmentMs, firstSegmentMs: hlsTiming.firstSegmentMs, maxSegmentBytes: hlsTiming.maxSegmentBytes,
      onSegment: (segment) => this.window.add(segment),
    });
    this.leases = new HlsLeases({ leaseMs: options.leaseMs, now: options.now, onExpired: options.onLeaseExpired });
  }

  push(packets: Buffer): void {
    this.segmenter.push(packets);
  }

  /** A new engine run: a new stream, after a discontinuity. */
  restart(): void {
    this.segmenter.restart();
    this.window.restart();
  }

  /** The engine stopped: nothing is live; HLS viewers' leases end with it when `viewersToo`. */
  stopped(viewersToo: boolean): void {
    this.segmenter.restart();
    this.window.clear();
    if (viewersToo) this.leases.clear();
  }
}
