// Where a viewer joining a running stream may start: the last PAT before the latest video key frame, and
// everything since. A joiner gets those bytes first, so its decoder has PAT, PMT and a key frame at once
// instead of waiting up to a GOP. Reads only the TS header fields (src/air/ts-packet.ts); never rewrites.
import { TS_PACKET_SIZE, TS_SYNC_BYTE, isPayloadStart, isRandomAccess, pidOf } from '../air/ts-packet.js';
import { TS_LAYOUT } from '../media/ffmpeg-args.js';

const PAT_PID = 0;

/** A join point holding more than this is dropped (a joiner then waits for the next PAT). */
export const MAX_JOIN_BYTES = 2 * 1024 * 1024;

export class TsJoinPoint {
  /** Packets since the latest PAT (inclusive). */
  private sincePat: Buffer[] = [];
  private sincePatBytes = 0;
  /** Packets from the PAT before the latest key frame, through now; undefined until one is seen. */
  private fromKeyFrame: Buffer[] | undefined;
  private fromKeyFrameBytes = 0;

  constructor(private readonly videoPid: number = TS_LAYOUT.videoPid, private readonly maxBytes = MAX_JOIN_BYTES) {}

  /** Feeds whole packets (a multiple of 188 bytes, aligned), in stream order. */
  push(chunk: Buffer): void {
    for (let at = 0; at + TS_PACKET_SIZE <= chunk.length; at += TS_PACKET_SIZE) {
      const packet = chunk.subarray(at, at + TS_PACKET_SIZE);
      if (packet[0] !== TS_SYNC_BYTE) continue;
      const pid = pidOf(packet);
      const start = isPayloadStart(packet);
      if (pid === PAT_PID && start) {
        this.sincePat = [packet];
        this.sincePatBytes = TS_PACKET_SIZE;
      } else if (this.sincePat.length > 0) {
        this.sincePat.push(packet);
        this.sincePatBytes += TS_PACKET_SIZE;
        if (this.sincePatBytes > this.maxBytes) {
          this.sincePat = [];
          this.sincePatBytes = 0;
        }
      }
      if (pid === this.videoPid && start && isRandomAccess(packet) && this.sincePat.length > 0) {
        this.fromKeyFrame = [...this.sincePat];
        this.fromKeyFrameBytes = this.sincePatBytes;
      } else if (this.fromKeyFrame !== undefined) {
        this.fromKeyFrame.push(packet);
        this.fromKeyFrameBytes += TS_PACKET_SIZE;
        if (this.fromKeyFrameBytes > this.maxBytes) {
          this.fromKeyFrame = undefined;
          this.fromKeyFrameBytes = 0;
        }
      }
    }
  }

  /** The bytes a joiner starts with (copied: later pushes never change them), or undefined before the first key frame. */
  snapshot(): Buffer | undefined {
    return this.fromKeyFrame === undefined ? undefined : Buffer.concat(this.fromKeyFrame, this.fromKeyFrameBytes);
  }

  clear(): void {
    this.sincePat = [];
    this.sincePatBytes = 0;
    this.fromKeyFrame = undefined;
    this.fromKeyFrameBytes = 0;
  }
}
