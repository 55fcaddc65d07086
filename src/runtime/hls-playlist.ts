// The live HLS media playlist of a channel's window (RFC 8216): pure, segments in, text out. Segment URIs
// are relative (`<id>/hls/<sequence>.ts` beside `/channel/<id>.m3u8`), so the playlist works behind any
// proxy or CDN that serves the server's paths.
import type { HlsSegment } from './hls-window.js';

/** EXT-X-TARGETDURATION: segments are cut at the first key frame ≥ 2 s (1 s GOPs), so never over 3 s. */
export const TARGET_DURATION_S = 3;

export function segmentPath(channelId: string, sequence: number): string {
  return `${encodeURIComponent(channelId)}/hls/${sequence}.ts`;
}

/** The playlist of `segments` (oldest first, at least one). */
export function renderPlaylist(channelId: string, segments: readonly HlsSegment[]): string {
  const first = segments[0];
  if (first === undefined) throw new Error('a playlist needs a segment');
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${TARGET_DURATION_S}`,
    `#EXT-X-MEDIA-SEQUENCE:${first.sequence}`,
    // The first segment's own tag is still listed, so it is not yet counted.
    `#EXT-X-DISCONTINUITY-SEQUENCE:${first.epoch - (first.discontinuity ? 1 : 0)}`,
  ];
  for (const s of segments) {
    if (s.discontinuity) lines.push('#EXT-X-DISCONTINUITY');
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(s.programDateMs).toISOString()}`, `#EXTINF:${(s.durationMs / 1000).toFixed(3)},`, segmentPath(channelId, s.sequence));
  }
  return `${lines.join('\n')}\n`;
}
