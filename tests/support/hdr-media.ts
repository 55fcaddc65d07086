// Tiny HDR sources: 10-bit HEVC tagged BT.2020 PQ or HLG (x265 writes the VUI), a black frame with three
// grey patches (diffuse white ~200 nits, a ~1000-nit highlight, the format's peak) and a saturated blue one.
import { join } from 'node:path';
import { execa } from 'execa';
import type { Box } from './piece-frames.js';
import type { ToneMap } from '../../src/media/source-treatment.js';

export const HDR_SIZE = { width: 320, height: 240 } as const;

/** Where the patches are, in the source's pixels; 8-bit RGB grey 148 is Y 143 (PQ ≈ 200 nits), 191 is Y 180 (≈ 1000 nits). */
export const HDR_PATCHES = {
  diffuse: { box: { x: 20, y: 60, w: 80, h: 80 }, colour: '0x949494' },
  highlight: { box: { x: 120, y: 60, w: 80, h: 80 }, colour: '0xbfbfbf' },
  peak: { box: { x: 220, y: 60, w: 80, h: 80 }, colour: 'white' },
  blue: { box: { x: 20, y: 160, w: 80, h: 60 }, colour: '0x4080c0' },
} as const satisfies Record<string, { box: Box; colour: string }>;

const TRANSFER: Record<ToneMap, string> = { pq: 'smpte2084', hlg: 'arib-std-b67' };

/** A 2 s 10-bit HEVC source in MKV, written to `dir`; `tagged: false` leaves its colour unsaid (as some encoders do). */
export async function hdrSource(dir: string, toneMap: ToneMap, options: { tagged?: boolean } = {}): Promise<string> {
  const tagged = options.tagged ?? true;
  const path = join(dir, `${toneMap}${tagged ? '' : '-untagged'}.mkv`);
  const boxes = Object.values(HDR_PATCHES).map(({ box, colour }) => `drawbox=x=${box.x}:y=${box.y}:w=${box.w}:h=${box.h}:color=${colour}@1:t=fill`);
  const trc = TRANSFER[toneMap];
  await execa('ffmpeg', [
    '-hide_banner', '-v', 'error', '-nostdin', '-y', '-f', 'lavfi',
    '-i', `color=c=black:s=${HDR_SIZE.width}x${HDR_SIZE.height}:r=25:d=2,format=yuv420p,${boxes.join(',')}`,
    '-pix_fmt', 'yuv420p10le', '-c:v', 'libx265', '-preset', 'ultrafast',
    ...(tagged
      ? ['-x265-params', `log-level=error:colorprim=bt2020:transfer=${trc}:colormatrix=bt2020nc`, '-color_primaries', 'bt2020', '-color_trc', trc, '-colorspace', 'bt2020nc']
      : ['-x265-params', 'log-level=error']),
    path,
  ]);
  return path;
}
