// Running a piece's or rendition's ffmpeg arguments into a file, and reading back one decoded frame's
// planes, so media tests assert on pixels the viewer would see.
import { execa } from 'execa';

/** Runs `args` (a piece's, ending in `pipe:1`) and writes what it prints to `outFile`. */
export async function runPiece(args: readonly string[], outFile: string): Promise<void> {
  await execa('ffmpeg', [...args], { stdout: { file: outFile }, stdin: 'ignore' });
}

/** One decoded frame as yuv420p planes (limited range as encoded: 16 is black). */
export interface YuvFrame {
  readonly width: number;
  readonly height: number;
  readonly y: Buffer;
  readonly u: Buffer;
  readonly v: Buffer;
}

/** The frame of `file` shown at `atSeconds` (decoded from the start: exact, and pieces are short). */
export async function frameAt(file: string, atSeconds: number, size: { width: number; height: number }): Promise<YuvFrame> {
  const args = ['-v', 'error', '-nostdin', '-i', file, '-ss', atSeconds.toFixed(3), '-frames:v', '1', '-an', '-sn'];
  args.push('-vf', `scale=${size.width}:${size.height}:flags=area`, '-pix_fmt', 'yuv420p', '-f', 'rawvideo', '-');
  const { stdout } = await execa('ffmpeg', args, { encoding: 'buffer' });
  const luma = size.width * size.height;
  const chroma = luma / 4;
  if (stdout.length < luma + 2 * chroma) throw new Error(`${file} has no frame at ${atSeconds} s`);
  return {
    ...size,
    y: Buffer.from(stdout.subarray(0, luma)),
    u: Buffer.from(stdout.subarray(luma, luma + chroma)),
    v: Buffer.from(stdout.subarray(luma + chroma, luma + 2 * chroma)),
  };
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Mean of a plane inside a box given in luma pixels (chroma planes are half size each way). */
export function meanIn(frame: YuvFrame, plane: 'y' | 'u' | 'v', box: Box): number {
  const s = plane === 'y' ? 1 : 2;
  const width = frame.width / s;
  const data = frame[plane];
  let sum = 0;
  let n = 0;
  for (let y = Math.floor(box.y / s); y < Math.floor((box.y + box.h) / s); y++) {
    for (let x = Math.floor(box.x / s); x < Math.floor((box.x + box.w) / s); x++) {
      sum += data[y * width + x] ?? 0;
      n++;
    }
  }
  return sum / n;
}

/** Pixels of the luma plane inside `box` at or above `threshold`. */
export function brightPixels(frame: YuvFrame, box: Box, threshold: number): number {
  let count = 0;
  for (let y = box.y; y < box.y + box.h; y++) {
    for (let x = box.x; x < box.x + box.w; x++) if ((frame.y[y * frame.width + x] ?? 0) >= threshold) count++;
  }
  return count;
}

/** The stream's colour tags as ffprobe reads them. */
export async function colourTags(file: string): Promise<{ transfer?: string; primaries?: string; space?: string }> {
  const { stdout } = await execa('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=color_transfer,color_primaries,color_space', '-of', 'json', file]);
  const stream = (JSON.parse(stdout) as { streams: Array<Record<string, string>> }).streams[0] ?? {};
  return { transfer: stream.color_transfer, primaries: stream.color_primaries, space: stream.color_space };
}
