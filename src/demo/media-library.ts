// Writes the demo library (see demo-catalog.ts) as real media files made by ffmpeg from lavfi test
// sources, so a fresh install has something to ingest, schedule and watch. Returns a manifest of
// what each file is meant to be, which tests compare against what ffprobe finds.

import { availableParallelism, tmpdir } from 'node:os';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { RetroVueError } from '../core/errors.js';
import { processAlive } from '../core/process-alive.js';
import { runTied } from '../core/processes.js';
import {
  DEMO_CATALOG, DEMO_FOLDERS, frameCount, frameExactMs, framesPerSecond,
  type AudioLayout, type DemoBrokenSpec, type DemoMediaSpec, type DemoSpec, type FrameRate,
} from './demo-catalog.js';

export type DemoFileEntry = {
  /** Relative to the manifest root, '/'-separated. */
  path: string;
  kind: DemoSpec['kind'];
  /** True for files that are deliberately unplayable; ingest must reject them. */
  bad: boolean;
  defect?: DemoBrokenSpec['defect'];
  /** Expected duration of a good file (whole frames; audio may run up to one AAC frame longer). */
  durationMs?: number;
  width?: number;
  height?: number;
  frameRate?: FrameRate;
  audio?: AudioLayout | 'none';
  interlaced?: boolean;
  chapterStartsMs?: number[];
};

export type DemoLibraryManifest = { root: string; drawtext: boolean; files: DemoFileEntry[] };

export type DemoLibraryOptions = {
  onProgress?: (done: number, total: number, file: string) => void;
  /** Parallel ffmpeg processes; defaults to the number of cores. */
  concurrency?: number;
  /** Replace the demo folders of a non-empty directory instead of refusing. */
  force?: boolean;
  signal?: AbortSignal;
  ffmpegPath?: string;
  /** Files made besides the demo catalog (inside its folders), e.g. the demo network's extras. */
  extra?: readonly DemoSpec[];
};

/**
 * @example
 * const manifest = await generateDemoLibrary(join(home, 'demo'), { onProgress: (n, total) => bar.update(n / total) });
 */
export async function generateDemoLibrary(dir: string, opts: DemoLibraryOptions = {}): Promise<DemoLibraryManifest> {
  const root = resolve(dir);
  const releaseLock = await lockLibrary(root);
  try {
    return await generateLockedLibrary(root, opts);
  } finally {
    await releaseLock();
  }
}

/**
 * One generation per directory at a time: two runs (two `retrovue demo` in one RETROVUE_HOME) would wipe
 * and rename each other's files. The lock is a sibling file holding the owner's pid; a dead owner's is taken over.
 */
async function lockLibrary(root: string): Promise<() => Promise<void>> {
  const lock = `${root}.lock`;
  await mkdir(dirname(root), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(lock, String(process.pid), { flag: 'wx' });
      return () => rm(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const owner = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(owner) && owner > 0 && processAlive(owner)) {
        throw new RetroVueError('conflict', `another retrovue (pid ${owner}) is making the demo library in "${root}"; wait for it to finish, then run again`);
      }
      await rm(lock, { force: true }); // its owner died (kill -9): the next attempt takes it
    }
  }
}

