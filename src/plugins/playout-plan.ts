// The PlayoutPlan: what AIR must play, built by a Producer from PlaylogEvents at "now" and decorated by
// playout enrichers. A plain value (JSON on AIR's stdin), defined here so plugins never import src/playout.
// Instants are epoch milliseconds (UTC), durations milliseconds.
import type { StreamFormat } from '../media/ffmpeg-format.js';
import type { SourceTreatment } from '../media/source-treatment.js';
import type { SyntheticKind } from './playlog-event.js';

/** The channel's output, a named StreamFormat: every segment is normalised to it. */
export interface OutputProfile extends StreamFormat {
  readonly name: string;
}

export const defaultOutputProfile: OutputProfile = {
  name: 'sd-480p30',
  width: 640,
  height: 480,
  frameRate: '30000/1001',
  audioSampleRate: 48000,
  audioChannels: 2,
  videoBitrateKbps: 1500,
  audioBitrateKbps: 128,
};

/** A copy of an asset normalised to an output profile, and the source file it was made from. */
export interface Rendition {
  readonly path: string;
  readonly profile: string;
  readonly sourceSizeBytes: number;
  /** The source file's mtime (epoch ms, truncated) when the rendition was made. */
  readonly sourceMtimeMs: number;
  /**
   * The treatment it was made with (treatmentKey): copied only into a segment of that same treatment.
   * Absent: the plain one (the first audio track, as it is).
   */
  readonly treatmentKey?: string;
}

export type SegmentSource =
  | {
      readonly kind: 'asset';
      readonly assetId: string;
      /** The asset's file as the catalog has it now. */
      readonly path: string;
      /** Played (with `-c copy`) only while valid: see src/catalog/playable-file.ts. */
      readonly rendition?: Rendition;
      /** How the file airs on this channel (audio track, subtitles, loudness, tone map); absent: as it is. */
      readonly treatment?: SourceTreatment;
    }
  | { readonly kind: 'synthetic'; readonly synthetic: SyntheticKind; readonly text?: string }
  /** An asset the catalog no longer has (or no longer has ready): AIR airs slate and reports `reason`. */
  | { readonly kind: 'unavailable'; readonly assetId: string; readonly reason: string };

export type Transition = { readonly kind: 'cut' } | { readonly kind: 'fade'; readonly durationMs: number };

export interface PlayoutSegment {
  readonly source: SegmentSource;
  /** Offset into the source where playback starts (a mid-show join starts past the event's own in-point). */
  readonly inPointMs: number;
  readonly durationMs: number;
  /** Wall-clock instant the segment is due on air. */
  readonly startsAtMs: number;
  /** The PlaylogEvent this segment realises (null for plans not built from a playlog, e.g. test-pattern). */
  readonly playlogEventId: string | null;
  readonly title: string;
  readonly transitionIn: Transition;
}

export type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

/** A wall-clock window a directive applies in; absent bounds mean "from the start" / "to the end". */
export interface DirectiveWindow {
  readonly fromMs?: number;
  readonly toMs?: number;
}

/** How the output looks, never what airs: overlays and filters AIR adds to every segment they overlap. */
export type FilterDirective =
  | ({ readonly kind: 'image-overlay'; readonly imagePath: string; readonly corner: Corner; readonly opacity: number; readonly marginPx: number } & DirectiveWindow)
  | ({ readonly kind: 'lower-third'; readonly text: string } & DirectiveWindow)
  | ({ readonly kind: 'crawl'; readonly text: string; readonly speedPxPerSecond: number } & DirectiveWindow)
  | ({ readonly kind: 'vhs'; readonly noise: number; readonly chromaShiftPx: number; readonly blur: number; readonly scanlines: boolean } & DirectiveWindow);

export interface PlayoutPlan {
  readonly channelId: string;
  readonly profile: OutputProfile;
  /** Ordered and contiguous: each segment starts where the previous one ends. */
  readonly segments: readonly PlayoutSegment[];
  readonly directives: readonly FilterDirective[];
  readonly builtAtMs: number;
}
