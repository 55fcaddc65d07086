// Tiny sources with subtitles of every kind a library holds: a black 8 s 320×240 picture with one cue
// (source time 4 s to 6 s) as SRT, ASS or mov_text, a sidecar .srt, or bitmaps as PGS, VobSub or DVB.
// Muxing keeps source times (-copyts): a subtitle input starting at 4 s would otherwise be moved to 0.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { pgsStream } from './pgs-writer.js';

export const SUBTITLE_SOURCE = { width: 320, height: 240, durationMs: 8000 } as const;
/** The one cue every generated track has, in source time. */
export const SUBTITLE_CUE = { startMs: 4000, endMs: 6000 } as const;
/** The bitmap cue: a white box low on the picture, in source pixels. */
export const BITMAP_BOX = { x: 60, y: 180, w: 200, h: 40 } as const;

export type SubtitleKind = 'srt' | 'ass' | 'mov_text' | 'sidecar' | 'pgs' | 'vobsub' | 'dvb';

export interface SubtitledSource {
  /** The media file (input 0). */
  readonly path: string;
  /** For `sidecar`: the subtitle file beside it. */
  readonly sidecar?: string;
}

const ffmpeg = (args: readonly string[]) => execa('ffmpeg', ['-hide_banner', '-v', 'error', '-nostdin', '-y', ...args]);
const stamp = (ms: number, sep: string) => {
  const [h, m, s] = [Math.floor(ms / 3_600_000), Math.floor(ms / 60_000) % 60, (ms / 1000) % 60];
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${s.toFixed(3).padStart(6, '0').replace('.', sep)}`;
};

export function srtText(text: string, cue: { startMs: number; endMs: number } = SUBTITLE_CUE): string {
  return `1\n${stamp(cue.startMs, ',')} --> ${stamp(cue.endMs, ',')}\n${text}\n\n`;
}

function assText(text: string): string {
  const cs = (ms: number) => stamp(ms, '.').slice(1, -1); // ASS: H:MM:SS.cc
  return ['[Script Info]', 'ScriptType: v4.00+', 'PlayResX: 384', 'PlayResY: 288', '',
    '[V4+ Styles]', 'Format: Name, Fontname, Fontsize, PrimaryColour, Bold, Alignment, MarginV',
    'Style: Default,DejaVu Sans,28,&H00FFFFFF,1,2,10', '',
    '[Events]', 'Format: Layer, Start, End, Style, Text',
    `Dialogue: 0,${cs(SUBTITLE_CUE.startMs)},${cs(SUBTITLE_CUE.endMs)},Default,${text}`, ''].join('\n');
}

/** A black picture, 25 fps with a key frame every second, as `name` (its extension picks the container). */
export async function blackVideo(dir: string, name: string, size: { width: number; height: number } = SUBTITLE_SOURCE): Promise<string> {
  const path = join(dir, name);
  await ffmpeg(['-f', 'lavfi', '-i', `color=c=black:s=${size.width}x${size.height}:r=25:d=${SUBTITLE_SOURCE.durationMs / 1000}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-pix_fmt', 'yuv420p', path]);
  return path;
}

/** A source of `kind` in `dir`; `sidecarName` names the sidecar (hostile names welcome). */
export async function subtitledSource(dir: string, kind: SubtitleKind, sidecarName = 'film.srt'): Promise<SubtitledSource> {
  const text = 'SUBTITLE TEXT';
  switch (kind) {
    case 'srt':
    case 'ass':
    case 'mov_text': {
      const cues = join(dir, `cues-${kind}.${kind === 'ass' ? 'ass' : 'srt'}`);
      writeFileSync(cues, kind === 'ass' ? assText(text) : srtText(text));
      const video = await blackVideo(dir, `black-${kind}.mkv`);
      const path = join(dir, `${kind}.${kind === 'mov_text' ? 'mp4' : 'mkv'}`);
      await ffmpeg(['-copyts', '-i', video, '-i', cues, '-map', '0', '-map', '1', '-c:v', 'copy', '-c:s', kind, path]);
      return { path };
    }
    case 'sidecar': {
      const path = await blackVideo(dir, 'sidecar.mkv');
      const sidecar = join(dir, sidecarName);
      writeFileSync(sidecar, srtText(text));
      return { path, sidecar };
    }
    case 'pgs':
      return { path: await pgsSource(dir, 'pgs.mkv', SUBTITLE_SOURCE, BITMAP_BOX) };
    case 'vobsub':
    case 'dvb': {
      const pgs = await pgsSource(dir, `pgs-for-${kind}.mkv`, SUBTITLE_SOURCE, BITMAP_BOX);
      const path = join(dir, kind === 'dvb' ? 'dvb.ts' : 'vobsub.mkv');
      await ffmpeg(['-copyts', '-fix_sub_duration', '-i', pgs, '-map', '0', '-c:v', 'copy', '-c:s', kind === 'dvb' ? 'dvbsub' : 'dvdsub', path]);
      return { path };
    }
  }
}

/** A black picture of `size` in MKV with a PGS track whose cue is a white `box` (in the picture's pixels). */
export async function pgsSource(
  dir: string, name: string, size: { width: number; height: number }, box: { x: number; y: number; w: number; h: number },
  cue: { startMs: number; endMs: number } = SUBTITLE_CUE,
): Promise<string> {
  const video = await blackVideo(dir, `black-${name}`, size);
  const sup = join(dir, `${name}.sup`);
  writeFileSync(sup, pgsStream(size.width, size.height, [{ ...cue, box }]));
  const path = join(dir, name);
  await ffmpeg(['-copyts', '-i', video, '-i', sup, '-map', '0', '-map', '1', '-c', 'copy', path]);
  return path;
}

/**
 * Three subtitle streams: 0 an SRT cue at 1-2 s only, 1 the SRT cue at 4-6 s, 2 the PGS cue at 4-6 s:
 * only the stream asked for shows during SUBTITLE_CUE.
 */
export async function multiTrackSource(dir: string): Promise<string> {
  const early = join(dir, 'early.srt');
  const cue = join(dir, 'cue.srt');
  writeFileSync(early, srtText('EARLY', { startMs: 1000, endMs: 2000 }));
  writeFileSync(cue, srtText('SUBTITLE TEXT'));
  const pgs = await pgsSource(dir, 'multi-pgs.mkv', SUBTITLE_SOURCE, BITMAP_BOX);
  const path = join(dir, 'multi.mkv');
  await ffmpeg(['-copyts', '-i', pgs, '-i', early, '-i', cue, '-map', '0:v', '-map', '1', '-map', '2', '-map', '0:s',
    '-c:v', 'copy', '-c:s:0', 'srt', '-c:s:1', 'srt', '-c:s:2', 'copy', path]);
  return path;
}

/** Stream 0 an SRT cue, stream 1 a PGS cue, both running from source time 2 s to 5 s (across a 3 s seek). */
export async function spanningSource(dir: string): Promise<string> {
  const cue = { startMs: 2000, endMs: 5000 };
  const srt = join(dir, 'spanning.srt');
  writeFileSync(srt, srtText('SUBTITLE TEXT', cue));
  const pgs = await pgsSource(dir, 'spanning-pgs.mkv', SUBTITLE_SOURCE, BITMAP_BOX, cue);
  const path = join(dir, 'spanning.mkv');
  await ffmpeg(['-copyts', '-i', pgs, '-i', srt, '-map', '0:v', '-map', '1', '-map', '0:s', '-c:v', 'copy', '-c:s:0', 'srt', '-c:s:1', 'copy', path]);
  return path;
}
