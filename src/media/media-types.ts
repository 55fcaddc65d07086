// The media value types: what a file holds, as ffprobe finds it, the catalog stores it and playout reads it.
// Defined once here; the database schema, the catalog, plugins and playout all use these.

export type ScanType = 'progressive' | 'interlaced' | 'unknown';

export interface VideoStream {
  codec: string;
  width: number;
  height: number;
  /** Frames per second rounded to 3 decimals, e.g. 29.97. */
  frameRate: number;
  /** Exact rate as ffprobe spells it, e.g. "30000/1001". */
  frameRateFraction: string;
  scan: ScanType;
  /** Transfer characteristic as ffprobe names it (color_transfer): "smpte2084" is PQ, "arib-std-b67" HLG. */
  transfer?: string;
  /** ffprobe's pix_fmt, e.g. "yuv420p10le". */
  pixelFormat?: string;
}

export interface AudioStream {
  codec: string;
  channels: number;
  sampleRate: number;
  layout?: string;
  /** ISO 639-2 language the file declares (lowercase, e.g. "eng"); absent when untagged or "und". */
  language?: string;
  /** The file marks this track as the one to play by default. */
  isDefault?: boolean;
  title?: string;
  /** EBU R 128 loudness of this track, measured once by the `loudness` ingest enricher. */
  loudness?: Loudness;
}

/** Integrated loudness and true peak of one audio track (EBU R 128 / ITU-R BS.1770). */
export interface Loudness {
  integratedLufs: number;
  truePeakDbtp: number;
}

/** Text subtitles (SRT, ASS/SSA, mov_text) render through libass; image ones (PGS, VobSub, DVB) are overlaid. */
export type SubtitleFormat = 'text' | 'image';

/** A subtitle track of an asset: a stream of its file, or a sidecar file beside it found at ingest. */
export interface SubtitleTrack {
  /** Embedded: its index among the file's subtitle streams (ffmpeg `0:s:N`); external: the sidecar's path. */
  source: { kind: 'embedded'; index: number } | { kind: 'external'; path: string };
  /** ffprobe's codec name: subrip, ass, mov_text, hdmv_pgs_subtitle, dvd_subtitle, dvb_subtitle, … */
  codec: string;
  format: SubtitleFormat;
  /** ISO 639-2 language (lowercase); absent when untagged. */
  language?: string;
  /** Forced subtitles translate only what the audio does not (signs, foreign dialogue). */
  forced: boolean;
  isDefault: boolean;
}

/** A chapter mark: a breakpoint a schedule may split a program at. */
export interface Chapter {
  startMs: number;
  endMs: number;
  title?: string;
}
