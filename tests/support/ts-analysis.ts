// An independent reading of an MPEG-TS byte stream for the engine's tests (deliberately not the engine's
// own parser): continuity-counter errors per PID, every PCR, and decoded packets as ffprobe reports them.
import { execa } from 'execa';

const at = (buffer: Buffer, index: number): number => buffer[index] ?? 0;

export interface TsReport {
  readonly packets: number;
  /** Bytes that were not whole 188-byte packets starting with 0x47. */
  readonly misaligned: number;
  readonly ccErrors: ReadonlyArray<{ readonly pid: number; readonly packet: number; readonly expected: number; readonly got: number }>;
  /** PCR values in 27 MHz units, in stream order, with the PID carrying them. */
  readonly pcrs: ReadonlyArray<{ readonly pid: number; readonly value: number; readonly packet: number }>;
  readonly pids: ReadonlySet<number>;
  /** Packets whose adaptation field sets the discontinuity indicator. */
  readonly discontinuities: number;
}

export function analyseTs(data: Buffer): TsReport {
  const last = new Map<number, number>();
  const ccErrors: Array<{ pid: number; packet: number; expected: number; got: number }> = [];
  const pcrs: Array<{ pid: number; value: number; packet: number }> = [];
  const pids = new Set<number>();
  let discontinuities = 0;
  const count = Math.floor(data.length / 188);
  let misaligned = data.length % 188;
  for (let i = 0; i < count; i++) {
    const p = data.subarray(i * 188, i * 188 + 188);
    if (p[0] !== 0x47) {
      misaligned += 188;
      continue;
    }
    const pid = ((at(p, 1) & 0x1f) << 8) | at(p, 2);
    if (pid === 0x1fff) continue; // null packets carry no counter worth checking
    pids.add(pid);
    const afc = (at(p, 3) >> 4) & 3;
    const cc = at(p, 3) & 0x0f;
    if (afc & 2 && at(p, 4) > 0) {
      const flags = at(p, 5);
      if (flags & 0x80) discontinuities++;
      if (flags & 0x10) {
        const base = at(p, 6) * 2 ** 25 + at(p, 7) * 2 ** 17 + at(p, 8) * 2 ** 9 + at(p, 9) * 2 + (at(p, 10) >> 7);
        pcrs.push({ pid, value: base * 300 + (((at(p, 10) & 1) << 8) | at(p, 11)), packet: i });
      }
    }
    const previous = last.get(pid);
    if (afc & 1) {
      const expected = previous === undefined ? cc : (previous + 1) & 0x0f;
      if (cc !== expected) ccErrors.push({ pid, packet: i, expected, got: cc });
      last.set(pid, cc);
    } else if (previous !== undefined && cc !== previous) {
      ccErrors.push({ pid, packet: i, expected: previous, got: cc });
    }
  }
  return { packets: count, misaligned, ccErrors, pcrs, pids, discontinuities };
}

export interface ProbedPacket {
  readonly stream: 'video' | 'audio';
  /** 90 kHz ticks. */
  readonly pts: number;
  readonly dts: number;
  readonly duration: number;
  readonly key: boolean;
}

/** Every packet ffprobe demuxes from `file`, in file order. */
export async function probePackets(file: string): Promise<ProbedPacket[]> {
  const { stdout } = await execa('ffprobe', ['-v', 'error', '-show_entries', 'stream=index,codec_type:packet=stream_index,pts,dts,duration,flags', '-of', 'json', file]);
  const parsed = JSON.parse(stdout) as {
    streams: Array<{ index: number; codec_type: string }>;
    packets: Array<{ stream_index: number; pts?: number; dts?: number; duration?: number; flags: string }>;
  };
  const kinds = new Map(parsed.streams.map((s) => [s.index, s.codec_type]));
  return parsed.packets.map((p) => ({
    stream: kinds.get(p.stream_index) === 'video' ? 'video' : 'audio',
    pts: p.pts ?? Number.NaN,
    dts: p.dts ?? Number.NaN,
    duration: p.duration ?? 0,
    key: p.flags.startsWith('K'),
  }));
}

/** What `ffmpeg -v warning -i file -f null -` prints (nothing, for a clean stream). */
export async function decodeWarnings(file: string): Promise<string> {
  const { stderr } = await execa('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'warning', '-i', file, '-f', 'null', '-'], { reject: false });
  return stderr.trim();
}

/**
 * The luma planes (Y, limited range as encoded: 16 is black) of `file`'s frames scaled to `size`, one Buffer
 * per frame. Taken from yuv420p output, not `gray`, which would stretch the range.
 */
export async function lumaFrames(file: string, size: { width: number; height: number }, options: { fromSeconds?: number; frames?: number } = {}): Promise<Buffer[]> {
  const args = ['-v', 'error', '-nostdin', '-i', file];
  if (options.fromSeconds !== undefined) args.push('-ss', options.fromSeconds.toFixed(3));
  if (options.frames !== undefined) args.push('-frames:v', String(options.frames));
  args.push('-an', '-vf', `scale=${size.width}:${size.height}`, '-pix_fmt', 'yuv420p', '-f', 'rawvideo', '-');
  const { stdout } = await execa('ffmpeg', args, { encoding: 'buffer', maxBuffer: 1 << 30 });
  const luma = size.width * size.height;
  const frame = luma + 2 * (size.width / 2) * (size.height / 2);
  const out: Buffer[] = [];
  for (let at = 0; at + frame <= stdout.length; at += frame) out.push(Buffer.from(stdout.subarray(at, at + luma)));
  return out;
}

/** Mean luma of a rectangle of a gray frame. */
export function meanLuma(frame: Buffer, width: number, box: { x: number; y: number; w: number; h: number }): number {
  let sum = 0;
  for (let y = box.y; y < box.y + box.h; y++) for (let x = box.x; x < box.x + box.w; x++) sum += at(frame, y * width + x);
  return sum / (box.w * box.h);
}

/** Mean absolute difference of two gray frames inside a rectangle. */
export function meanDifference(a: Buffer, b: Buffer, width: number, box: { x: number; y: number; w: number; h: number }): number {
  let sum = 0;
  for (let y = box.y; y < box.y + box.h; y++) {
    for (let x = box.x; x < box.x + box.w; x++) sum += Math.abs(at(a, y * width + x) - at(b, y * width + x));
  }
  return sum / (box.w * box.h);
}
