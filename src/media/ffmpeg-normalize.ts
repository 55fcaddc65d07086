// Filters that bring any decoded source to a StreamFormat: square pixels, fitted and padded (never
// stretched) to the frame, the profile's frame rate and pixel format; audio resampled, laid out and
// timed from zero. Pure.
import { channelLayoutOf, parseFrameRate, type StreamFormat } from './ffmpeg-format.js';
import { filter, type Filter } from './ffmpeg-filtergraph.js';
import { toneMapFilters } from './ffmpeg-tonemap.js';
import type { ToneMap } from './source-treatment.js';

/**
 * Video: deinterlace only frames flagged interlaced, make pixels square (anamorphic DVD rips), fit inside
 * the frame keeping the aspect, pad the rest black, then the profile's rate from t=0 (a late first frame
 * is repeated back to zero) and yuv420p. `padSeconds` clones the last frame that long if the source ends early.
 * `toneMap` maps HDR to SDR once the picture is fitted (still in the source's bit depth): the float maths
 * then runs on the profile's pixels, not the source's (a 1080p source on an SD channel: 1/6 of them).
 */
export function normalizeVideo(format: StreamFormat, options: NormalizeVideoOptions = {}): Filter[] {
  return [...fitVideo(format, options), ...frameVideo(format, options)];
}

export interface NormalizeVideoOptions {
  readonly padSeconds?: number;
  readonly toneMap?: ToneMap | undefined;
}

/** The first half of normalizeVideo: the source's picture, SDR, square-pixelled and fitted inside the frame. */
export function fitVideo(format: StreamFormat, options: NormalizeVideoOptions = {}): Filter[] {
  return [
    filter('yadif', { mode: 'send_frame', deint: 'interlaced' }),
    filter('scale', { w: 'trunc(iw*sar/2)*2', h: 'trunc(ih/2)*2' }),
    filter('setsar', { sar: 1 }),
    filter('scale', { w: format.width, h: format.height, force_original_aspect_ratio: 'decrease', force_divisible_by: 2 }),
    ...toneMapFilters(options.toneMap),
  ];
}

/** The second half: the fitted picture padded to the frame, at the profile's rate and pixel format. */
export function frameVideo(format: StreamFormat, options: NormalizeVideoOptions = {}): Filter[] {
  const rate = parseFrameRate(format.frameRate);
  const filters = [
    filter('pad', { w: format.width, h: format.height, x: '(ow-iw)/2', y: '(oh-ih)/2', color: 'black' }),
    filter('setsar', { sar: 1 }),
    filter('fps', { fps: `${rate.num}/${rate.den}`, start_time: 0 }),
    filter('format', { pix_fmts: 'yuv420p' }),
  ];
  if (options.padSeconds !== undefined && options.padSeconds > 0) {
    filters.push(filter('tpad', { stop_mode: 'clone', stop_duration: options.padSeconds }));
  }
  return filters;
}

/**
 * Audio: resampled to the profile's rate with small drifts corrected, silence inserted before a late first
 * sample, down- or up-mixed to the profile's layout, then `treatment` (a loudness gain), and padded with silence past the source's end
 * (the output's duration bounds it).
 */
export function normalizeAudio(format: StreamFormat, treatment: readonly Filter[] = []): Filter[] {
  return [
    filter('aresample', { osr: format.audioSampleRate, async: 1, first_pts: 0 }),
    filter('aformat', { sample_fmts: 'fltp', sample_rates: format.audioSampleRate, channel_layouts: channelLayoutOf(format.audioChannels) }),
    // The loudness gain and limiter act on what airs: after a 5.1 track is downmixed, whose sum raises peaks.
    ...treatment,
    filter('apad'),
  ];
}

/** Silence in the profile's layout, for sources without audio. */
export function silenceSource(format: StreamFormat): Filter {
  return filter('anullsrc', { r: format.audioSampleRate, cl: channelLayoutOf(format.audioChannels) });
}
