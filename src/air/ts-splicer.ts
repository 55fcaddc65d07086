// Splices the MPEG-TS pieces of a channel (one per ffmpeg, all with the same PIDs) into one continuous
// stream: continuity counters run on across pieces, every PTS/DTS/PCR of a piece is moved to where the piece
// belongs on the stream's timeline, and a piece is cut at the end of its window on PES boundaries, so
// timestamps only ever rise on every PID. Positions are "extended" ticks: 90 kHz, never wrapped (the
// packets themselves carry them modulo 2^33).
import {
  clearDiscontinuity, hasPayload, isPayloadStart, pidOf, readPcr, readPesTimestamps, setContinuityCounter,
  shiftPesTimestamps, unwrapNear, writePcr,
} from './ts-packet.js';

export interface SpliceLayout {
  readonly videoPid: number;
  readonly audioPid: number;
  /** Duration of one video frame in ticks (may be fractional, e.g. 3753.75 at 23.976 fps). */
  readonly frameTicks: number;
  /** Duration of one audio frame (one PES) in ticks: 1920 for AAC at 48 kHz. */
  readonly audioFrameTicks: number;
}

/** Where a piece goes on the stream's timeline. */
export interface PieceWindow {
  /** Where the piece's first video frame belongs; it lands later only if what came before ran on. */
  readonly start: number;
  /** Nothing of the piece plays at or past this point; audio stops one audio frame earlier (the next piece's priming). */
  readonly end: number;
}

export interface SplicedPacket {
  readonly bytes: Buffer;
  /** Stream position (ticks) the packet belongs to, from the latest PCR: what pacing releases it by. */
  readonly position: number;
}

export interface PieceSummary {
  /** Where the piece's first video frame landed, if it had any. */
  readonly videoStart: number | undefined;
  /** End of the last video frame / audio frame emitted on the stream so far (this piece or earlier). */
  readonly videoEnd: number;
  readonly audioEnd: number;
  readonly emittedPes: number;
}

// A piece whose first video and audio PES have not both shown up after this many packets is spliced anyway.
const MAX_PREROLL_PACKETS = 2048;

export class TsSplicer {
  private readonly counters = new Map<number, number>();
  videoEnd = Number.NEGATIVE_INFINITY;
  audioEnd = Number.NEGATIVE_INFINITY;
  /** Latest PCR emitted, in ticks. */
  position: number;

  constructor(readonly layout: SpliceLayout, streamStart: number) {
    this.position = streamStart;
  }

  begin(window: PieceWindow): PieceSplice {
    return new PieceSplice(this, window);
  }

  /** Gives the packet the next continuity counter of its PID (unchanged when it carries no payload). */
  renumber(p: Buffer): void {
    const pid = pidOf(p);
    const last = this.counters.get(pid);
    const next = hasPayload(p) ? ((last ?? 15) + 1) & 0x0f : (last ?? 0);
    this.counters.set(pid, next);
    setContinuityCounter(p, next);
  }
}

type PidState = { readonly kind: 'video' | 'audio'; lastRaw: number | undefined; keeping: boolean; cut: boolean };

export class PieceSplice {
  private readonly preroll: Buffer[] = [];
  private firstVideo: number | undefined;
  private firstAudio: number | undefined;
  private shift: number | undefined;
  private rawPcrRef: number | undefined;
  private readonly pids: Map<number, PidState>;
  private videoStart: number | undefined;
  private emittedPes = 0;

  constructor(private readonly splicer: TsSplicer, readonly window: PieceWindow) {
    const { videoPid, audioPid } = splicer.layout;
    this.pids = new Map([
      [videoPid, { kind: 'video', lastRaw: undefined, keeping: false, cut: false }],
      [audioPid, { kind: 'audio', lastRaw: undefined, keeping: false, cut: false }],
    ]);
  }

  /** Takes one packet of the piece (in order) and returns what may be written now. */
  push(p: Buffer): SplicedPacket[] {
    if (this.shift === undefined) {
      this.preroll.push(p);
      this.notePrerollTimestamps(p);
      const ready = this.firstVideo !== undefined && this.firstAudio !== undefined;
      if (!ready && this.preroll.length < MAX_PREROLL_PACKETS) return [];
      return this.release();
    }
    const out = this.rewrite(p);
    return out === undefined ? [] : [out];
  }

