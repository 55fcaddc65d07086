// Small media files shaped like those people own, made with ffmpeg in the test: several audio languages
// with the default track not first, embedded text subtitles, mov_text in MP4, 10-bit HEVC tagged PQ, and
// sidecar subtitle files. Each track has its own tone and each cue its own time, so a test can tell from
// decoded output which track aired and whether a cue is burned in. Shared by probe, ingest and playout tests.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';

/** Length of every generated file. */
export const taggedSeconds = 3;

/** The one subtitle cue each generated subtitle carries: on screen from 1.0 s to 2.0 s, nothing before or after. */
export const cue = { startMs: 1000, endMs: 2000, text: 'RETROVUE CUE' } as const;

/** The audio tracks of twoLanguageMkv, in file order: Spanish 5.1 first, the default English stereo second. */
export const twoLanguageAudio = [
  { codec: 'ac3', channels: 6, language: 'spa', frequencyHz: 440, isDefault: false },
  { codec: 'aac', channels: 2, language: 'eng', frequencyHz: 1000, isDefault: true, title: 'English' },
] as const;

/** The subtitle streams of twoLanguageMkv, in file order. */
export const twoLanguageSubtitles = [
  { codec: 'subrip', language: 'eng', forced: false, isDefault: false },
  { codec: 'ass', language: 'spa', forced: true, isDefault: false },
] as const;

const clock = (ms: number, comma: boolean) => {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  const frac = comma ? `,${String(ms % 1000).padStart(3, '0')}` : `.${String(Math.floor((ms % 1000) / 10)).padStart(2, '0')}`;
  return `${comma ? String(h).padStart(2, '0') : h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}${frac}`;
};

/** An SRT file's text holding `cue`. */
export function srtText(text: string = cue.text): string {
  return `1\n${clock(cue.startMs, true)} --> ${clock(cue.endMs, true)}\n${text}\n\n`;
}

/** An ASS file's text holding `cue` (large white text, so burned-in pixels are easy to find). */
export function assText(text: string = cue.text): string {
  return [
    '[Script Info]', 'ScriptType: v4.00+', 'PlayResX: 320', 'PlayResY: 240', '',
    '[V4+ Styles]',
    'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
    'Style: Default,DejaVu Sans,28,&H00FFFFFF,&H00FFFFFF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,0,2,10,10,10,1',
    '',
    '[Events]',
    'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
    `Dialogue: 0,${clock(cue.startMs, false)},${clock(cue.endMs, false)},Default,,0,0,0,,${text}`,
    '',
  ].join('\n');
}

/** A WebVTT file's text holding `cue`. */
export function vttText(text: string = cue.text): string {
  return `WEBVTT\n\n${clock(cue.startMs, true).replace(',', '.')} --> ${clock(cue.endMs, true).replace(',', '.')}\n${text}\n`;
}

async function ffmpeg(args: readonly string[]): Promise<void> {
  await execa('ffmpeg', ['-v', 'error', '-y', '-nostdin', ...args]);
}

const picture = (size = '320x240') => ['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25:duration=${taggedSeconds}`];
const tone = (hz: number) => ['-f', 'lavfi', '-i', `sine=frequency=${hz}:sample_rate=48000:duration=${taggedSeconds}`];
const x264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-threads', '1'];

/** Runs `make` with subtitle input files written in a scratch folder beside `output`, removed afterwards. */
async function withCueFiles(output: string, make: (files: { srt: string; ass: string }) => Promise<void>): Promise<void> {
  const scratch = await mkdtemp(join(dirname(output), '.cues-'));
  try {
    const files = { srt: join(scratch, 'cue.srt'), ass: join(scratch, 'cue.ass') };
    await Promise.all([writeFile(files.srt, srtText()), writeFile(files.ass, assText())]);
    await make(files);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * A Matroska file as in twoLanguageAudio and twoLanguageSubtitles: H.264 320x240, Spanish 5.1 AC3 (440 Hz)
 * first, English stereo AAC (1000 Hz, default, titled) second, an English SRT and a forced Spanish ASS stream.
 */
export async function twoLanguageMkv(output: string): Promise<void> {
  const [spanish, english] = twoLanguageAudio;
  await withCueFiles(output, ({ srt, ass }) =>
    ffmpeg([
      ...picture(), ...tone(spanish.frequencyHz), ...tone(english.frequencyHz), '-i', srt, '-i', ass,
      '-map', '0:v', '-map', '1:a', '-map', '2:a', '-map', '3:s', '-map', '4:s', ...x264,
      '-c:a:0', 'ac3', '-ac:a:0', '6', '-c:a:1', 'aac', '-ac:a:1', '2', '-c:s:0', 'srt', '-c:s:1', 'ass',
      '-metadata:s:a:0', 'language=spa', '-metadata:s:a:1', 'language=eng', '-metadata:s:a:1', `title=${english.title}`,
      '-disposition:a:0', '0', '-disposition:a:1', 'default',
      '-metadata:s:s:0', 'language=eng', '-metadata:s:s:1', 'language=spa', '-disposition:s:0', '0', '-disposition:s:1', 'forced',
      '-f', 'matroska', output,
    ]),
  );
}

/** An MP4 with H.264, one stereo AAC track (1000 Hz, tagged German with the 639-2/T code "deu") and a mov_text subtitle (French, "fra"). */
export async function movTextMp4(output: string): Promise<void> {
  await withCueFiles(output, ({ srt }) =>
    ffmpeg([
      ...picture(), ...tone(1000), '-i', srt, '-map', '0:v', '-map', '1:a', '-map', '2:s', ...x264, '-c:a', 'aac', '-ac', '2',
      '-c:s', 'mov_text', '-metadata:s:a:0', 'language=deu', '-metadata:s:s:0', 'language=fra', '-f', 'mp4', output,
    ]),
  );
}

/** A 10-bit HEVC (yuv420p10le) Matroska file tagged BT.2020 PQ (color_transfer smpte2084), with a 440 Hz stereo AAC track. */
export async function pqHevcMkv(output: string): Promise<void> {
  await ffmpeg([
    ...picture(), ...tone(440), '-map', '0:v', '-map', '1:a',
    '-c:v', 'libx265', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p10le',
    '-x265-params', 'log-level=error:pools=1:frame-threads=1:colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc',
    '-color_primaries', 'bt2020', '-color_trc', 'smpte2084', '-colorspace', 'bt2020nc',
    '-c:a', 'aac', '-ac', '2', '-f', 'matroska', output,
  ]);
}

export interface TaggedFiles {
  readonly twoLanguageMkv: Buffer;
  readonly movTextMp4: Buffer;
  readonly pqHevcMkv: Buffer;
}

let made: Promise<TaggedFiles> | undefined;

/**
 * The bytes of each generated file, made once per test process (about 2 s on 2 cores), to put into a
 * library with `libraryOf({ 'Movies/Film.mkv': { bytes: files.twoLanguageMkv } })`.
 */
export function taggedFiles(): Promise<TaggedFiles> {
  made ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'retrovue-tagged-'));
    try {
      await Promise.all([twoLanguageMkv(join(dir, 'a.mkv')), movTextMp4(join(dir, 'b.mp4')), pqHevcMkv(join(dir, 'c.mkv'))]);
      const [a, b, c] = await Promise.all(['a.mkv', 'b.mp4', 'c.mkv'].map((name) => readFile(join(dir, name))));
      return { twoLanguageMkv: a as Buffer, movTextMp4: b as Buffer, pqHevcMkv: c as Buffer };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  })();
  return made;
}
