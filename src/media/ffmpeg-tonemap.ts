// HDR to SDR: filters that turn a PQ or HLG source into BT.709 SDR, with what Debian's ffmpeg has on a
// machine without a GPU (zimg's zscale and the tonemap filter; libplacebo needs Vulkan). Pure.
import { filter, type Filter } from './ffmpeg-filtergraph.js';
import type { ToneMap } from './source-treatment.js';

/** zscale's name of each transfer: the plan decided it from the probe, so an untagged stream is read right too. */
const TRANSFER: Record<ToneMap, string> = { pq: 'smpte2084', hlg: 'arib-std-b67' };

/**
 * PQ or HLG BT.2020 → linear light (1.0 = 100 nits) in BT.709 primaries → Hable curve (its peak from the
 * stream's mastering or light-level metadata, else 1000 nits) → BT.709 limited range, luma held in 16..235
 * (light above the peak would otherwise come out super-white). None for SDR sources.
 *
 * Float RGB at 1080p costs more than two cores have for live (about 0.6× real time here), so
 * normalizeVideo places these after the source is fitted to the profile's frame, still in 10 bits.
 */
export function toneMapFilters(toneMap: ToneMap | undefined): Filter[] {
  if (toneMap === undefined) return [];
  return [
    filter('zscale', { tin: TRANSFER[toneMap], min: 'bt2020nc', pin: 'bt2020', rin: 'tv', t: 'linear', npl: 100, p: 'bt709' }),
    filter('format', { pix_fmts: 'gbrpf32le' }),
    filter('tonemap', { tonemap: 'hable', desat: 0 }),
    filter('zscale', { t: 'bt709', m: 'bt709', r: 'tv' }),
    filter('format', { pix_fmts: 'yuv420p' }),
    filter('limiter', { min: 16, max: 235, planes: 1 }),
  ];
}
