// Fan-out of one channel's MPEG-TS to every viewer: each chunk goes to every viewer as whole 188-byte
// packets; a joiner starts with the join point's burst (TsJoinPoint: seconds of stream from a PAT and key
// frame) so it decodes, and a probing player opens, at once. A viewer whose unsent bytes pass the bound
// (plus its join burst) is dropped at once: it never stalls the others, and memory per viewer stays bounded.
import { TS_PACKET_SIZE, TS_SYNC_BYTE, hasPayload, isPayloadStart, pidOf } from '../air/ts-packet.js';
import { RestartDiscontinuity } from './restart-discontinuity.js';
import { TsJoinPoint } from './ts-join-point.js';
import { WholePesHold } from './whole-pes-hold.js';

/** Where a viewer's bytes go (an HTTP response in the runtime). */
export interface ViewerSink {
  write(chunk: Buffer): void;
  /** Bytes written but not yet sent on. */
  readonly buffered: number;
  /** Ends the viewer's stream now (dropped, or the channel stopped). */
  close(reason: ViewerCloseReason): void;
}

/** A consumer of the whole aligned stream besides the viewers (the HLS segmenter): fed before them. */
export interface StreamTap {
  push(packets: Buffer): void;
  /** A new engine run starts a new stream. */
  restart(): void;
}

export type ViewerCloseReason = 'overflow' | 'channel-stopped' | 'channel-failed';

export interface ViewerStats {
  readonly id: number;
  readonly connectedAtMs: number;
  readonly bytesSent: number;
}

interface Viewer {
  readonly id: number;
  readonly sink: ViewerSink;
  readonly connectedAtMs: number;
  bytesSent: number;
  /** Unsent bytes it may hold before it is dropped: the bound, plus the burst it joined with. */
  readonly allowance: number;
  /** No join point was available: it starts at the next PAT. */
  waitingForPat: boolean;
}

export const DEFAULT_VIEWER_BUFFER_BYTES = 4 * 1024 * 1024;

export class StreamFanout {
  private readonly viewers = new Map<number, Viewer>();
  private readonly joinPoint = new TsJoinPoint();
  private readonly discontinuity = new RestartDiscontinuity();
  private readonly wholePes = new WholePesHold();
  private remainder: Buffer = Buffer.alloc(0);
  private nextId = 1;
  bytesIn = 0;
  bytesOut = 0;
  dropped = 0;

  constructor(private readonly options: { readonly maxBufferedBytes: number; readonly onDrop?: (viewer: ViewerStats) => void; readonly tap?: StreamTap }) {}

  get size(): number {
    return this.viewers.size;
  }

  stats(): ViewerStats[] {
    return [...this.viewers.values()].map((v) => ({ id: v.id, connectedAtMs: v.connectedAtMs, bytesSent: v.bytesSent }));
  }

  /** Adds a viewer; it gets the join point at once when there is one. Returns its id. */
  add(sink: ViewerSink, nowMs: number): number {
    const start = this.joinPoint.snapshot();
    const allowance = this.options.maxBufferedBytes + (start?.length ?? 0);
    const viewer: Viewer = { id: this.nextId++, sink, connectedAtMs: nowMs, bytesSent: 0, allowance, waitingForPat: true };
    this.viewers.set(viewer.id, viewer);
    if (start !== undefined) {
      viewer.waitingForPat = false;
      this.send(viewer, start);
    }
    return viewer.id;
  }

  remove(id: number): boolean {
    return this.viewers.delete(id);
  }

  /** Feeds the engine's stdout, in any chunking. */
  push(data: Buffer): void {
    this.bytesIn += data.length;
    let chunk = this.remainder.length > 0 ? Buffer.concat([this.remainder, data]) : data;
    // Resynchronise on a sync byte if the stream ever starts mid-packet.
    if (chunk[0] !== TS_SYNC_BYTE) {
      const sync = chunk.indexOf(TS_SYNC_BYTE);
      chunk = sync < 0 ? Buffer.alloc(0) : chunk.subarray(sync);
    }
    const whole = chunk.length - (chunk.length % TS_PACKET_SIZE);
    this.remainder = Buffer.from(chunk.subarray(whole));
    // Nothing goes on that ends inside a PES of declared length: a kill then cuts no audio frame short.
    const released = this.wholePes.push(chunk.subarray(0, whole));
    if (released.length === 0) return;
    // The segmenter gets the engine's bytes as they are (HLS marks a restart in the playlist); viewers, and the join point, the marked ones.
    this.options.tap?.push(released);
    const packets = this.discontinuity.mark(released);
    this.joinPoint.push(packets);
    for (const viewer of [...this.viewers.values()]) {
      if (viewer.waitingForPat) {
        const at = firstPat(packets);
        if (at < 0) continue;
        viewer.waitingForPat = false;
        this.send(viewer, packets.subarray(at));
      } else {
        this.send(viewer, packets);
      }
    }
  }

  /**
   * A new engine run starts a new stream: joiners must wait for its first PAT and key frame. Viewers who
   * watched the previous one continue into it with its discontinuity marked (RestartDiscontinuity).
   */
  restart(): void {
    if ([...this.viewers.values()].some((v) => v.bytesSent > 0)) this.discontinuity.arm();
    else this.discontinuity.disarm();
    this.joinPoint.clear();
    this.wholePes.clear();
    this.options.tap?.restart();
    this.remainder = Buffer.alloc(0);
    for (const viewer of this.viewers.values()) viewer.waitingForPat = true;
  }

  /** Closes every viewer (the channel stopped or failed). */
  closeAll(reason: ViewerCloseReason): void {
    const all = [...this.viewers.values()];
    this.viewers.clear();
    for (const viewer of all) viewer.sink.close(reason);
  }

  private send(viewer: Viewer, bytes: Buffer): void {
    // Bytes already waiting past its allowance: the viewer is not keeping up (a burst bigger than the bound is fine).
    if (viewer.sink.buffered > viewer.allowance) {
      this.viewers.delete(viewer.id);
      this.dropped++;
      this.options.onDrop?.({ id: viewer.id, connectedAtMs: viewer.connectedAtMs, bytesSent: viewer.bytesSent });
      viewer.sink.close('overflow');
      return;
    }
    viewer.sink.write(bytes);
    viewer.bytesSent += bytes.length;
    this.bytesOut += bytes.length;
  }
}

/** Byte offset of the first packet starting a PAT (or of the discontinuity marker just before it), or -1. */
function firstPat(packets: Buffer): number {
  for (let at = 0; at + TS_PACKET_SIZE <= packets.length; at += TS_PACKET_SIZE) {
    const packet = packets.subarray(at, at + TS_PACKET_SIZE);
    if (pidOf(packet) === 0 && isPayloadStart(packet)) return at > 0 && isPatMarker(packets.subarray(at - TS_PACKET_SIZE, at)) ? at - TS_PACKET_SIZE : at;
  }
  return -1;
}

/** An adaptation-field-only packet of the PAT's PID: RestartDiscontinuity's mark, which belongs with the PAT after it. */
function isPatMarker(packet: Buffer): boolean {
  return pidOf(packet) === 0 && !hasPayload(packet);
}
