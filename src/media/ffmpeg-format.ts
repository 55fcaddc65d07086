// The format every piece of a channel's output is normalised to, and the timing arithmetic that follows
// from it (frames, 90 kHz ticks, AAC frames). A channel's OutputProfile is a named StreamFormat.

export interface StreamFormat {
  readonly width: number;
  readonly height: number;
  /** A fraction such as "30000/1001", or an integer such as "25". */
  readonly frameRate: string;
  readonly audioSampleRate: number;
  readonly audioChannels: number;
  readonly videoBitrateKbps: number;
  readonly audioBitrateKbps: number;
}

export interface Rational {
  readonly num: number;
  readonly den: number;
}

/** MPEG-TS timestamps run at 90 kHz. */
export const TICKS_PER_SECOND = 90_000;
/** Samples in one AAC-LC frame. */
export const AAC_FRAME_SAMPLES = 1024;

export function parseFrameRate(frameRate: string): Rational {
  const match = /^(\d{1,6})(?:\/(\d{1,6}))?$/.exec(frameRate.trim());
  const num = Number(match?.[1]);
  const den = Number(match?.[2] ?? 1);
  if (!match || num <= 0 || den <= 0 || num / den < 1 || num / den > 120) {
    throw new RangeError(`frame rate "${frameRate}" is not a fraction between 1 and 120 fps such as 30000/1001`);
  }
  return { num, den };
}

/** Where frame `n` starts, in 90 kHz ticks (rounded as ffmpeg rounds each frame's timestamp). */
export function ticksOfFrames(frames: number, rate: Rational): number {
  return Math.round((frames * TICKS_PER_SECOND * rate.den) / rate.num);
}

export function frameTicks(rate: Rational): number {
  return (TICKS_PER_SECOND * rate.den) / rate.num;
}

export function aacFrameTicks(sampleRate: number): number {
  return (AAC_FRAME_SAMPLES * TICKS_PER_SECOND) / sampleRate;
}

/** Key frame interval: one second of frames, so a viewer joining mid-stream waits at most a second. */
export function gopFrames(rate: Rational): number {
  return Math.max(1, Math.round(rate.num / rate.den));
}

/** ffmpeg's name of the channel layout for a channel count. */
export function channelLayoutOf(channels: number): string {
  switch (channels) {
    case 1:
      return 'mono';
    case 2:
      return 'stereo';
    case 6:
      return '5.1';
    default:
      throw new RangeError(`${channels} audio channels: a profile has 1 (mono), 2 (stereo) or 6 (5.1)`);
  }
}

/** Seconds as ffmpeg reads them on a command line: fixed point, never an exponent. */
export function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
