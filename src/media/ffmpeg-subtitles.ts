// Burning subtitles into a channel's picture at the channel's resolution: text ones through libass,
// image ones overlaid. Pure: builds graph chains and the extra inputs they read.
import type { FilterChain } from './ffmpeg-filtergraph.js';
import type { StreamFormat } from './ffmpeg-format.js';
import type { SubtitleBurn } from './source-treatment.js';

export interface SubtitleBurnRequest {
  /** The label of the video to burn into, already normalised to `format`. */
  readonly video: string;
  readonly subtitles: SubtitleBurn;
  /** The source file (input 0 of the command) and how far into it the piece starts. */
  readonly sourcePath: string;
  readonly seekMs: number;
  readonly format: StreamFormat;
  /** The index the next extra input (after those already on the command) would get. */
  readonly nextInput: number;
}

export interface SubtitleBurnGraph {
  readonly chains: FilterChain[];
  /** The label of the video with subtitles burned in. */
  readonly output: string;
  /** Input arguments to append to the command (e.g. a sidecar file), in order. */
  readonly inputArgs: string[];
}

export function burnSubtitles(request: SubtitleBurnRequest): SubtitleBurnGraph {
  return { chains: [], output: request.video, inputArgs: [] }; // TODO(issue 17)
}
