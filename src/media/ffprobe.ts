// Probes one media file with ffprobe and says whether it is playable, and if so its exact duration,
// streams and chapters. Bad media is an answer ({ ok: false, reason }), never an exception.

import { open, stat } from 'node:fs/promises';
import { RetroVueError } from '../core/errors.js';
import { runTied } from '../core/processes.js';
import { type FfprobeStream, toAudio, toSubtitles, toVideo } from './ffprobe-streams.js';
import type { AudioStream, Chapter, SubtitleTrack, VideoStream } from './media-types.js';

export type ProbedMedia = {
  durationMs: number;
  /** ffprobe's format_name, e.g. "mov,mp4,m4a,3gp,3g2,mj2" or "matroska,webm". */
  container: string;
  sizeBytes: number;
  video?: VideoStream;
  audio: AudioStream[];
  /** Embedded subtitle tracks ffmpeg can burn in (sidecar files are found by the importer, not here). */
  subtitles: SubtitleTrack[];
  chapters: Chapter[];
};

export type ProbeOutcome = { ok: true; media: ProbedMedia } | { ok: false; reason: string };

export type ProbeOptions = { signal?: AbortSignal; timeoutMs?: number; ffprobePath?: string };

const toolChecks = new Map<string, Promise<void>>();

/**
 * Whether `ffprobe -version` runs, asked once per process and tool: a tool that cannot run (not installed,
 * not executable, a broken wrapper exiting 127) fails the work with `unreachable` naming it, instead of
 * condemning every file it was asked about.
 */
export function assertFfprobeRuns(ffprobe = 'ffprobe'): Promise<void> {
  let check = toolChecks.get(ffprobe);
  if (!check) {
    check = runTied(ffprobe, ['-version'], { reject: false, stdin: 'ignore', timeout: 30_000 }).then((result) => {
      if (!result.failed) return;
      const said = firstLine(String(result.stderr ?? '')) || firstLine(String(result.stdout ?? ''));
      const how =
        'code' in result && result.code === 'ENOENT' ? 'is not installed or not on PATH'
        : result.exitCode !== undefined ? `does not run (ffprobe -version exited with ${result.exitCode}${said ? `: ${said}` : ''})`
        : `does not run (${result.shortMessage})`;
      throw new RetroVueError('unreachable', `ffprobe "${ffprobe}" ${how}; install ffmpeg or fix PATH, then ingest again`);
    });
    toolChecks.set(ffprobe, check);
    check.catch(() => toolChecks.delete(ffprobe)); // asked again next time: the operator may fix it meanwhile
  }
  return check;
}

function firstLine(text: string): string {
  return (text.split('\n').find((line) => line.trim().length > 0) ?? '').trim();
}

/** Media whose last packets end this much before the declared duration is called truncated. */
const TRUNCATION_TOLERANCE_S = 1;

/**
 * @example
 * const outcome = await probeMedia('/media/Movies/Movie (1987).mkv');
 * if (!outcome.ok) log.warn(`skipping: ${outcome.reason}`);
 */
export async function probeMedia(path: string, opts: ProbeOptions = {}): Promise<ProbeOutcome> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return { ok: false, reason: 'file not found' };
  if (!info.isFile()) return { ok: false, reason: 'not a regular file' };
  if (info.size === 0) return { ok: false, reason: 'zero-length file' };
  await assertFfprobeRuns(opts.ffprobePath);

  // The first run also reads the packets after a seek far past the end: every demuxer we tried
  // (mp4, mov, mkv, ts, avi) lands on the last key frame, so the tail costs almost nothing and shows
  // whether the data really reaches the declared duration. Unseekable inputs are probed plainly.
  let run = await runFfprobe(path, opts, true);
  const tailChecked = !/Could not seek to position|Could not read packets in interval/.test(run.stderr);
  if (!tailChecked) run = await runFfprobe(path, opts, false);
  if (run.timedOut) return { ok: false, reason: `ffprobe timed out after ${opts.timeoutMs} ms` };

  const errors = summariseErrors(run.stderr, path);
  if (run.exitCode !== 0) {
    const message = errors || (run.signal ? `ffprobe was killed by ${run.signal}` : `ffprobe exited with code ${run.exitCode}`);
    const head = await readHead(path);
    if (head instanceof Error) return { ok: false, reason: `unreadable (${head.code ?? 'error'}): ${message}` };
    return hasMediaSignature(head)
      ? { ok: false, reason: `truncated: ${message}` }
      : { ok: false, reason: `not a media file: ${message}` };
  }
  let report: FfprobeReport;
  try {
    report = JSON.parse(run.stdout) as FfprobeReport;
  } catch {
    return { ok: false, reason: 'not a media file: ffprobe printed no readable report' };
  }
  return interpretReport(report, info.size, tailChecked ? errors : undefined);
}

