// The sources of the real-library bench: one file of each class a real library holds, generated once and
// cached under the temp dir. Moving test pictures with temporal noise (grain), so decoders and encoders work
// as on film, not on flat colour, at the bit rates of real releases (CABAC and B-frames in the H.264). Each is
// SOURCE_SECONDS long.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { SourceTreatment } from '../src/media/source-treatment.js';
import { srtText } from '../tests/support/subtitle-media.js';
import { pgsStream } from '../tests/support/pgs-writer.js';

export const SOURCE_SECONDS = 24;

export interface LibraryClass {
  readonly name: string;
  readonly path: string;
  /** The treatment a channel would give it (a loudness gain: every channel here has a loudness target). */
  readonly treatment: SourceTreatment;
}

export const CACHE = join(tmpdir(), 'retrovue-bench-real-library-v1');
const gain = { gainDb: -2, ceilingDbtp: -1 } as const;

/** A moving picture with film-like grain. */
const picture = (size: string, rate: string) =>
  `testsrc2=s=${size}:r=${rate}:d=${SOURCE_SECONDS},noise=alls=10:allf=t+u`;
/** Pink noise over a tone: audio encoders work on it as on a soundtrack. */
const sound = `anoisesrc=c=pink:a=0.08:r=48000:d=${SOURCE_SECONDS}`;

interface Spec { readonly file: string; readonly args: (out: string) => string[] }

const specs: Record<string, Spec> = {
  'h264-1080p-mkv': {
    file: 'h264-1080p.mkv',
    args: (out) => ['-f', 'lavfi', '-i', picture('1920x1080', '24000/1001'), '-f', 'lavfi', '-i', sound,
      '-map', '0:v', '-map', '1:a', '-map', '1:a', '-c:v', 'libx264', '-preset', 'superfast', '-crf', '21', '-maxrate', '12M', '-bufsize', '24M', '-pix_fmt', 'yuv420p',
      '-c:a:0', 'ac3', '-ac:a:0', '6', '-b:a:0', '448k', '-c:a:1', 'aac', '-ac:a:1', '2', '-b:a:1', '160k', out],
  },
  'hevc10-pq-1080p': {
    file: 'hevc10-pq-1080p.mkv',
    args: (out) => ['-f', 'lavfi', '-i', picture('1920x1080', '24000/1001'), '-f', 'lavfi', '-i', sound,
      '-c:v', 'libx265', '-preset', 'ultrafast', '-crf', '22', '-maxrate', '15M', '-bufsize', '30M', '-pix_fmt', 'yuv420p10le',
      '-x265-params', 'log-level=error:colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc',
      '-color_primaries', 'bt2020', '-color_trc', 'smpte2084', '-colorspace', 'bt2020nc',
      '-c:a', 'eac3', '-ac', '6', '-b:a', '640k', out],
  },
  'mpeg2-480i-ps': {
    file: 'mpeg2-480i.mpg',
    // Fields of a 59.94 Hz picture woven into 29.97i frames: interlaced motion, coded as fields (ilme/ildct).
    args: (out) => ['-f', 'lavfi', '-i', `${picture('720x480', '60000/1001')},interlace=scan=tff`, '-f', 'lavfi', '-i', sound,
      '-c:v', 'mpeg2video', '-b:v', '6000k', '-maxrate', '9000k', '-bufsize', '1835k', '-g', '15', '-bf', '2',
      '-flags', '+ilme+ildct', '-top', '1', '-aspect', '16:9', '-r', '30000/1001',
      '-c:a', 'ac3', '-ac', '2', '-b:a', '192k', '-f', 'vob', out],
  },
  'vp9-opus-1080p-webm': {
    file: 'vp9-1080p.webm',
    args: (out) => ['-f', 'lavfi', '-i', picture('1920x1080', '30'), '-f', 'lavfi', '-i', sound,
      '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1', '-b:v', '4000k', '-g', '120',
      '-c:a', 'libopus', '-ac', '2', '-b:a', '128k', out],
  },
  'divx-avi': {
    file: 'divx.avi',
    args: (out) => ['-f', 'lavfi', '-i', picture('640x352', '24000/1001'), '-f', 'lavfi', '-i', sound,
      '-c:v', 'mpeg4', '-vtag', 'DX50', '-q:v', '4', '-bf', '1', '-c:a', 'libmp3lame', '-b:a', '128k', '-ac', '2', out],
  },
};

