// An HLS client's view of the server for tests: the live playlist fetched and read (RFC 8216 tags as the
// runtime writes them), and segments fetched with their headers.
import { request } from 'undici';

export interface ListedSegment {
  readonly sequence: number;
  readonly uri: string;
  readonly durationS: number;
  readonly programDateMs: number;
  readonly discontinuity: boolean;
}

export interface Playlist {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  readonly targetDuration: number;
  readonly mediaSequence: number;
  readonly discontinuitySequence: number;
  readonly segments: readonly ListedSegment[];
}

function tag(text: string, name: string): number {
  const match = new RegExp(`^#${name}:(\\d+)$`, 'm').exec(text);
  if (match === null) throw new Error(`the playlist has no #${name}:\n${text}`);
  return Number(match[1]);
}

/** Reads a media playlist as the runtime writes it. */
export function parsePlaylist(text: string): Omit<Playlist, 'status' | 'headers' | 'text'> {
  const segments: ListedSegment[] = [];
  let pending: { durationS?: number; programDateMs?: number; discontinuity: boolean } = { discontinuity: false };
  const mediaSequence = tag(text, 'EXT-X-MEDIA-SEQUENCE');
  for (const line of text.split('\n')) {
    if (line === '#EXT-X-DISCONTINUITY') pending.discontinuity = true;
    else if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) pending.programDateMs = Date.parse(line.slice(25));
    else if (line.startsWith('#EXTINF:')) pending.durationS = Number.parseFloat(line.slice(8));
    else if (line !== '' && !line.startsWith('#')) {
      if (pending.durationS === undefined || pending.programDateMs === undefined) throw new Error(`segment ${line} lacks EXTINF or PROGRAM-DATE-TIME:\n${text}`);
      segments.push({ sequence: mediaSequence + segments.length, uri: line, durationS: pending.durationS, programDateMs: pending.programDateMs, discontinuity: pending.discontinuity });
      pending = { discontinuity: false };
    }
  }
  return { targetDuration: tag(text, 'EXT-X-TARGETDURATION'), mediaSequence, discontinuitySequence: tag(text, 'EXT-X-DISCONTINUITY-SEQUENCE'), segments };
}

/** GETs a playlist (`headers` as a client sends them); a 200 is parsed. */
export async function fetchPlaylist(url: string, headers: Record<string, string> = {}): Promise<Playlist> {
  const response = await request(url, { headers });
  const text = await response.body.text();
  const parsed = response.statusCode === 200 ? parsePlaylist(text) : { targetDuration: 0, mediaSequence: 0, discontinuitySequence: 0, segments: [] };
  return { status: response.statusCode, headers: response.headers, text, ...parsed };
}

/** The URL of a listed segment, resolved against its playlist's. */
export function segmentUrl(playlistUrl: string, segment: ListedSegment): string {
  return new URL(segment.uri, playlistUrl).toString();
}

export async function fetchSegment(url: string, method: 'GET' | 'HEAD' = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer }> {
  const response = await request(url, { method });
  const bytes = Buffer.from(await response.body.arrayBuffer());
  return { status: response.statusCode, headers: response.headers, bytes };
}

/** Fetches the playlist every `everyMs` (an HLS client's lease) until stopped; keeps the latest answer. */
export function keepFetching(url: string, everyMs = 1000): { latest: () => Playlist | undefined; stop: () => void } {
  let latest: Playlist | undefined;
  let stopped = false;
  const loop = async () => {
    while (!stopped) {
      latest = await fetchPlaylist(url).catch(() => latest);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  };
  void loop();
  return { latest: () => latest, stop: () => void (stopped = true) };
}