type FfprobeRun = { stdout: string; stderr: string; exitCode?: number; signal?: string; timedOut: boolean };

async function runFfprobe(path: string, opts: ProbeOptions, withTail: boolean): Promise<FfprobeRun> {
  const ffprobe = opts.ffprobePath ?? 'ffprobe';
  const tailArgs = withTail
    ? ['-show_entries', 'packet=stream_index,pts_time,dts_time,duration_time', '-read_intervals', '999999999%']
    : [];
  const result = await runTied(
    ffprobe,
    ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-show_chapters', ...tailArgs, '--', path],
    { reject: false, timeout: opts.timeoutMs, cancelSignal: opts.signal, stdin: 'ignore' },
  );
  if (result.isCanceled) throw opts.signal?.reason ?? new RetroVueError('internal', `probe of ${path} was aborted`);
  if (result.failed && 'code' in result && result.code === 'ENOENT') {
    throw new RetroVueError('unreachable', `ffprobe not found at "${ffprobe}"; install ffmpeg or put ffprobe on PATH`);
  }
  if (result.failed && result.exitCode === undefined && result.signal === undefined && !result.timedOut) {
    // Spawning itself failed (not executable, too many open files): a tool problem, not bad media.
    throw new RetroVueError('unreachable', `ffprobe at "${ffprobe}" could not be started: ${result.shortMessage}`);
  }
  if (result.exitCode === 126 || result.exitCode === 127) {
    // The shell's "cannot execute" / "not found": the tool (or what it runs) is broken, not the file.
    toolChecks.delete(ffprobe);
    throw new RetroVueError('unreachable', `ffprobe "${ffprobe}" does not run (exited with ${result.exitCode}: ${firstLine(result.stderr)}); install ffmpeg or fix PATH, then ingest again`);
  }
  if (result.signal !== undefined && !result.timedOut) {
    // Killed from outside (Ctrl-C reaches the whole process group): an interruption, not bad media.
    throw Object.assign(new Error(`ffprobe of ${path} was interrupted by ${result.signal}`), { name: 'AbortError' });
  }
  const run: FfprobeRun = { stdout: result.stdout, stderr: result.stderr, timedOut: result.timedOut };
  if (result.exitCode !== undefined) run.exitCode = result.exitCode;
  if (result.signal !== undefined) run.signal = result.signal;
  return run;
}

// --- ffprobe's JSON, only the fields we read -----------------------------------------------------

type FfprobeReport = {
  format?: { format_name?: string; duration?: string; start_time?: string };
  streams?: FfprobeStream[];
  chapters?: Array<{ start_time?: string; end_time?: string; tags?: Record<string, string> }>;
  packets?: Array<{ stream_index?: number; pts_time?: string; dts_time?: string; duration_time?: string }>;
};

/** `tailErrors` is undefined when the input could not seek, so its tail was not read. */
function interpretReport(report: FfprobeReport, sizeBytes: number, tailErrors: string | undefined): ProbeOutcome {
  const streams = report.streams ?? [];
  // Cover art arrives as a one-frame "video" stream; it is not something a channel can air.
  const videoStream = streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1 && s.codec_name);
  const audioStreams = streams.filter((s) => s.codec_type === 'audio' && s.codec_name);
  if (videoStream === undefined && audioStreams.length === 0) return { ok: false, reason: 'no playable stream' };

  const durationS = seconds(report.format?.duration) ?? longestStream(streams);
  if (durationS === undefined) return { ok: false, reason: 'unknown duration: neither container nor streams declare one' };
  if (durationS <= 0) return { ok: false, reason: 'zero duration: container declares 0 s' };
  // Durations are whole milliseconds: a shorter one would be stored as 0, which no schedule can air.
  if (Math.round(durationS * 1000) < 1) return { ok: false, reason: `zero duration: media lasts ${durationS} s, under 1 ms` };

  const playable = new Set<number>();
  for (const s of [videoStream, ...audioStreams]) if (s?.index !== undefined) playable.add(s.index);
  const tail = tailEnd(report, playable);
  if (tailErrors !== undefined && tail === undefined) {
    const detail = tailErrors ? `; ${tailErrors}` : '';
    return { ok: false, reason: `truncated: no packets near the declared end (${durationS.toFixed(2)} s)${detail}` };
  }
  if (tail !== undefined && tail < durationS - TRUNCATION_TOLERANCE_S) {
    return { ok: false, reason: `truncated: media ends at ${tail.toFixed(2)} s of declared ${durationS.toFixed(2)} s` };
  }

  const media: ProbedMedia = {
    durationMs: Math.round(durationS * 1000),
    container: report.format?.format_name ?? 'unknown',
    sizeBytes,
    audio: audioStreams.map(toAudio),
    subtitles: toSubtitles(streams),
    chapters: (report.chapters ?? []).flatMap(toChapter),
  };
  if (videoStream !== undefined) {
    const video = toVideo(videoStream);
    if (video === undefined) return { ok: false, reason: 'no playable stream: video stream has no size or frame rate' };
    media.video = video;
  }
  return { ok: true, media };
}

