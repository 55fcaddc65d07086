// Small media made by ffmpeg for the playout engine's tests: clips that differ in everything a channel
// meets (resolution, frame rate, codec, container, audio layout, no audio at all), a clip whose picture
// tells which frame it is (luma = 16 + 2·frame), broken files and a logo. Generated once per machine
// into TMPDIR (keyed by this file's content), atomically, then reused.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { renditionArgs } from '../../src/media/ffmpeg-rendition.js';
import { defaultOutputProfile } from '../../src/plugins/playout-plan.js';

export interface ClipInfo {
  readonly file: string;
  readonly durationMs: number;
  readonly hasAudio: boolean;
}

/** Each clip is 3 s long (a whole number of frames at its rate). */
export const CLIPS = {
  /** 320×240 25 fps H.264 + AAC 44.1 kHz stereo, MP4. */
  h264Mp4: { file: 'h264-320x240-25.mp4', durationMs: 3000, hasAudio: true },
  /** 640×360 29.97 fps H.264 + AC-3 5.1, Matroska. */
  h264Mkv51: { file: 'h264-640x360-2997-ac3-51.mkv', durationMs: 3003, hasAudio: true },
  /** 320×240 24 fps MPEG-4 Part 2 + MP2 22.05 kHz mono, AVI. */
  mpeg4Avi: { file: 'mpeg4-320x240-24-mp2-mono.avi', durationMs: 3000, hasAudio: true },
  /** 720×480 anamorphic (SAR 32:27) 29.97 fps H.264, no audio, Matroska. */
  silentMkv: { file: 'h264-720x480-sar-noaudio.mkv', durationMs: 3003, hasAudio: false },
  /** 480×360 25 fps MPEG-2 + MP2 48 kHz stereo, MPEG-TS starting at 10 s. */
  mpeg2Ts: { file: 'mpeg2-480x360-25.ts', durationMs: 3000, hasAudio: true },
  /** 320×240 at the output's 29.97 fps, luma 16 + 2·frame (frames 0–89), 1 kHz tone: the picture says which frame it is. */
  ramp: { file: 'ramp-2997.mp4', durationMs: 3003, hasAudio: true },
} as const satisfies Record<string, ClipInfo>;

export type ClipName = keyof typeof CLIPS;

export interface AirMedia {
  readonly dir: string;
  clip(name: ClipName): string;
  /** Half of an MP4 cut off: its index promises frames the file does not have. */
  readonly truncated: string;
  /** Text with a video extension. */
  readonly notMedia: string;
  /** A 96×48 opaque white PNG named with characters ffmpeg would otherwise interpret (`%d`, `:`, `'`). */
  readonly logo: string;
  /** The clip normalised to the default profile (renditionArgs), made on first use. */
  rendition(name: ClipName): Promise<string>;
}

const selfHash = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex').slice(0, 12);
const cacheDir = join(tmpdir(), `retrovue-air-media-${selfHash}`);

const GENERATE: Record<ClipName, string[]> = {
  h264Mp4: ['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=25:d=3', '-f', 'lavfi', '-i', 'sine=f=440:r=44100:d=3',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-c:a', 'aac', '-ac', '2'],
  h264Mkv51: ['-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=30000/1001:d=3.003', '-f', 'lavfi', '-i', 'sine=f=554:r=48000:d=3.003',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'ac3', '-ac', '6'],
  mpeg4Avi: ['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=24:d=3', '-f', 'lavfi', '-i', 'sine=f=659:r=22050:d=3',
    '-c:v', 'mpeg4', '-q:v', '5', '-c:a', 'mp2', '-ac', '1'],
  silentMkv: ['-f', 'lavfi', '-i', 'testsrc2=s=720x480:r=30000/1001:d=3.003', '-vf', 'setsar=32/27', '-c:v', 'libx264', '-preset', 'ultrafast'],
  mpeg2Ts: ['-f', 'lavfi', '-i', 'testsrc2=s=480x360:r=25:d=3', '-f', 'lavfi', '-i', 'sine=f=880:r=48000:d=3',
    '-c:v', 'mpeg2video', '-q:v', '4', '-c:a', 'mp2', '-ac', '2', '-output_ts_offset', '10'],
  ramp: ['-f', 'lavfi', '-i', 'color=c=black:s=320x240:r=30000/1001:d=3.003', '-f', 'lavfi', '-i', 'sine=f=1000:r=48000:d=3.003',
    '-vf', "geq=lum='16+2*N':cb=128:cr=128", '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '10', '-g', '30', '-c:a', 'aac', '-ac', '2'],
};

let media: AirMedia | undefined;

/** The engine tests' media (generated on first use, in a few seconds). */
export async function airMedia(): Promise<AirMedia> {
  if (!existsSync(join(cacheDir, 'done'))) {
    const scratch = `${cacheDir}.${process.pid}`;
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
    await Promise.all((Object.keys(CLIPS) as ClipName[]).map((name) =>
      execa('ffmpeg', ['-v', 'error', '-y', ...GENERATE[name], join(scratch, CLIPS[name].file)], { stdin: 'ignore' })));
    const whole = join(scratch, 'truncated.mp4');
    await execa('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=25:d=6', '-f', 'lavfi', '-i', 'sine=r=48000:d=6',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-movflags', '+faststart', whole], { stdin: 'ignore' });
    truncateSync(whole, Math.floor(statSync(whole).size / 2));
    writeFileSync(join(scratch, 'not-media.mkv'), 'Tape 14: Saturday morning cartoons, recorded off air.\n'.repeat(40));
    await execa('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=white:s=96x48:d=0.04', '-frames:v', '1', '-update', '1', join(scratch, logoName)], { stdin: 'ignore' });
    writeFileSync(join(scratch, 'done'), '');
    try {
      renameSync(scratch, cacheDir);
    } catch {
      rmSync(scratch, { recursive: true, force: true }); // another test process won the race
    }
  }
  media ??= {
    dir: cacheDir,
    clip: (name) => join(cacheDir, CLIPS[name].file),
    truncated: join(cacheDir, 'truncated.mp4'),
    notMedia: join(cacheDir, 'not-media.mkv'),
    logo: join(cacheDir, logoName),
    rendition: async (name) => {
      const target = join(cacheDir, `rendition-${CLIPS[name].file}.mp4`);
      if (existsSync(target)) return target;
      const partial = `${target}.${process.pid}.partial.mp4`;
      const clip = CLIPS[name];
      await execa('ffmpeg', renditionArgs({ sourcePath: join(cacheDir, clip.file), sourceHasAudio: clip.hasAudio, durationMs: clip.durationMs, format: defaultOutputProfile, outputPath: partial }), { stdin: 'ignore' });
      renameSync(partial, target);
      return target;
    },
  };
  return media;
}

const logoName = "logo %d: it's.png";
