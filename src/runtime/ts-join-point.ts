// Where a viewer joining a running stream starts, and what it gets at once: the stream from a PAT before
// a video key frame lying at least JOIN_HISTORY_MS of stream time before the newest video frame, through
// now. A joiner's decoder then has PAT, PMT and a key frame at once, and a player that probes before it
// shows a picture finds all it probes for in that burst instead of waiting for it in real time: ffmpeg
// (ffprobe, Jellyfin's and Plex's transcoders) opens a live MPEG-TS only after reading `analyzeduration`
// (5 s by default) of one stream's media, because its command line scans every PMT and so never takes the
// PMT as the end of the header. Reads only TS headers and PTS (src/air/ts-packet.ts); never rewrites.
import { TS_PACKET_SIZE, TS_SYNC_BYTE, isPayloadStart, isRandomAccess, pidOf, readPesTimestamps, unwrapNear } from '../air/ts-packet.js';
import { TS_LAYOUT } from '../media/ffmpeg-args.js';

const PAT_PID = 0;

/** Stream time a joiner gets at once: ffmpeg's default analyzeduration (5 s) and a margin. */
export const JOIN_HISTORY_MS = 5500;

/** A join point holding more than this starts later (at a newer key frame), or not at all (a joiner waits for the next PAT). */
export const MAX_JOIN_BYTES = 8 * 1024 * 1024;

/** A place a joiner can start: the PAT before a key frame, by its absolute packet index, and the key frame's PTS. */
interface JoinCandidate {
  readonly index: number;
  /** Unwrapped 90 kHz ticks; undefined when the key frame's PES carries no PTS. */
  readonly pts: number | undefined;
}

export class TsJoinPoint {
  /** Packets kept, from the oldest candidate (or the latest PAT) through now. */
  private packets: Buffer[] = [];
  /** Absolute index of packets[0]. */
  private base = 0;
  private candidates: JoinCandidate[] = [];
  private latestPat: number | undefined;
  private latestPts: number | undefined;
  private cached: Buffer | undefined;
  private readonly historyTicks: number;

  constructor(private readonly videoPid: number = TS_LAYOUT.videoPid, private readonly maxBytes = MAX_JOIN_BYTES, historyMs = JOIN_HISTORY_MS) {
    this.historyTicks = historyMs * 90;
  }

  /** Feeds whole packets (a multiple of 188 bytes, aligned), in stream order. */
  push(chunk: Buffer): void {
    for (let at = 0; at + TS_PACKET_SIZE <= chunk.length; at += TS_PACKET_SIZE) {
      const packet = chunk.subarray(at, at + TS_PACKET_SIZE);
      if (packet[0] !== TS_SYNC_BYTE) continue;
      const index = this.base + this.packets.length;
      const pid = pidOf(packet);
      const start = isPayloadStart(packet);
      if (pid === PAT_PID && start) this.latestPat = index;
      if (this.latestPat === undefined) continue;
      this.packets.push(packet);
      if (pid === this.videoPid && start) this.noteVideo(packet);
    }
    this.cached = undefined;
    this.trim();
  }

  /** The bytes a joiner starts with (later pushes never change them), or undefined before the first key frame. */
  snapshot(): Buffer | undefined {
    const from = this.candidates[0];
    if (from === undefined) return undefined;
    this.cached ??= Buffer.concat(this.packets.slice(from.index - this.base));
    return this.cached;
  }

  clear(): void {
    this.packets = [];
    this.base = 0;
    this.candidates = [];
    this.latestPat = undefined;
    this.latestPts = undefined;
    this.cached = undefined;
  }

  private noteVideo(packet: Buffer): void {
    const ts = readPesTimestamps(packet);
    const pts = ts === undefined ? undefined : unwrapNear(ts.pts, this.latestPts ?? ts.pts);
    if (pts !== undefined) this.latestPts = pts;
    const last = this.candidates.at(-1);
    const pat = this.latestPat as number;
    if (isRandomAccess(packet) && (last === undefined || last.index < pat)) this.candidates.push({ index: pat, pts });
  }

  /** Keeps the newest candidate that is old enough (and everything after it) within the byte bound. */
  private trim(): void {
    const oldEnough = (c: JoinCandidate | undefined) => c?.pts !== undefined && this.latestPts !== undefined && this.latestPts - c.pts >= this.historyTicks;
    while (this.candidates.length > 1 && oldEnough(this.candidates[1])) this.candidates.shift();
    const end = this.base + this.packets.length;
    while (this.candidates.length > 0 && (end - (this.candidates[0] as JoinCandidate).index) * TS_PACKET_SIZE > this.maxBytes) this.candidates.shift();
    if (this.candidates.length === 0 && this.latestPat !== undefined && (end - this.latestPat) * TS_PACKET_SIZE > this.maxBytes) this.latestPat = undefined;
    const keepFrom = this.candidates[0]?.index ?? this.latestPat ?? end;
    if (keepFrom > this.base) {
      this.packets.splice(0, keepFrom - this.base);
      this.base = keepFrom;
    }
  }
}
