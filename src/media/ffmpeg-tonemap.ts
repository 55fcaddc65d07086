// HDR to SDR: filters that turn a PQ or HLG source into BT.709 SDR before it is normalised. Pure.
import type { Filter } from './ffmpeg-filtergraph.js';
import type { ToneMap } from './source-treatment.js';

/** Filters placed first on the source's video; none for SDR sources. */
export function toneMapFilters(toneMap: ToneMap | undefined): Filter[] {
  if (toneMap === undefined) return [];
  return []; // TODO(issue 17): zscale/tonemap chain
}