/** Where the data really ends, relative to the container's start time, in seconds. */
function tailEnd(report: FfprobeReport, playable: ReadonlySet<number>): number | undefined {
  let end: number | undefined;
  for (const packet of report.packets ?? []) {
    if (packet.stream_index === undefined || !playable.has(packet.stream_index)) continue;
    const at = seconds(packet.pts_time) ?? seconds(packet.dts_time);
    if (at === undefined) continue;
    const packetEnd = at + (seconds(packet.duration_time) ?? 0);
    end = end === undefined ? packetEnd : Math.max(end, packetEnd);
  }
  return end === undefined ? undefined : end - (seconds(report.format?.start_time) ?? 0);
}

function longestStream(streams: readonly FfprobeStream[]): number | undefined {
  let longest: number | undefined;
  for (const s of streams) {
    // Matroska keeps per-stream durations in a DURATION tag ("00:00:02.023000000"), not in duration.
    const d = seconds(s.duration) ?? clockSeconds(s.tags?.['DURATION']);
    if (d !== undefined && (longest === undefined || d > longest)) longest = d;
  }
  return longest;
}

function toChapter(c: { start_time?: string; end_time?: string; tags?: Record<string, string> }): Chapter[] {
  const start = seconds(c.start_time);
  const end = seconds(c.end_time);
  if (start === undefined || end === undefined || end < start) return [];
  const chapter: Chapter = { startMs: Math.max(0, Math.round(start * 1000)), endMs: Math.round(end * 1000) };
  const title = c.tags?.['title'];
  if (title) chapter.title = title;
  return [chapter];
}

function seconds(value: string | undefined): number | undefined {
  if (value === undefined || value === 'N/A') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function clockSeconds(value: string | undefined): number | undefined {
  const match = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value ?? '');
  if (match === null) return undefined;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

/** ffprobe's stderr as one line: without "[demuxer @ 0x…]" prefixes, the file path or repeats. */
function summariseErrors(stderr: string, path: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.replace(/^\[[^\]]*@ 0x[0-9a-f]+\]\s*/i, '').trim())
    .map((line) => (line.startsWith(`${path}: `) ? line.slice(path.length + 2) : line))
    .filter((line) => line.length > 0);
  // The last lines carry the cause and ffprobe's verdict; earlier ones are decoder chatter.
  return [...new Set(lines)].slice(-2).join('; ');
}

/** The first bytes of a file, or why it cannot be read (permissions, a vanished file). */
async function readHead(path: string): Promise<Buffer | NodeJS.ErrnoException> {
  let handle;
  try {
    handle = await open(path, 'r');
    const head = Buffer.alloc(189);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } catch (error) {
    return error as NodeJS.ErrnoException;
  } finally {
    await handle?.close();
  }
}

// A file that starts like a known container but will not open is almost always cut short
// (an interrupted copy or download); anything else is simply not media.
function hasMediaSignature(head: Buffer): boolean {
  if (head.length < 8) return false;
  const box = head.toString('latin1', 4, 8);
  return (
    ['ftyp', 'moov', 'mdat', 'free', 'wide', 'skip'].includes(box) || // ISO BMFF: mp4, mov, m4v
    head.readUInt32BE(0) === 0x1a45dfa3 || // EBML: mkv, webm
    ['RIFF', 'OggS', 'FLV\x01'].includes(head.toString('latin1', 0, 4)) ||
    head.readUInt32BE(0) === 0x000001ba || // MPEG program stream
    head.readUInt32BE(0) === 0x3026b275 || // ASF / WMV
    (head.length === 189 && head[0] === 0x47 && head[188] === 0x47) // MPEG-TS sync bytes
  );
}
