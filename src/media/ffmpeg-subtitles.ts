// Burning subtitles into a channel's picture: text ones rendered by libass, image ones (PGS, VobSub, DVB)
// overlaid. They go onto the source's picture once it is fitted to the channel's frame and before it is
// padded, so both kinds keep their place on the picture whatever letterboxing follows. Pure: builds
// graph chains and the extra inputs they read.
import { fileUrl } from './ffmpeg-args.js';
import { chain, filter, type FilterChain } from './ffmpeg-filtergraph.js';
import type { StreamFormat } from './ffmpeg-format.js';
import type { SubtitleBurn } from './source-treatment.js';

export interface SubtitleBurnRequest {
  /** The label of the video to burn into: the source's picture fitted inside `format` (see fitVideo), not yet padded. */
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

/**
 * @example
 * burnSubtitles({ video: 'vfit', subtitles: { kind: 'external', path: '/media/Film.eng.srt' },
 *   sourcePath: '/media/Film.mkv', seekMs: 600_000, format, nextInput: 1 })
 */
export function burnSubtitles(request: SubtitleBurnRequest): SubtitleBurnGraph {
  const burn = request.subtitles;
  switch (burn.kind) {
    case 'external':
      return renderText(request, burn.path, undefined);
    case 'embedded':
      return burn.format === 'text' ? renderText(request, request.sourcePath, burn.index) : overlayImages(request, burn.index);
  }
}

/**
 * libass reads the cues itself, at source time, while input 0 was seeked so its frames start at 0: the
 * frames are moved to source time for the render and back after it. libass scales the text with the
 * picture's height (SRT's default style: a 16-pixel font on a 288-line canvas).
 * Limits: libass reads every cue when the filter starts, i.e. the whole container for an embedded track
 * (a cached 460 MB MKV: +240 ms to the first byte; a cold multi-GB movie: seconds), so a track worth
 * airing live is better extracted to a sidecar once; and cue times are the file's own timestamps, right
 * for MKV and MP4, off by the start time of a container whose clock does not start at 0 (MPEG-TS).
 */
function renderText(request: SubtitleBurnRequest, path: string, streamIndex: number | undefined): SubtitleBurnGraph {
  const shift = (request.seekMs / 1000).toFixed(3);
  const filters = [filter('subtitles', { filename: fileUrl(path), si: streamIndex })];
  if (request.seekMs > 0) {
    filters.unshift(filter('setpts', { expr: `PTS+${shift}/TB` }));
    filters.push(filter('setpts', { expr: `PTS-${shift}/TB` }));
  }
  return { chains: [chain([request.video], filters, ['vsubs'])], output: 'vsubs', inputArgs: [] };
}

/**
 * ffmpeg paints bitmap subtitles on a canvas the size of the source's frame (sub2video), timed like the
 * video it was seeked with; the canvas is scaled onto the fitted picture (exact when the canvas is the
 * video's frame, as on discs; a Blu-ray rip cropped to 1920×800 under a 1080-line PGS canvas would be squashed).
 * `eof_action=pass`: a file whose subtitles end keeps its picture. A cue that began before the seek point
 * misses the first few frames of the piece (ffmpeg trims the canvas painted before 0 and repaints it late).
 */
function overlayImages(request: SubtitleBurnRequest, streamIndex: number): SubtitleBurnGraph {
  return {
    chains: [
      chain([`0:s:${streamIndex}`, request.video], [filter('scale2ref')], ['subcanvas', 'subpicture']),
      chain(['subpicture', 'subcanvas'], [filter('overlay', { eof_action: 'pass' })], ['vsubs']),
    ],
    output: 'vsubs',
    inputArgs: [],
  };
}
