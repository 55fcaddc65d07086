// The full argument list of one ffmpeg that turns a span of a source (a file, a rendition, or synthetic
// media) into an MPEG-TS piece of a channel, written to stdout. A piece is what the playout engine splices;
// these functions only say how to make one. Pure.
import { COMMON_ARGS, encodeArgs, fileInputArgs, imageInputArgs, lavfiInputArgs, mpegtsOutputArgs } from './ffmpeg-args.js';
import { decorateVideo, type Decoration } from './ffmpeg-decorations.js';
import { chain, filter, renderGraph, type Filter, type FilterChain } from './ffmpeg-filtergraph.js';
import { seconds, type StreamFormat } from './ffmpeg-format.js';
import { normalizeAudio, silenceSource } from './ffmpeg-normalize.js';
import { sourceVideo } from './ffmpeg-source-video.js';
import { syntheticGraphs, type SyntheticPicture } from './ffmpeg-synthetic.js';
import { loudnessFilters } from './ffmpeg-loudness.js';
import { plainTreatment, type SourceTreatment } from './source-treatment.js';

export type PieceSource =
  /**
   * `audio: 'silence'` for a file without an audio stream. `treatment` (default: the first audio track as it
   * is) says which track airs, which subtitles are burned in, the loudness gain and any tone mapping.
   */
  | {
      readonly kind: 'file'; readonly path: string; readonly seekMs: number; readonly audio: 'source' | 'silence';
      readonly treatment?: SourceTreatment;
    }
  | { readonly kind: 'synthetic'; readonly picture: SyntheticPicture; readonly text?: string | undefined };

export interface TranscodePiece {
  readonly source: PieceSource;
  readonly format: StreamFormat;
  /** How much to produce; the output stops there. */
  readonly durationMs: number;
  readonly decorations: readonly Decoration[];
  /** A fade from black and silence at the start (a `fade` transition). */
  readonly fadeInMs?: number;
  /** A source that ends early has its last frame held this long before the piece comes up short. */
  readonly holdLastFrameMs?: number;
  /** False where drawtext is unusable: text decorations and captions are left out. */
  readonly drawText?: boolean;
}

/**
 * @example
 * spawnTied('ffmpeg', transcodePieceArgs({ source: { kind: 'file', path, seekMs: 90_000, audio: 'source' },
 *   format: defaultOutputProfile, durationMs: 30_000, decorations: [] }), { stdio: ['ignore', 'pipe', 'pipe'] })
 */
export function transcodePieceArgs(piece: TranscodePiece): string[] {
  const args = [...COMMON_ARGS];
  const chains: FilterChain[] = [];
  const drawText = piece.drawText ?? true;
  const decorations = drawText ? piece.decorations : piece.decorations.filter((d) => d.kind === 'image' || d.kind === 'vhs');
  let video: string;
  let audio: string;
  let nextInput = 1;
  if (piece.source.kind === 'file') {
    const { path, seekMs } = piece.source;
    const treatment = piece.source.treatment ?? plainTreatment;
    args.push(...fileInputArgs(path, seekMs));
    const hold = piece.holdLastFrameMs ?? 0;
    const picture = sourceVideo({ sourcePath: path, seekMs, format: piece.format, treatment, output: 'vnorm', nextInput, ...(hold > 0 ? { padSeconds: hold / 1000 } : {}) });
    args.push(...picture.inputArgs);
    chains.push(...picture.chains);
    nextInput += picture.inputArgs.filter((a) => a === '-i').length;
    if (piece.source.audio === 'source' && treatment.audioStream !== undefined) {
      chains.push(chain([`0:a:${treatment.audioStream}`], normalizeAudio(piece.format, loudnessFilters(treatment.loudness)), ['anorm']));
    } else {
      chains.push(chain([], [silenceSource(piece.format)], ['anorm']));
    }
    video = 'vnorm';
    audio = 'anorm';
  } else {
    const graphs = syntheticGraphs(piece.source.picture, piece.format, { text: piece.source.text, drawText });
    args.push(...lavfiInputArgs(graphs.video), ...lavfiInputArgs(graphs.audio));
    video = '0:v';
    audio = '1:a';
    nextInput = 2;
  }
  const decorated = decorateVideo(video, decorations, piece.format, nextInput);
  for (const image of decorated.imageInputs) args.push(...imageInputArgs(image));
  chains.push(...decorated.chains);
  video = decorated.output;
  const fade = fadeIn(piece.fadeInMs ?? 0);
  if (fade !== undefined) {
    chains.push(chain([video], [fade.video], ['vfade']), chain([audio], [fade.audio], ['afade']));
    video = 'vfade';
    audio = 'afade';
  }
  // An input stream (a synthetic piece without decorations) is mapped as `0:v`, a graph output as `[label]`.
  const mapOf = (label: string) => (label.includes(':') ? label : `[${label}]`);
  if (chains.length > 0) args.push('-filter_complex', renderGraph(chains));
  args.push('-map', mapOf(video), '-map', mapOf(audio), '-t', seconds(piece.durationMs));
  args.push(...encodeArgs(piece.format, { preset: 'ultrafast', zeroLatency: true }), ...mpegtsOutputArgs('pipe:1'));
  return args;
}

function fadeIn(ms: number): { video: Filter; audio: Filter } | undefined {
  if (ms <= 0) return undefined;
  const d = ms / 1000;
  return { video: filter('fade', { t: 'in', st: 0, d }), audio: filter('afade', { t: 'in', st: 0, d }) };
}

export interface CopyPiece {
  /** A rendition already in the channel's format (see renditionArgs). */
  readonly path: string;
  readonly seekMs: number;
  readonly durationMs: number;
}

/** A span of a rendition re-muxed without transcoding: the cheap path for a channel. */
export function copyPieceArgs(piece: CopyPiece): string[] {
  return [
    ...COMMON_ARGS, ...fileInputArgs(piece.path, piece.seekMs),
    '-map', '0:v:0', '-map', '0:a:0', '-c', 'copy', '-t', seconds(piece.durationMs),
    ...mpegtsOutputArgs('pipe:1'),
  ];
}
