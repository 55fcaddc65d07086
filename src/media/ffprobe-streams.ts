// One ffprobe stream (its JSON, only the fields we read) as a media value: video, audio, subtitle track.
// Pure; ffprobe.ts runs the tool and judges the file as a whole.
import { normaliseLanguage } from './iso639.js';
import type { AudioStream, SubtitleFormat, SubtitleTrack, VideoStream } from './media-types.js';

export type FfprobeStream = {
  index?: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  field_order?: string;
  pix_fmt?: string;
  color_transfer?: string;
  channels?: number;
  sample_rate?: string;
  channel_layout?: string;
  duration?: string;
  disposition?: { attached_pic?: number; default?: number; forced?: number };
  tags?: Record<string, string>;
};

export function toVideo(s: FfprobeStream): VideoStream | undefined {
  const rate = frameRateOf(s);
  if (!s.width || !s.height || rate === undefined) return undefined;
  const video: VideoStream = {
    codec: s.codec_name ?? 'unknown',
    width: s.width,
    height: s.height,
    frameRate: Math.round(rate.value * 1000) / 1000,
    frameRateFraction: rate.fraction,
    scan: scanOf(s.field_order),
  };
  // "unknown" says nothing: such a file is treated as SDR, as players treat it.
  if (s.color_transfer && s.color_transfer !== 'unknown') video.transfer = s.color_transfer;
  if (s.pix_fmt) video.pixelFormat = s.pix_fmt;
  return video;
}

// avg_frame_rate is the nominal rate for most files; r_frame_rate is a timestamp-precision guess
// that reads 60000/1001 for interlaced 29.97 material, so it is only the fallback.
function frameRateOf(s: FfprobeStream): { value: number; fraction: string } | undefined {
  for (const candidate of [s.avg_frame_rate, s.r_frame_rate]) {
    const match = /^(\d+)\/(\d+)$/.exec(candidate ?? '');
    const num = Number(match?.[1]);
    const den = Number(match?.[2]);
    if (num > 0 && den > 0) return { value: num / den, fraction: `${num}/${den}` };
  }
  return undefined;
}

function scanOf(fieldOrder: string | undefined): VideoStream['scan'] {
  switch (fieldOrder) {
    case 'progressive':
      return 'progressive';
    case 'tt':
    case 'bb':
    case 'tb':
    case 'bt':
      return 'interlaced';
    default:
      return 'unknown';
  }
}

export function toAudio(s: FfprobeStream): AudioStream {
  const audio: AudioStream = { codec: s.codec_name ?? 'unknown', channels: s.channels ?? 0, sampleRate: Number(s.sample_rate ?? 0) };
  if (s.channel_layout) audio.layout = s.channel_layout;
  const language = normaliseLanguage(tag(s, 'language'));
  if (language !== undefined) audio.language = language;
  audio.isDefault = s.disposition?.default === 1;
  const title = tag(s, 'title');
  if (title) audio.title = title;
  return audio;
}

/**
 * How ffmpeg can burn a subtitle codec in: text codecs decode to ASS and render through libass (the
 * `subtitles` filter), image codecs are overlaid. Any other codec (closed captions such as eia_608 inside the
 * video, teletext, an unknown one) has no renderer here, so it is no track a channel can choose.
 */
export function subtitleFormatOf(codec: string): SubtitleFormat | undefined {
  if (imageCodecs.has(codec)) return 'image';
  if (textCodecs.has(codec)) return 'text';
  return undefined;
}

const imageCodecs: ReadonlySet<string> = new Set(['hdmv_pgs_subtitle', 'dvd_subtitle', 'dvb_subtitle', 'xsub']);
const textCodecs: ReadonlySet<string> = new Set([
  'subrip', 'srt', 'ass', 'ssa', 'mov_text', 'webvtt', 'text',
  // Less common text formats ffmpeg decodes to ASS just the same.
  'microdvd', 'subviewer', 'subviewer1', 'sami', 'realtext', 'mpl2', 'pjs', 'vplayer', 'jacosub', 'stl',
]);

/** The file's subtitle streams a channel can burn in, each with its index among all subtitle streams (`0:s:N`). */
export function toSubtitles(streams: readonly FfprobeStream[]): SubtitleTrack[] {
  const tracks: SubtitleTrack[] = [];
  streams
    .filter((s) => s.codec_type === 'subtitle')
    .forEach((s, index) => {
      const codec = s.codec_name ?? 'unknown';
      const format = subtitleFormatOf(codec);
      if (format === undefined) return;
      const track: SubtitleTrack = {
        source: { kind: 'embedded', index },
        codec,
        format,
        forced: s.disposition?.forced === 1,
        isDefault: s.disposition?.default === 1,
      };
      const language = normaliseLanguage(tag(s, 'language'));
      if (language !== undefined) track.language = language;
      tracks.push(track);
    });
  return tracks;
}

/** A stream tag, whatever its case (Matroska writes "language", some muxers "LANGUAGE"). */
function tag(s: FfprobeStream, name: string): string | undefined {
  const tags = s.tags ?? {};
  const value = tags[name] ?? tags[name.toUpperCase()];
  return value?.trim() || undefined;
}
