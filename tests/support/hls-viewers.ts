// A crowd of simulated HLS viewers of one channel, each behaving like a live player: it polls the
// playlist, joins three segments from the live edge and fetches every newly listed segment once, in order.
// What each one got is kept for the test to check (sequence, status, a digest of the bytes).
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { parsePlaylist } from './hls.js';

export interface Fetched {
  readonly sequence: number;
  readonly status: number;
  readonly bytes: number;
  readonly digest: string;
}

export interface HlsViewer {
  readonly fetched: Fetched[];
  playlists: number;
  readonly problems: string[];
  /** The newest sequence listed by the last playlist it read. */
  newestListed: number | undefined;
}

export interface Crowd {
  readonly viewers: readonly HlsViewer[];
  /** Stops polling; resolves once every viewer finished what it was fetching. */
  stop(): Promise<void>;
}

/** How far from the live edge a player starts (hls.js's liveSyncDurationCount). */
const JOIN_SEGMENTS_FROM_EDGE = 3;

async function get(agent: Agent, url: string): Promise<{ status: number; body: Buffer }> {
  const response = await request(url, { dispatcher: agent });
  return { status: response.statusCode, body: Buffer.from(await response.body.arrayBuffer()) };
}

/** One viewer's poll: the playlist, then each listed segment it has not fetched yet (`query` appended to each URL). */
async function poll(agent: Agent, playlistUrl: string, query: string, viewer: HlsViewer): Promise<void> {
  const playlist = await get(agent, `${playlistUrl}${query}`);
  viewer.playlists++;
  if (playlist.status !== 200) {
    viewer.problems.push(`playlist ${playlist.status}: ${playlist.body.toString('utf8').slice(0, 200)}`);
    return;
  }
  const listed = parsePlaylist(playlist.body.toString('utf8')).segments;
  viewer.newestListed = listed.at(-1)?.sequence;
  const last = viewer.fetched.at(-1)?.sequence;
  const wanted = last === undefined ? listed.slice(-JOIN_SEGMENTS_FROM_EDGE) : listed.filter((s) => s.sequence > last);
  for (const segment of wanted) {
    const got = await get(agent, `${new URL(segment.uri, playlistUrl).toString()}${query}`);
    viewer.fetched.push({ sequence: segment.sequence, status: got.status, bytes: got.body.length, digest: createHash('sha1').update(got.body).digest('hex') });
  }
}

/**
 * `count` viewers of `playlistUrl`, joining within `joinWithinMs`, each polling every `everyMs` (±20 %);
 * every other one appends its own query string (a token, as players do) to every URL.
 */
export function startCrowd(playlistUrl: string, count: number, options: { readonly everyMs: number; readonly joinWithinMs: number }): Crowd {
  const agent = new Agent({ connections: count * 2, keepAliveTimeout: 10_000 });
  const viewers: HlsViewer[] = [];
  let stopped = false;
  const loops = Array.from({ length: count }, async (_, i) => {
    const viewer: HlsViewer = { fetched: [], playlists: 0, problems: [], newestListed: undefined };
    viewers.push(viewer);
    await sleep((options.joinWithinMs * i) / count);
    while (!stopped) {
      await poll(agent, playlistUrl, i % 2 === 1 ? `?token=${i}` : '', viewer).catch((error: unknown) => void viewer.problems.push(String(error)));
      await sleep(options.everyMs * (0.8 + 0.4 * Math.random()));
    }
  });
  return {
    viewers,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
      await agent.close();
    },
  };
}
