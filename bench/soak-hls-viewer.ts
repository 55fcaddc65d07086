// The soak's HLS viewer, as a player does it: reload /channel/{id}.m3u8 every target duration and download
// each segment it has not had yet, in order. A stall is the playlist's newest segment not advancing for
// more than twice the target duration; a missing segment is a sequence number skipped (slid out before it
// was fetched) or answered 404. Segments are decoded by one ffmpeg per discontinuity epoch, as a player
// resets its decoder at EXT-X-DISCONTINUITY.
import { setTimeout as wait } from 'node:timers/promises';
import { type DecodeFigures, Decoder, sumDecode } from './soak-decoder.js';

export interface HlsFigures {
  readonly channel: string;
  readonly playlistLoads: number;
  readonly playlistFailures: number;
  readonly segments: number;
  readonly missing: number;
  readonly discontinuities: number;
  readonly stalls: Array<{ atS: number; gapMs: number }>;
  readonly decode: DecodeFigures;
  readonly bytes: number;
}

interface Listed {
  readonly sequence: number;
  readonly uri: string;
  readonly discontinuity: boolean;
}

/** The media playlist's target duration and segments. */
export function parsePlaylist(text: string): { targetS: number; segments: Listed[] } {
  const lines = text.split('\n').map((l) => l.trim());
  const targetS = Number(/^#EXT-X-TARGETDURATION:(\d+)/m.exec(text)?.[1] ?? 3);
  let sequence = Number(/^#EXT-X-MEDIA-SEQUENCE:(\d+)/m.exec(text)?.[1] ?? 0);
  let discontinuity = false;
  const segments: Listed[] = [];
  for (const line of lines) {
    if (line === '#EXT-X-DISCONTINUITY') discontinuity = true;
    if (line === '' || line.startsWith('#')) continue;
    segments.push({ sequence: sequence++, uri: line, discontinuity });
    discontinuity = false;
  }
  return { targetS, segments };
}

/** Waits `ms`, or less if the soak ends meanwhile. */
const sleep = (ms: number, signal: AbortSignal): Promise<void> => wait(ms, undefined, { signal }).catch(() => undefined);

class HlsState {
  playlistLoads = 0;
  playlistFailures = 0;
  segments = 0;
  missing = 0;
  discontinuities = 0;
  bytes = 0;
  readonly stalls: Array<{ atS: number; gapMs: number }> = [];
  readonly decodes: Array<Promise<DecodeFigures>> = [];
  decoder = new Decoder();
  next: number | undefined;
  newestAt = performance.now();
  stalledSince: number | undefined;

  /** Records a stall once the newest segment has not advanced for more than twice the target. */
  checkAdvance(advanced: boolean, targetS: number, t0: number): void {
    const now = performance.now();
    if (advanced) {
      if (this.stalledSince !== undefined) this.stalls.push({ atS: (this.stalledSince - t0) / 1000, gapMs: now - this.newestAt });
      this.stalledSince = undefined;
      this.newestAt = now;
    } else if (this.stalledSince === undefined && now - this.newestAt > 2 * targetS * 1000) {
      this.stalledSince = this.newestAt;
    }
  }
}

async function fetchSegment(state: HlsState, url: string, signal: AbortSignal): Promise<void> {
  const res = await fetch(url, { signal }).catch(() => undefined);
  if (res?.status !== 200) {
    if (!signal.aborted) state.missing++;
    return;
  }
  const bytes = Buffer.from(await res.arrayBuffer());
  state.segments++;
  state.bytes += bytes.length;
  state.decoder.write(bytes);
}

async function takeNew(state: HlsState, base: string, segments: readonly Listed[], signal: AbortSignal): Promise<boolean> {
  const fresh = segments.filter((s) => state.next === undefined || s.sequence >= state.next);
  // A player starts near the live edge: the newest three segments.
  const wanted = state.next === undefined ? fresh.slice(-3) : fresh;
  const first = wanted[0];
  if (first === undefined) return false;
  if (state.next !== undefined && first.sequence > state.next) state.missing += first.sequence - state.next;
  for (const s of wanted) {
    if (signal.aborted) break;
    if (s.discontinuity && state.next !== undefined) {
      state.discontinuities++;
      state.decodes.push(state.decoder.end());
      state.decoder = new Decoder();
    }
    await fetchSegment(state, `${base}/channel/${s.uri}`, signal);
    state.next = s.sequence + 1;
  }
  return true;
}

/** Watches `channel` over HLS until `signal` aborts. */
export async function watchHls(base: string, channel: string, t0: number, signal: AbortSignal): Promise<HlsFigures> {
  const state = new HlsState();
  let targetS = 3;
  while (!signal.aborted) {
    const started = performance.now();
    const res = await fetch(`${base}/channel/${encodeURIComponent(channel)}.m3u8`, { signal }).catch(() => undefined);
    state.playlistLoads++;
    if (res?.status === 200) {
      const playlist = parsePlaylist(await res.text());
      targetS = playlist.targetS;
      state.checkAdvance(await takeNew(state, base, playlist.segments, signal), targetS, t0);
    } else if (!signal.aborted) {
      state.playlistFailures++;
      state.checkAdvance(false, targetS, t0);
    }
    await sleep(Math.max(0, targetS * 1000 - (performance.now() - started)), signal);
  }
  state.decodes.push(state.decoder.end());
  // A stall still going on at the end counts too.
  if (state.stalledSince !== undefined) state.stalls.push({ atS: (state.stalledSince - t0) / 1000, gapMs: performance.now() - state.newestAt });
  const decode = sumDecode(await Promise.all(state.decodes));
  return { channel, playlistLoads: state.playlistLoads, playlistFailures: state.playlistFailures, segments: state.segments, missing: state.missing, discontinuities: state.discontinuities, stalls: state.stalls, decode, bytes: state.bytes };
}