async function ensure(name: string): Promise<string> {
  const spec = specs[name] as Spec;
  const path = join(CACHE, spec.file);
  if (existsSync(path)) return path;
  const partial = join(CACHE, `partial-${spec.file}`);
  const t0 = performance.now();
  await execa('ffmpeg', ['-hide_banner', '-v', 'error', '-nostdin', '-y', ...spec.args(partial)], { stdin: 'ignore' });
  renameSync(partial, path);
  console.log(`    generated ${spec.file} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return path;
}

/** The H.264 class with subtitle tracks: 0 SRT, 1 PGS, a cue every 2 s (on screen 1.5 s of each 2). */
async function subtitled(h264: string): Promise<string> {
  const path = join(CACHE, 'h264-1080p-subs.mkv');
  if (existsSync(path)) return path;
  const cues = Array.from({ length: SOURCE_SECONDS / 2 }, (_, n) => ({ startMs: n * 2000, endMs: n * 2000 + 1500 }));
  const srt = join(CACHE, 'cues.srt');
  writeFileSync(srt, cues.map((cue, n) => srtText(`Line ${n + 1}: a subtitle of two\nlines, as films have`, cue).replace(/^1\n/, `${n + 1}\n`)).join(''));
  const sup = join(CACHE, 'cues.sup');
  writeFileSync(sup, pgsStream(1920, 1080, cues.map((cue) => ({ ...cue, box: { x: 460, y: 900, w: 1000, h: 110 } }))));
  const partial = join(CACHE, 'partial-h264-1080p-subs.mkv');
  await execa('ffmpeg', ['-hide_banner', '-v', 'error', '-nostdin', '-y', '-i', h264, '-i', srt, '-i', sup,
    '-map', '0', '-map', '1', '-map', '2', '-c', 'copy', '-c:s:0', 'srt', partial], { stdin: 'ignore' });
  renameSync(partial, path);
  return path;
}

/** Every class, generated on first use (one at a time: the machine has 2 cores). */
export async function libraryClasses(): Promise<LibraryClass[]> {
  mkdirSync(CACHE, { recursive: true });
  const path = async (name: string) => ensure(name);
  const h264 = await path('h264-1080p-mkv');
  const subs = await subtitled(h264);
  return [
    { name: 'H.264 1080p MKV, AC3 5.1', path: h264, treatment: { audioStream: 0, loudness: gain } },
    { name: '  + SRT burned in', path: subs, treatment: { audioStream: 0, loudness: gain, subtitles: { kind: 'embedded', index: 0, format: 'text' } } },
    { name: '  + PGS burned in', path: subs, treatment: { audioStream: 0, loudness: gain, subtitles: { kind: 'embedded', index: 1, format: 'image' } } },
    { name: 'HEVC 10-bit PQ 1080p, E-AC3', path: await path('hevc10-pq-1080p'), treatment: { audioStream: 0, loudness: gain, toneMap: 'pq' } },
    { name: 'MPEG-2 480i 16:9 PS, AC3', path: await path('mpeg2-480i-ps'), treatment: { audioStream: 0, loudness: gain } },
    { name: 'VP9 1080p WebM, Opus', path: await path('vp9-opus-1080p-webm'), treatment: { audioStream: 0, loudness: gain } },
    { name: 'DivX AVI 640x352, MP3', path: await path('divx-avi'), treatment: { audioStream: 0, loudness: gain } },
  ];
}
