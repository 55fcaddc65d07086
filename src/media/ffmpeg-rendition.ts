// A rendition: a whole source file normalised once, offline, to a channel's StreamFormat with the same
// codecs, key-frame grid and stream layout as live pieces, so playout can copy spans of it instead of
// transcoding. Pure: builds the ffmpeg arguments; running them belongs to whoever owns the job.
import { COMMON_ARGS, encodeArgs, fileInputArgs, fileUrl, lavfiInputArgs } from './ffmpeg-args.js';
import { chain, renderGraph } from './ffmpeg-filtergraph.js';
import { gopFrames, parseFrameRate, seconds, type StreamFormat } from './ffmpeg-format.js';
import { normalizeAudio, silenceSource } from './ffmpeg-normalize.js';
import { sourceVideo } from './ffmpeg-source-video.js';
import { loudnessFilters } from './ffmpeg-loudness.js';
import { plainTreatment, type SourceTreatment } from './source-treatment.js';

export interface RenditionJob {
  readonly sourcePath: string;
  /** False for a source without an audio stream: the rendition gets silence. */
  readonly sourceHasAudio: boolean;
  /** The source's duration as probed: the rendition is exactly this long (silence pads short audio). */
  readonly durationMs: number;
  readonly format: StreamFormat;
  /** Written as MP4 (an index makes copy seeks exact and fast); write to a temporary name and rename. */
  readonly outputPath: string;
  /** The treatment live pieces would give the source (its key is recorded with the rendition). */
  readonly treatment?: SourceTreatment;
}

/**
 * @example
 * await runFfmpegJob(renditionArgs({ sourcePath, sourceHasAudio: true, format: profile, outputPath: `${target}.partial.mp4` }))
 */
export function renditionArgs(job: RenditionJob): string[] {
  const treatment = job.treatment ?? plainTreatment;
  const hasAudio = job.sourceHasAudio && treatment.audioStream !== undefined;
  const audioInput = hasAudio ? [] : lavfiInputArgs(renderGraph([chain([], [silenceSource(job.format)], [])]));
  const picture = sourceVideo({ sourcePath: job.sourcePath, seekMs: 0, format: job.format, treatment, output: 'v', nextInput: hasAudio ? 1 : 2 });
  const chains = [
    ...picture.chains,
    // apad in normalizeAudio never ends and -shortest does not stop a complex graph: -t bounds both.
    chain([hasAudio ? `0:a:${treatment.audioStream}` : '1:a'], normalizeAudio(job.format, hasAudio ? loudnessFilters(treatment.loudness) : []), ['a']),
  ];
  return [
    ...COMMON_ARGS, '-y', ...fileInputArgs(job.sourcePath, 0), ...audioInput, ...picture.inputArgs,
    '-filter_complex', renderGraph(chains), '-map', '[v]', '-map', '[a]', '-t', seconds(job.durationMs),
    ...encodeArgs(job.format, { preset: 'veryfast', zeroLatency: false }),
    '-map_chapters', '-1', '-map_metadata', '-1', '-movflags', '+faststart', '-f', 'mp4', fileUrl(job.outputPath),
  ];
}

/** The key-frame interval a rendition of this format has, in frames (the copy engine cuts on it). */
export function renditionGopFrames(format: StreamFormat): number {
  return gopFrames(parseFrameRate(format.frameRate));
}
