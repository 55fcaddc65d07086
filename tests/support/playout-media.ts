// Short media for a demo-like channel played end to end: an episode, a bumper and two commercials that
// differ in resolution, frame rate, codec, container and audio (one has none), each picture telling which
// of its own frames it is (luma 16 + 2·(frame mod 100)). Generated once per machine into TMPDIR (keyed by
// this file's content), atomically, then reused.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

export interface RampClip {
  readonly file: string;
  /** Whole seconds (what the catalog records as its duration). */
  readonly seconds: number;
  /** Frames per second of the file. */
  readonly fps: number;
}

const ramp = "geq=lum='16+2*mod(N\\,100)':cb=128:cr=128";

const CLIPS = {
  episode: { file: 'episode-320x240-2997.mp4', seconds: 14, fps: 30000 / 1001 },
  bumper: { file: 'bumper-640x360-25-ac3.mkv', seconds: 4, fps: 25 },
  commercial: { file: 'commercial-320x240-24-mono.avi', seconds: 6, fps: 24 },
  commercial2: { file: 'commercial-720x480-2997-silent.mkv', seconds: 5, fps: 30000 / 1001 },
} as const satisfies Record<string, RampClip>;

export type PlayoutClip = keyof typeof CLIPS;

const GENERATE: Record<PlayoutClip, string[]> = {
  episode: ['-f', 'lavfi', '-i', 'color=c=black:s=320x240:r=30000/1001:d=14.1', '-f', 'lavfi', '-i', 'sine=f=1000:r=48000:d=14.1',
    '-vf', ramp, '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '12', '-g', '30', '-c:a', 'aac', '-ac', '2'],
  bumper: ['-f', 'lavfi', '-i', 'color=c=black:s=640x360:r=25:d=4.1', '-f', 'lavfi', '-i', 'sine=f=440:r=48000:d=4.1',
    '-vf', ramp, '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '12', '-c:a', 'ac3', '-ac', '6'],
  commercial: ['-f', 'lavfi', '-i', 'color=c=black:s=320x240:r=24:d=6.1', '-f', 'lavfi', '-i', 'sine=f=659:r=22050:d=6.1',
    '-vf', ramp, '-c:v', 'mpeg4', '-q:v', '2', '-c:a', 'mp2', '-ac', '1'],
  commercial2: ['-f', 'lavfi', '-i', 'color=c=black:s=720x480:r=30000/1001:d=5.1', '-vf', ramp, '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '12'],
};

const selfHash = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex').slice(0, 12);
const cacheDir = join(tmpdir(), `retrovue-playout-media-${selfHash}`);

export interface PlayoutMedia {
  path(clip: PlayoutClip): string;
  clip(clip: PlayoutClip): RampClip;
  /** The clip whose file is `path`. */
  clipOf(path: string): RampClip | undefined;
}

export async function playoutMedia(): Promise<PlayoutMedia> {
  if (!existsSync(join(cacheDir, 'done'))) {
    const scratch = `${cacheDir}.${process.pid}`;
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
    for (const name of Object.keys(CLIPS) as PlayoutClip[]) {
      await execa('ffmpeg', ['-v', 'error', '-y', ...GENERATE[name], '-shortest', join(scratch, CLIPS[name].file)], { stdin: 'ignore' });
    }
    writeFileSync(join(scratch, 'done'), '');
    try {
      renameSync(scratch, cacheDir);
    } catch {
      rmSync(scratch, { recursive: true, force: true }); // another test process won the race
    }
  }
  const byPath = new Map((Object.values(CLIPS) as RampClip[]).map((c) => [join(cacheDir, c.file), c]));
  return {
    path: (clip) => join(cacheDir, CLIPS[clip].file),
    clip: (clip) => CLIPS[clip],
    clipOf: (path) => byPath.get(path),
  };
}
