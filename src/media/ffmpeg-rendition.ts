// A rendition: a whole source file normalised once, offline, to a channel's StreamFormat with the same
// codecs, key-frame grid and stream layout as live pieces, so playout can copy spans of it instead of
// transcoding. Pure: builds the ffmpeg arguments; running them belongs to whoever owns the job.
import { COMMON_ARGS, encodeArgs, fileInputArgs, fileUrl, lavfiInputArgs } from './ffmpeg-args.js';
import { chain, renderGraph } from './ffmpeg-filtergraph.js';
import { gopFrames, parseFrameRate, seconds, type StreamFormat } from './ffmpeg-format.js';
import { normalizeAudio, normalizeVideo, silenceSource } from './ffmpeg-normalize.js';

export interface RenditionJob {
  readonly sourcePath: string;
  /** False for a source without an audio stream: the rendition gets silence. */
  readonly sourceHasAudio: boolean;
  /** The source's duration as probed: the rendition is exactly this long (silence pads short audio). */
  readonly durationMs: number;
  readonly format: StreamFormat;
  /** Written as MP4 (an index makes copy seeks exact and fast); write to a temporary name and rename. */
  readonly outputPath: string;
}

/**
 * @example
 * await runFfmpegJob(renditionArgs({ sourcePath, sourceHasAudio: true, format: profile, outputPath: `${target}.partial.mp4` }))
 */
export function renditionArgs(job: RenditionJob): string[] {
  const audioInput = job.sourceHasAudio ? [] : lavfiInputArgs(renderGraph([chain([], [silenceSource(job.format)], [])]));
  const graph = renderGraph([
    chain(['0:v:0'], normalizeVideo(job.format), ['v']),
    // apad in normalizeAudio never ends and -shortest does not stop a complex graph: -t bounds both.
    chain([job.sourceHasAudio ? '0:a:0' : '1:a'], normalizeAudio(job.format), ['a']),
  ]);
  return [
    ...COMMON_ARGS, '-y', ...fileInputArgs(job.sourcePath, 0), ...audioInput,
    '-filter_complex', graph, '-map', '[v]', '-map', '[a]', '-t', seconds(job.durationMs),
    ...encodeArgs(job.format, { preset: 'veryfast', zeroLatency: false }),
    '-map_chapters', '-1', '-map_metadata', '-1', '-movflags', '+faststart', '-f', 'mp4', fileUrl(job.outputPath),
  ];
}

/** The key-frame interval a rendition of this format has, in frames (the copy engine cuts on it). */
export function renditionGopFrames(format: StreamFormat): number {
  return gopFrames(parseFrameRate(format.frameRate));
}
