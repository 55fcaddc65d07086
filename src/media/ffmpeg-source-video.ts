// The chains that take a source file's video (input 0) to a channel's normalised picture: fitted (and
// tone-mapped), subtitles burned in, padded to the frame. Shared by live pieces and renditions. Pure.
import type { FilterChain } from './ffmpeg-filtergraph.js';
import { chain } from './ffmpeg-filtergraph.js';
import type { StreamFormat } from './ffmpeg-format.js';
import { fitVideo, frameVideo, normalizeVideo } from './ffmpeg-normalize.js';
import { burnSubtitles } from './ffmpeg-subtitles.js';
import type { SourceTreatment } from './source-treatment.js';

export interface SourceVideoRequest {
  readonly sourcePath: string;
  /** Where input 0 was seeked to (with an input `-ss`). */
  readonly seekMs: number;
  readonly format: StreamFormat;
  readonly treatment: SourceTreatment;
  /** Seconds to hold the last frame if the source ends early. */
  readonly padSeconds?: number;
  /** The label the normalised picture gets. */
  readonly output: string;
  /** The index the next extra input of the command would get. */
  readonly nextInput: number;
}

export interface SourceVideo {
  readonly chains: FilterChain[];
  /** Input arguments to append after those already on the command. */
  readonly inputArgs: string[];
}

export function sourceVideo(request: SourceVideoRequest): SourceVideo {
  const { format, treatment, output } = request;
  const options = { toneMap: treatment.toneMap, ...(request.padSeconds !== undefined ? { padSeconds: request.padSeconds } : {}) };
  if (treatment.subtitles === undefined) {
    return { chains: [chain(['0:v:0'], normalizeVideo(format, options), [output])], inputArgs: [] };
  }
  const burn = burnSubtitles({
    video: 'vfit', subtitles: treatment.subtitles, sourcePath: request.sourcePath, seekMs: request.seekMs, format, nextInput: request.nextInput,
  });
  return {
    chains: [chain(['0:v:0'], fitVideo(format, options), ['vfit']), ...burn.chains, chain([burn.output], frameVideo(format, options), [output])],
    inputArgs: burn.inputArgs,
  };
}
