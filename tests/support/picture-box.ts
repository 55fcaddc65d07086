// Where the picture sits in a decoded frame: white sources of a known shape, one frame decoded to 8-bit grey,
// and the box of bright pixels inside it (the rest being the black bars the normaliser padded with).
import { execa } from 'execa';
import { join } from 'node:path';

export type Shape = '16:9' | '4:3';

/** Pixel rows and columns the picture covers, bounds included. */
export interface Box {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

const SIZES: Record<Shape, string> = { '16:9': '320x180', '4:3': '320x240' };

/** One second of a white picture of `shape`, without audio: every bright pixel of its output is picture. */
export async function whiteSource(dir: string, shape: Shape): Promise<string> {
  const path = join(dir, `white-${shape.replace(':', 'x')}.mp4`);
  await execa('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=white:s=${SIZES[shape]}:r=25:d=1`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', path], { stdin: 'ignore' });
  return path;
}

/** The box a picture of `shape` must fill in a width×height frame: fitted inside, centred, never stretched. */
export function expectedBox(shape: Shape, width: number, height: number): Box {
  const aspect = shape === '16:9' ? 16 / 9 : 4 / 3;
  const w = Math.min(width, height * aspect);
  const h = Math.min(height, width / aspect);
  const left = (width - w) / 2;
  const top = (height - h) / 2;
  return { top: Math.round(top), bottom: Math.round(top + h) - 1, left: Math.round(left), right: Math.round(left + w) - 1 };
}

/** The first frame of `input` (a file path, or bytes piped in) decoded to grey, width×height bytes. */
export async function firstGreyFrame(input: string | Buffer, width: number, height: number): Promise<Buffer> {
  const source = typeof input === 'string' ? ['-i', input] : ['-i', 'pipe:0'];
  const { stdout } = await execa('ffmpeg', ['-v', 'error', ...source, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'],
    { encoding: 'buffer', ...(typeof input === 'string' ? { stdin: 'ignore' } : { input }) });
  const frame = Buffer.from(stdout);
  if (frame.length !== width * height) throw new Error(`decoded ${frame.length} bytes, not one ${width}x${height} frame`);
  return frame;
}

/** The bounds of the pixels brighter than mid-grey; undefined when the frame has none. */
export function brightBox(frame: Buffer, width: number, height: number): Box | undefined {
  let top = height;
  let bottom = -1;
  let left = width;
  let right = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((frame[y * width + x] ?? 0) < 128) continue;
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
      left = Math.min(left, x);
      right = Math.max(right, x);
    }
  }
  return bottom < 0 ? undefined : { top, bottom, left, right };
}

/** True when every edge of `actual` is within `tolerance` pixels of `expected`. */
export function boxesMatch(actual: Box | undefined, expected: Box, tolerance = 2): boolean {
  if (actual === undefined) return false;
  return (['top', 'bottom', 'left', 'right'] as const).every((edge) => Math.abs(actual[edge] - expected[edge]) <= tolerance);
}
