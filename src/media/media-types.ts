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
}

export interface AudioStream {
  codec: string;
  channels: number;
  sampleRate: number;
  layout?: string;
}

/** A chapter mark: a breakpoint a schedule may split a program at. */
export interface Chapter {
  startMs: number;
  endMs: number;
  title?: string;
}
