// The piece on air and where it is in its life, as one union: cued until its first packets go out (its
// start is reported with them), airing after; the engine may end it early. Why a piece came up short is
// worded here too. Pure.
import type { PieceProcess } from './piece-process.js';
import type { QueuedPiece } from './piece-queue.js';
import type { PieceSplice } from './ts-splicer.js';
import { TICKS_PER_SECOND } from '../media/ffmpeg-format.js';

/** An ffmpeg that writes nothing this long while the stream runs dry is given up on. */
export const STALL_MS = 5000;

/**
 * - `cued`: on air, none of its output gone out yet;
 * - `airing`: its output is going out;
 * - `recut-due`: airing, but the directives changed its look: it is cut before its next video frame and the
 *   rest of its item made anew;
 * - `cut-short`: the engine killed its ffmpeg (the rest lay past its window, or it stalled); what it wrote drains.
 */
export type PieceState =
  | { readonly kind: 'cued' }
  | { readonly kind: 'airing' }
  | { readonly kind: 'recut-due' }
  | { readonly kind: 'cut-short'; readonly because: 'window-full' | 'stalled' };

export interface PieceOnAir extends QueuedPiece {
  readonly process: PieceProcess;
  readonly splice: PieceSplice;
  state: PieceState;
}

/** A queued piece goes on air cued, its ffmpeg (started early or now) feeding its splice. */
export function onAir(piece: QueuedPiece, process: PieceProcess, splice: PieceSplice): PieceOnAir {
  return { ...piece, process, splice, state: { kind: 'cued' } };
}

/** One line on why a piece left `shortByTicks` of its window unfilled. */
export function shortfallReason(piece: PieceOnAir, shortByTicks: number): string {
  if (piece.state.kind === 'cut-short' && piece.state.because === 'stalled') return `ffmpeg stalled for ${STALL_MS / 1000} s`;
  const failure = piece.process.failure();
  if (failure !== undefined) return failure;
  if (piece.splice.summary().emittedPes === 0) return 'no output';
  const words = piece.process.lastWords();
  return `source ended ${(shortByTicks / TICKS_PER_SECOND).toFixed(2)} s early${words === undefined ? '' : ` (${words})`}`;
}