  /** The piece's output has ended: whatever is held back goes out. */
  finish(): SplicedPacket[] {
    return this.shift === undefined ? this.release() : [];
  }

  /** True once both PIDs reached the window's end: the rest of the piece is of no use. */
  get saturated(): boolean {
    return [...this.pids.values()].every((s) => s.cut);
  }

  summary(): PieceSummary {
    return { videoStart: this.videoStart, videoEnd: this.splicer.videoEnd, audioEnd: this.splicer.audioEnd, emittedPes: this.emittedPes };
  }

  private notePrerollTimestamps(p: Buffer): void {
    const state = this.pids.get(pidOf(p));
    const ts = state === undefined ? undefined : readPesTimestamps(p);
    if (state === undefined || ts === undefined) return;
    if (state.kind === 'video') this.firstVideo ??= ts.dts;
    else this.firstAudio ??= ts.pts;
  }

  private release(): SplicedPacket[] {
    this.shift = this.computeShift();
    const out: SplicedPacket[] = [];
    for (const p of this.preroll.splice(0)) {
      const spliced = this.rewrite(p);
      if (spliced !== undefined) out.push(spliced);
    }
    return out;
  }

  // The piece's first video frame goes at the window's start, or right after the previous piece's video if
  // that ran on. Audio never pushes video: this piece's audio that would overlap what was already emitted
  // (a failed piece's padding, a long priming) is dropped PES by PES instead, so a slate that stands in
  // for a broken file starts exactly where the file's picture stopped.
  private computeShift(): number {
    const s = this.splicer;
    if (this.firstVideo === undefined && this.firstAudio === undefined) return 0;
    if (this.firstVideo === undefined) return Math.max(this.window.start, s.audioEnd) - (this.firstAudio as number);
    return Math.max(this.window.start, s.videoEnd) - this.firstVideo;
  }

  private rewrite(p: Buffer): SplicedPacket | undefined {
    const shift = this.shift as number;
    const state = this.pids.get(pidOf(p));
    if (state !== undefined && isPayloadStart(p)) this.startPes(p, state, shift);
    if (state !== undefined && !state.keeping) return undefined;
    const pcr = readPcr(p);
    if (pcr !== undefined) {
      this.rawPcrRef = unwrapNear(pcr, this.rawPcrRef ?? pcr);
      const moved = Math.max(this.rawPcrRef + shift * 300, this.splicer.position * 300);
      writePcr(p, moved);
      this.splicer.position = moved / 300;
    }
    clearDiscontinuity(p);
    this.splicer.renumber(p);
    return { bytes: p, position: this.splicer.position };
  }

  /** Decides whether the PES starting here plays: inside the window, after everything already emitted. */
  private startPes(p: Buffer, state: PidState, shift: number): void {
    const ts = readPesTimestamps(p);
    if (ts === undefined) {
      state.keeping = !state.cut;
      return;
    }
    const raw = state.lastRaw === undefined ? ts.pts : unwrapNear(ts.pts, state.lastRaw);
    state.lastRaw = raw;
    const pts = raw + shift;
    const s = this.splicer;
    const { frameTicks, audioFrameTicks } = s.layout;
    if (state.kind === 'video') {
      const fits = pts + frameTicks <= this.window.end + 2;
      if (!fits) state.cut = true;
      state.keeping = fits && !state.cut && pts >= s.videoEnd - 2;
      if (state.keeping) {
        this.videoStart ??= pts;
        s.videoEnd = pts + frameTicks;
      }
    } else {
      const fits = pts + audioFrameTicks <= this.window.end - audioFrameTicks + 2;
      if (!fits) state.cut = true;
      state.keeping = fits && !state.cut && pts >= s.audioEnd - 2;
      if (state.keeping) s.audioEnd = pts + audioFrameTicks;
    }
    if (state.keeping) {
      shiftPesTimestamps(p, shift);
      this.emittedPes++;
    }
  }
}
