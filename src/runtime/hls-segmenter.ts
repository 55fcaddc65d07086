// Cuts a channel's one MPEG-TS stream (as the fan-out receives it) into HLS media segments, never
// re-encoding: a segment starts at the PAT (and PMT) that AIR's muxer writes just before a video key frame
// (the random-access indicator, src/air/ts-packet.ts) and runs to the next such point at least the
// target length later, so every segment opens with PAT, PMT and a key frame and the segments put end to end
// are the stream byte for byte. Finished segments go to the channel's HlsWindow.
import { TS_PACKET_SIZE, isPayloadStart, isRandomAccess, pidOf, readPesTimestamps, unwrapNear } from '../air/ts-packet.js';
import { TS_LAYOUT } from '../media/ffmpeg-args.js';

const PAT_PID = 0;
export const TICKS_PER_MS = 90;

/** A finished segment as the segmenter hands it on. */
export interface CutSegment {
  readonly bytes: Buffer;
  /** PTS of its first key frame (90 kHz, unwrapped within its stream). */
  readonly startPts: number;
  readonly durationTicks: number;
  /** The first segment of a new stream (the engine restarted): timestamps jump before it. */
  readonly discontinuity: boolean;
}

export interface SegmenterOptions {
  /** A segment is cut at the first key frame at least this long after its start… */
  readonly segmentMs: number;
  /** …except a new stream's first one, cut sooner so a cold playlist can be answered sooner. */
  readonly firstSegmentMs: number;
  /** A segment growing past this (no key frame for far too long) is dropped; the next one starts a new stream. */
  readonly maxSegmentBytes: number;
  readonly onSegment: (segment: CutSegment) => void;
}

interface OpenSegment {
  packets: Buffer[];
  bytes: number;
  /** Its first key frame's PTS, once seen. */
  startPts: number | undefined;
  readonly first: boolean;
  readonly discontinuity: boolean;
}

export class HlsSegmenter {
  private open: OpenSegment | undefined;
  /** Index in `open.packets` of the first PAT since the last video PES began: where a cut may go. */
  private cutAt: number | undefined;
  /** The previous key frame's unwrapped PTS in this stream (for PTS wrap). */
  private lastPts: number | undefined;
  /** The next segment begins a new stream. */
  private newStream = true;
  private segmentsCut = 0;

  constructor(private readonly options: SegmenterOptions) {}

  /** Feeds whole 188-byte packets, aligned, in stream order. */
  push(chunk: Buffer): void {
    for (let at = 0; at + TS_PACKET_SIZE <= chunk.length; at += TS_PACKET_SIZE) this.packet(chunk.subarray(at, at + TS_PACKET_SIZE));
  }

  /** A new engine run: what is open is dropped (it will never end) and the next segment is a discontinuity. */
  restart(): void {
    this.open = undefined;
    this.cutAt = undefined;
    this.lastPts = undefined;
    this.newStream = true;
  }

  private packet(packet: Buffer): void {
    const pid = pidOf(packet);
    const start = isPayloadStart(packet);
    if (pid === PAT_PID && start) {
      this.open ??= this.begin();
      this.cutAt ??= this.open.packets.length;
    }
    const open = this.open;
    if (open === undefined) return; // a stream is joined at its first PAT
    if (pid === TS_LAYOUT.videoPid && start) {
      if (isRandomAccess(packet)) this.keyFrame(open, packet);
      this.cutAt = undefined;
    }
    const into = this.open as OpenSegment; // keyFrame may have opened the next one
    into.packets.push(packet);
    into.bytes += TS_PACKET_SIZE;
    if (into.bytes > this.options.maxSegmentBytes) this.restart();
  }

  private keyFrame(open: OpenSegment, packet: Buffer): void {
    const read = readPesTimestamps(packet);
    if (read === undefined) return;
    const pts = this.lastPts === undefined ? read.pts : unwrapNear(read.pts, this.lastPts);
    this.lastPts = pts;
    if (open.startPts === undefined) {
      open.startPts = pts;
      return;
    }
    const minMs = open.first ? this.options.firstSegmentMs : this.options.segmentMs;
    // Only where PAT and PMT come right before the key frame: every segment opens with them.
    if (pts - open.startPts < minMs * TICKS_PER_MS - TICKS_PER_MS * 20 || this.cutAt === undefined || this.cutAt === 0) return;
    const rest = open.packets.splice(this.cutAt);
    const done = Buffer.concat(open.packets, open.bytes - rest.length * TS_PACKET_SIZE);
    this.options.onSegment({ bytes: done, startPts: open.startPts, durationTicks: pts - open.startPts, discontinuity: open.discontinuity });
    this.segmentsCut++;
    this.open = { packets: rest, bytes: rest.length * TS_PACKET_SIZE, startPts: pts, first: false, discontinuity: false };
    this.cutAt = 0;
  }

  private begin(): OpenSegment {
    const fresh = this.newStream;
    this.newStream = false;
    return { packets: [], bytes: 0, startPts: undefined, first: fresh, discontinuity: fresh && this.segmentsCut > 0 };
  }
}
