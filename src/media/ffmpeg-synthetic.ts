// Pictures and sound made by ffmpeg itself (lavfi) rather than read from a file: the slate shown when
// something is wrong, SMPTE bars and tone, a test card and a station ident. Pure; each returns the two
// lavfi input graphs (video, audio) already in the StreamFormat.
import { chain, filter, renderGraph, type Filter } from './ffmpeg-filtergraph.js';
import { channelLayoutOf, parseFrameRate, type StreamFormat } from './ffmpeg-format.js';

export type SyntheticPicture = 'slate' | 'color-bars' | 'test-card' | 'station-id';

export interface SyntheticGraphs {
  /** A lavfi graph for `-f lavfi -i`. */
  readonly video: string;
  readonly audio: string;
}

export interface SyntheticOptions {
  /** Text drawn on the picture (the slate's message, the station's name). */
  readonly text?: string | undefined;
  /** False where ffmpeg has no usable drawtext: the picture then carries no text. */
  readonly drawText?: boolean;
}

/**
 * @example
 * const { video, audio } = syntheticGraphs('slate', format, { text: 'We will be right back' });
 * // ['-f', 'lavfi', '-i', video, '-f', 'lavfi', '-i', audio, …]
 */
export function syntheticGraphs(picture: SyntheticPicture, format: StreamFormat, options: SyntheticOptions = {}): SyntheticGraphs {
  const rate = parseFrameRate(format.frameRate);
  const size = `${format.width}x${format.height}`;
  const r = `${rate.num}/${rate.den}`;
  const drawText = options.drawText ?? true;
  const caption = (text: string, scale: number, y: string): Filter[] =>
    drawText ? [filter('drawtext', { text: oneLine(text), expansion: 'none', fontcolor: 'white', fontsize: Math.round(format.height * scale), x: '(w-tw)/2', y })] : [];
  let video: Filter[];
  let tone: number | undefined;
  switch (picture) {
    case 'slate':
      video = [filter('color', { c: '0x1b2238', s: size, r }), ...caption(options.text ?? 'Please stand by', 0.07, '(h-th)/2')];
      break;
    case 'color-bars':
      video = [filter('smptebars', { s: size, r })];
      tone = 1000; // bars and tone, as a station lines up its chain
      break;
    case 'test-card':
      video = [filter('testsrc2', { s: size, r }), ...(options.text === undefined ? [] : caption(options.text, 0.06, 'h-th-12'))];
      break;
    case 'station-id':
      video = [filter('color', { c: '0x0b3d2e', s: size, r }), ...caption(options.text ?? 'RetroVue', 0.12, '(h-th)/2')];
      break;
  }
  video.push(filter('format', { pix_fmts: 'yuv420p' }));
  const layout = channelLayoutOf(format.audioChannels);
  const audio = tone === undefined
    ? [filter('anullsrc', { r: format.audioSampleRate, cl: layout })]
    : [filter('sine', { frequency: tone, sample_rate: format.audioSampleRate }), filter('volume', { volume: BARS_TONE_VOLUME }),
        filter('aformat', { sample_fmts: 'fltp', channel_layouts: layout })];
  return { video: renderGraph([chain([], video, [])]), audio: renderGraph([chain([], audio, [])]) };
}

/**
 * The lineup tone under colour bars airs at −24 LUFS (ATSC A/85), level with the programmes around it: sine's
 * own amplitude is 1/8, and at 0.71 of that the stereo tone measures −24.0 LUFS.
 */
const BARS_TONE_VOLUME = 0.71;

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim() || ' ';
}
