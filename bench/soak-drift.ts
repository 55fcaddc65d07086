// A/V drift as a real-time viewer sees it: media time received (the video DTS advance, unwrapped) against
// wall-clock time of reading. The join burst puts the stream ahead of the wall clock at first, by a constant;
// drift is how that lead changes from SETTLE_MS after the first DTS to the end. A DTS step of more than
// 2 s (or backwards) is counted as a jump and adds nothing, so a timestamp discontinuity shows, not hides.
import { pidOf, readPesTimestamps, TS_PACKET_SIZE, unwrapNear } from '../src/air/ts-packet.js';
import { TS_LAYOUT } from '../src/media/ffmpeg-args.js';

const SETTLE_MS = 5000;
const MAX_STEP = 2 * 90_000;

export interface DriftFigures {
  /** Lead of media over wall time at the settle point and at the end; drift is their difference. */
  readonly leadAtSettleMs: number;
  readonly leadAtEndMs: number;
  readonly driftMs: number;
  readonly mediaMs: number;
  readonly wallMs: number;
  readonly jumps: number;
  /** Forward DTS steps over 100 ms (holes in media time, e.g. at a splice): how many, and their sum. */
  readonly gaps: number;
  readonly gapMs: number;
  /** The lead every 10 s of reading, to tell a slope (pacing) from steps (splices). */
  readonly leadEvery10sMs: number[];
}

export class DriftTracker {
  private lastDts: number | undefined;
  private mediaTicks = 0;
  private firstWallMs: number | undefined;
  private settle: { wallMs: number; mediaMs: number } | undefined;
  private last = { wallMs: 0, mediaMs: 0 };
  private jumps = 0;
  private gaps = 0;
  private gapTicks = 0;
  private readonly leads: number[] = [];

  /** Whole packets that arrived at `wallMs`. */
  push(packets: Buffer, wallMs: number): void {
    for (let at = 0; at + TS_PACKET_SIZE <= packets.length; at += TS_PACKET_SIZE) {
      const p = packets.subarray(at, at + TS_PACKET_SIZE);
      if (pidOf(p) !== TS_LAYOUT.videoPid) continue;
      const stamps = readPesTimestamps(p);
      if (stamps === undefined) continue;
      this.advance(stamps.dts, wallMs);
    }
  }

  private advance(rawDts: number, wallMs: number): void {
    if (this.lastDts === undefined) {
      this.lastDts = rawDts;
      this.firstWallMs = wallMs;
      return;
    }
    const dts = unwrapNear(rawDts, this.lastDts);
    const step = dts - this.lastDts;
    this.lastDts = dts;
    if (step < 0 || step > MAX_STEP) this.jumps++;
    else this.mediaTicks += step;
    if (step > 9000 && step <= MAX_STEP) (this.gaps++, (this.gapTicks += step));
    const point = { wallMs: wallMs - (this.firstWallMs ?? wallMs), mediaMs: this.mediaTicks / 90 };
    if (point.wallMs >= this.leads.length * 10_000) this.leads.push(Math.round(point.mediaMs - point.wallMs));
    if (this.settle === undefined && point.wallMs >= SETTLE_MS) this.settle = point;
    this.last = point;
  }

  /** How far the media received is ahead of the wall clock now: what a player would have buffered. */
  leadMs(wallMs: number): number {
    return this.last.mediaMs - (wallMs - (this.firstWallMs ?? wallMs));
  }

  figures(): DriftFigures | undefined {
    if (this.settle === undefined) return undefined;
    const leadAtSettleMs = this.settle.mediaMs - this.settle.wallMs;
    const leadAtEndMs = this.last.mediaMs - this.last.wallMs;
    return { leadAtSettleMs, leadAtEndMs, driftMs: leadAtEndMs - leadAtSettleMs, mediaMs: this.last.mediaMs, wallMs: this.last.wallMs, jumps: this.jumps,
      gaps: this.gaps, gapMs: this.gapTicks / 90, leadEvery10sMs: this.leads };
  }
}
