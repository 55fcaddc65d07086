// Measures the EBU R 128 integrated loudness and true peak of every audio track of one file, in one
// ffmpeg pass (one `ebur128` per track to a null output). A file ffmpeg cannot measure is an answer
// ({ ok: false, reason }), never an exception: the file still plays, its loudness is just unknown.
import { RetroVueError } from '../core/errors.js';
import { runTied } from '../core/processes.js';
import type { Loudness } from './media-types.js';

/** One entry per audio track, in stream order; undefined for a silent track (nothing to bring to a target). */
export type LoudnessOutcome = { ok: true; tracks: (Loudness | undefined)[] } | { ok: false; reason: string };

export type LoudnessMeasureOptions = { signal?: AbortSignal; timeoutMs?: number; ffmpegPath?: string };

/**
 * ebur128's absolute gate: a track with nothing above −70 LUFS reports exactly −70 (digital silence, or
 * too short to gate). Storing it would ask for +46 dB of gain; an unknown loudness airs as it is.
 */
const SILENCE_GATE_LUFS = -70;

/**
 * @example
 * const outcome = await measureLoudness('/media/Show S01E01.mkv', 2, { timeoutMs: 120_000 });
 * if (outcome.ok) console.log(outcome.tracks[0]?.integratedLufs); // e.g. -23.4
 */
export async function measureLoudness(path: string, audioTracks: number, opts: LoudnessMeasureOptions = {}): Promise<LoudnessOutcome> {
  if (audioTracks === 0) return { ok: true, tracks: [] };
  const ffmpeg = opts.ffmpegPath ?? 'ffmpeg';
  const result = await runTied(ffmpeg, measureArgs(path, audioTracks), {
    reject: false, timeout: opts.timeoutMs, cancelSignal: opts.signal, stdin: 'ignore',
  });
  if (result.isCanceled) throw opts.signal?.reason ?? new RetroVueError('internal', `loudness measurement of ${path} was aborted`);
  if (result.failed && 'code' in result && result.code === 'ENOENT') {
    throw new RetroVueError('unreachable', `ffmpeg not found at "${ffmpeg}"; install ffmpeg or put it on PATH`);
  }
  if (result.timedOut) return { ok: false, reason: `loudness measurement timed out after ${opts.timeoutMs} ms` };
  const stderr = String(result.stderr ?? '');
  if (result.exitCode !== 0) {
    const said = stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '').at(-1);
    return { ok: false, reason: `ffmpeg could not measure loudness (exit ${result.exitCode ?? result.signal}${said ? `: ${said}` : ''})` };
  }
  const summaries = parseSummaries(stderr);
  const tracks: (Loudness | undefined)[] = [];
  for (let n = 0; n < audioTracks; n++) {
    if (!summaries.has(n)) return { ok: false, reason: `ffmpeg printed no loudness summary for audio track ${n}` };
    tracks.push(summaries.get(n));
  }
  return { ok: true, tracks };
}

/** The command line: `[0:a:N]ebur128=peak=true[oN]` mapped to its own null output, for each track. */
export function measureArgs(path: string, audioTracks: number): string[] {
  const indexes = Array.from({ length: audioTracks }, (_, n) => n);
  // framelog=verbose keeps the ten lines a second per track out of stderr at `-v info`, where the summary is.
  const graph = indexes.map((n) => `[0:a:${n}]ebur128=peak=true:framelog=verbose[o${n}]`).join(';');
  return [
    '-nostdin', '-hide_banner', '-nostats', '-v', 'info', '-i', path, '-filter_complex', graph,
    ...indexes.flatMap((n) => ['-map', `[o${n}]`, '-f', 'null', '-']),
  ];
}

/**
 * The last summary each `Parsed_ebur128_N` instance printed (an instance can print a first, empty one
 * while the graph is configured). With one filter per chain, N is the audio track's index.
 */
export function parseSummaries(stderr: string): Map<number, Loudness | undefined> {
  const summaries = new Map<number, Loudness | undefined>();
  const blocks = stderr.split(/\[Parsed_ebur128_(\d+) @ [^\]]*\] Summary:/);
  for (let i = 1; i + 1 < blocks.length; i += 2) {
    const body = blocks[i + 1] ?? '';
    const integrated = /^\s*I:\s+(\S+) LUFS/m.exec(body)?.[1];
    const peak = /^\s*Peak:\s+(\S+) dBFS/m.exec(body)?.[1];
    summaries.set(Number(blocks[i]), loudnessOf(Number(integrated), Number(peak)));
  }
  return summaries;
}

function loudnessOf(integratedLufs: number, truePeakDbtp: number): Loudness | undefined {
  if (!Number.isFinite(integratedLufs) || integratedLufs <= SILENCE_GATE_LUFS || !Number.isFinite(truePeakDbtp)) return undefined;
  return { integratedLufs, truePeakDbtp };
}