async function generateLockedLibrary(root: string, opts: DemoLibraryOptions): Promise<DemoLibraryManifest> {
  await prepareRoot(root, opts.force ?? false);
  const ffmpeg = opts.ffmpegPath ?? 'ffmpeg';
  const work = await mkdtemp(join(tmpdir(), 'retrovue-demo-'));
  const stop = new AbortController();
  const signal = opts.signal === undefined ? stop.signal : AbortSignal.any([stop.signal, opts.signal]);
  try {
    const drawtext = await hasWorkingDrawtext(ffmpeg, work);
    // Longest first, so the last job to finish is a short one and the cores stay busy.
    const specs = [...DEMO_CATALOG, ...(opts.extra ?? [])];
    const queue = [...specs].sort((a, b) => secondsOf(b) - secondsOf(a));
    let done = 0;
    let firstError: unknown;
    const worker = async (): Promise<void> => {
      for (let spec = queue.shift(); spec !== undefined && !signal.aborted; spec = queue.shift()) {
        await makeFile(spec, root, { ffmpeg, work, drawtext, signal });
        opts.onProgress?.(++done, specs.length, spec.path);
      }
    };
    const workers = Math.max(1, Math.min(opts.concurrency ?? availableParallelism(), queue.length));
    await Promise.all(Array.from({ length: workers }, () => worker().catch((error: unknown) => {
      firstError ??= error; // later ones are only the cancellations this one caused
      stop.abort(); // one failure ends the run: half a library is no demo
    })));
    if (opts.signal?.aborted) firstError = opts.signal.reason;
    if (firstError !== undefined) {
      // Nothing half-written: the demo folders were empty or absent before this run.
      await removeDemoFolders(root);
      throw firstError;
    }
    return { root, drawtext, files: specs.map(entryOf) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function prepareRoot(root: string, force: boolean): Promise<void> {
  const existing = await readdir(root).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw new RetroVueError('invalid_input', `cannot read demo library directory "${root}": ${error.message}`);
  });
  if (existing.length > 0) {
    if (!force) {
      throw new RetroVueError('conflict', `demo library directory "${root}" is not empty; choose an empty one or use --force`);
    }
    await removeDemoFolders(root);
  }
  await mkdir(root, { recursive: true });
}

// Only our own folders go: --force must never wipe whatever else the operator keeps there.
async function removeDemoFolders(root: string): Promise<void> {
  await Promise.all(DEMO_FOLDERS.map((folder) => rm(join(root, folder), { recursive: true, force: true })));
}

type Context = { ffmpeg: string; work: string; drawtext: boolean; signal: AbortSignal };

/** Writes into a .partial file and renames, so an interrupted run never leaves a plausible file. */
async function makeFile(spec: DemoSpec, root: string, ctx: Context): Promise<void> {
  const target = join(root, ...spec.path.split('/'));
  const partial = `${target}.partial`;
  await mkdir(dirname(target), { recursive: true });
  try {
    await writeSpec(spec, partial, ctx);
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

async function writeSpec(spec: DemoSpec, output: string, ctx: Context): Promise<void> {
  if (spec.kind !== 'broken') return encode(spec, output, ctx);
  switch (spec.defect) {
    case 'zero-length':
      return writeFile(output, '');
    case 'not-media':
      return writeFile(output, 'Tape 14: Saturday morning cartoons, recorded off air, label peeling.\n'.repeat(40));
    case 'truncated': {
      // An interrupted copy: the index at the front survives, half the data it points to does not.
      const whole: DemoMediaSpec = {
        path: spec.path, kind: 'commercial', caption: 'Interrupted Copy', seconds: 8, width: 320, height: 240,
        frameRate: '25', audio: { layout: 'stereo', codec: 'aac', frequencyHz: 220 }, faststart: true,
      };
      await encode(whole, output, ctx);
      return truncate(output, Math.floor((await stat(output)).size / 2));
    }
  }
}

async function encode(spec: DemoMediaSpec, output: string, ctx: Context): Promise<void> {
  const id = spec.path.replace(/[^A-Za-z0-9]+/g, '-');
  const files: { caption?: string; chapters?: string } = {};
  if (ctx.drawtext) {
    files.caption = `${id}.caption.txt`;
    await writeFile(join(ctx.work, files.caption), spec.caption);
  }
  if (spec.chapterStarts !== undefined) {
    files.chapters = `${id}.chapters.txt`;
    await writeFile(join(ctx.work, files.chapters), ffmetadataFor(spec));
  }
  // cwd = work dir, so filter arguments name files relatively and need no filtergraph escaping.
  const result = await runTied(ctx.ffmpeg, encodeArgs(spec, output, files), {
    cwd: ctx.work, reject: false, cancelSignal: ctx.signal, stdin: 'ignore',
  });
  if (result.failed) {
    if ('code' in result && result.code === 'ENOENT') {
      throw new RetroVueError('unreachable', `ffmpeg not found at "${ctx.ffmpeg}"; install ffmpeg or put it on PATH`);
    }
    if (result.isCanceled) throw new RetroVueError('internal', `generation of "${spec.path}" was cancelled`);
    const why = result.stderr.trim().split('\n').pop() || `exit code ${result.exitCode ?? '?'}`;
    throw new RetroVueError('internal', `ffmpeg could not make demo file "${spec.path}": ${why}`);
  }
}

const MUXERS: Record<string, string> = { mp4: 'mp4', mkv: 'matroska', mov: 'mov', ts: 'mpegts' };
const CHANNELS: Record<AudioLayout, string> = { mono: '1', stereo: '2', '5.1': '6' };

function encodeArgs(spec: DemoMediaSpec, output: string, files: { caption?: string; chapters?: string }): string[] {
  const frames = frameCount(spec.seconds, spec.frameRate);
  const exactSeconds = (frames / framesPerSecond(spec.frameRate)).toFixed(6);
  const ext = spec.path.slice(spec.path.lastIndexOf('.') + 1);
  const muxer = MUXERS[ext] ?? 'mp4';

  const args = ['-v', 'error', '-y', '-f', 'lavfi', '-i',
    `testsrc2=size=${spec.width}x${spec.height}:rate=${spec.frameRate}:duration=${exactSeconds}`];
  const maps = ['-map', '0:v'];
  if (spec.audio !== undefined) {
    args.push('-f', 'lavfi', '-i', `sine=frequency=${spec.audio.frequencyHz}:sample_rate=${spec.audio.sampleRate ?? 48000}:duration=${exactSeconds}`);
    maps.push('-map', '1:a');
  }
  if (files.chapters !== undefined) {
    args.push('-f', 'ffmetadata', '-i', files.chapters);
    maps.push('-map_chapters', String(spec.audio === undefined ? 1 : 2));
  }

  const filters: string[] = [];
  if (files.caption !== undefined) {
    const size = Math.round(spec.height / 14);
    filters.push(`drawtext=textfile=${files.caption}:fontsize=${size}:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=4:x=(w-tw)/2:y=8`);
  }
  if (spec.interlaced) filters.push('setfield=tff');
  filters.push('format=yuv420p');

  // A key frame every two seconds keeps seeks (mid-show joins) cheap; one thread per process
  // because several run side by side; crf 32 halves the size of the busy test pattern.
  const gop = String(Math.round(framesPerSecond(spec.frameRate) * 2));
  args.push(...maps, '-vf', filters.join(','), '-frames:v', String(frames), '-c:v', 'libx264', '-preset', 'ultrafast',
    '-crf', '32', '-g', gop, '-threads', '1', '-metadata', `title=${spec.caption}`);
  if (spec.interlaced) args.push('-flags', '+ildct+ilme', '-x264opts', 'tff=1');
  if (spec.audio !== undefined) args.push('-c:a', spec.audio.codec, '-ac', CHANNELS[spec.audio.layout]);
  // ffmpeg's AAC encoder dominates the run time; the fast coder without mid/side stereo halves it.
  if (spec.audio?.codec === 'aac') args.push('-aac_coder', 'fast', '-aac_ms', '0');
  if (spec.faststart) args.push('-movflags', '+faststart');
  args.push('-f', muxer, output);
  return args;
}

function ffmetadataFor(spec: DemoMediaSpec): string {
  const endMs = frameExactMs(spec.seconds, spec.frameRate);
  const starts = [0, ...(spec.chapterStarts ?? []).map((s) => s * 1000)];
  const chapters = starts.map((start, i) => [
    '[CHAPTER]', 'TIMEBASE=1/1000', `START=${start}`, `END=${starts[i + 1] ?? endMs}`, `title=Part ${i + 1}`,
  ].join('\n'));
  return `;FFMETADATA1\n${chapters.join('\n')}\n`;
}

// Debian builds have drawtext, minimal builds often lack it or a usable font; captions are a nicety.
async function hasWorkingDrawtext(ffmpeg: string, work: string): Promise<boolean> {
  const result = await runTied(ffmpeg,
    ['-v', 'error', '-f', 'lavfi', '-i', 'color=size=32x32:duration=0.04', '-vf', 'drawtext=text=x', '-f', 'null', '-'],
    { cwd: work, reject: false, stdin: 'ignore' });
  if ('code' in result && result.code === 'ENOENT') {
    throw new RetroVueError('unreachable', `ffmpeg not found at "${ffmpeg}"; install ffmpeg or put it on PATH`);
  }
  return result.exitCode === 0;
}

function secondsOf(spec: DemoSpec): number {
  return spec.kind === 'broken' ? (spec.defect === 'truncated' ? 8 : 0) : spec.seconds;
}

function entryOf(spec: DemoSpec): DemoFileEntry {
  if (spec.kind === 'broken') return { path: spec.path, kind: spec.kind, bad: true, defect: spec.defect };
  const entry: DemoFileEntry = {
    path: spec.path,
    kind: spec.kind,
    bad: false,
    durationMs: frameExactMs(spec.seconds, spec.frameRate),
    width: spec.width,
    height: spec.height,
    frameRate: spec.frameRate,
    audio: spec.audio?.layout ?? 'none',
    interlaced: spec.interlaced ?? false,
  };
  if (spec.chapterStarts !== undefined) entry.chapterStartsMs = [0, ...spec.chapterStarts.map((s) => s * 1000)];
  return entry;
}
