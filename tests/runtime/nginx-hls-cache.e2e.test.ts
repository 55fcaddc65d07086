// HLS through a real cache: the built `retrovue runtime serve` behind the real Debian nginx running the
// shipped examples/nginx/retrovue-hls.conf, 200 simulated HLS viewers of one channel (half of them appending
// their own query string, as players do) and ffmpeg playing it through nginx. The node must see each
// segment fetched once and the playlist about once a second, whatever the number of viewers; the
// continuous .ts stream must pass through uncached.
// On PGlite one node; on the Postgres server two nodes in nginx's pool (the example hashes a channel to one).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { request } from 'undici';
import { binaryEnv, withBinaryDatabase } from '../support/media-fixtures.js';
import { type HlsViewer, startCrowd } from '../support/hls-viewers.js';
import { type CacheLogLine, type Nginx, startNginx } from '../support/nginx.js';
import { type ServeProcess, startServe } from '../support/runtime-binary.js';
import { blockClip, seedPlayableNetwork } from '../support/runtime-network.js';
import { tuneIn, until } from '../support/runtime.js';
import { type DatabaseFixture, forEachDatabase } from '../support/test-databases.js';

const VIEWERS = 200;
/** How long the crowd watches: several segments (2 s each) after the last viewer joined. */
const WATCH_MS = 10_000;
const CHANNEL = 'live';

const scratch: string[] = [];
after(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

interface NodeStatus { readonly channels: ReadonlyArray<{ readonly id: string; readonly bytes_sent: number }> }

async function nodeStatus(node: ServeProcess): Promise<NodeStatus> {
  return (await request(`${node.url}/status`)).body.json() as Promise<NodeStatus>;
}

/** `count` nodes on the fixture's database, playing channel `live`, each ready to tune it in. */
async function startNodes(fx: DatabaseFixture, count: number): Promise<ServeProcess[]> {
  const homes = Array.from({ length: count }, () => mkdtempSync(join(tmpdir(), 'retrovue-nginx-node-')));
  scratch.push(...homes);
  const clip = await blockClip();
  await withBinaryDatabase(fx, homes[0] as string, (database) => seedPlayableNetwork(database.db, [{ id: CHANNEL, clip }]));
  const started = await Promise.allSettled(homes.map((home) => startServe(['--port', '0', '--tuners', '4', '--linger-seconds', '0'], binaryEnv(fx, home))));
  const nodes = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  try {
    for (const s of started) if (s.status === 'rejected') throw s.reason;
    for (const node of nodes) {
      // The horizon is built as a node starts; HEAD tells the channel is tunable and starts nothing.
      let status = 0;
      await until(() => status === 200, `${node.url} can tune ${CHANNEL} in`, 60_000, async () => {
        status = (await request(`${node.url}/channel/${CHANNEL}.m3u8`, { method: 'HEAD' })).statusCode;
      });
    }
  } catch (error) {
    await Promise.all(nodes.map((n) => n.stop()));
    throw error;
  }
  return nodes;
}

const SEGMENT_URI = new RegExp(`^/channel/${CHANNEL}/hls/(\\d+)\\.ts$`);

/** How many times nginx went to a node for each segment. */
function upstreamFetchesBySegment(log: readonly CacheLogLine[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const line of log) {
    const sequence = SEGMENT_URI.exec(line.uri)?.[1];
    if (sequence !== undefined && line.upstream !== undefined) counts.set(Number(sequence), (counts.get(Number(sequence)) ?? 0) + 1);
  }
  return counts;
}

function cacheTally(log: readonly CacheLogLine[], uri: RegExp): string {
  const tally = new Map<string, number>();
  for (const line of log) if (uri.test(line.uri)) tally.set(line.cache, (tally.get(line.cache) ?? 0) + 1);
  return [...tally].sort().map(([cache, n]) => `${cache} ${n}`).join(', ');
}

/** Every viewer got every segment from where it joined to the newest it saw listed, each 200, the same bytes as everyone else. */
function assertEveryViewerGotEverySegment(viewers: readonly HlsViewer[]): Map<number, number> {
  const sizes = new Map<number, number>();
  const digests = new Map<number, string>();
  for (const [i, viewer] of viewers.entries()) {
    assert.deepEqual(viewer.problems, [], `viewer ${i}`);
    const sequences = viewer.fetched.map((f) => f.sequence);
    assert.ok(sequences.length >= 4, `viewer ${i} fetched only ${sequences.join(',')}`);
    assert.deepEqual(sequences, sequences.map((_, k) => (sequences[0] as number) + k), `viewer ${i} missed a segment: ${sequences.join(',')}`);
    assert.equal(sequences.at(-1), viewer.newestListed, `viewer ${i} did not fetch the newest listed segment`);
    for (const f of viewer.fetched) {
      assert.equal(f.status, 200, `viewer ${i} segment ${f.sequence}`);
      assert.equal(digests.get(f.sequence) ?? f.digest, f.digest, `segment ${f.sequence} reached viewers with different bytes`);
      digests.set(f.sequence, f.digest);
      sizes.set(f.sequence, f.bytes);
    }
  }
  return sizes;
}

/** 200 viewers and ffmpeg watch `live` through nginx; returns when they stopped, with ffmpeg's outcome. */
async function watchThrough(nginx: Nginx): Promise<{ viewers: readonly HlsViewer[]; watchedMs: number; ffmpeg: { exitCode: number | undefined; stderr: string } }> {
  const playlistUrl = `${nginx.url}/channel/${CHANNEL}.m3u8`;
  const started = performance.now();
  const crowd = startCrowd(playlistUrl, VIEWERS, { everyMs: 1000, joinWithinMs: 2000 });
  try {
    // A real player through the cache, joining once the crowd has made the channel live.
    await sleep(2000);
    const ffmpeg = await execa('ffmpeg', ['-nostdin', '-v', 'warning', '-i', playlistUrl, '-t', '8', '-f', 'null', '-'], { reject: false, timeout: 40_000 });
    await sleep(Math.max(0, WATCH_MS - (performance.now() - started)));
    return { viewers: crowd.viewers, watchedMs: performance.now() - started, ffmpeg: { exitCode: ffmpeg.exitCode, stderr: ffmpeg.stderr } };
  } finally {
    await crowd.stop();
  }
}

/** The .ts stream through nginx: each viewer its own upstream request, bytes flowing, nothing cached. */
async function assertStreamPassesThrough(nginx: Nginx): Promise<void> {
  const viewers = await Promise.all([tuneIn(`${nginx.url}/channel/${CHANNEL}.ts`), tuneIn(`${nginx.url}/channel/${CHANNEL}.ts`)]);
  try {
    for (const viewer of viewers) {
      assert.equal(viewer.status, 200);
      assert.equal(viewer.headers['cache-control'], 'no-store');
      await viewer.waitFor(188 * 1000, 15_000);
    }
  } finally {
    for (const viewer of viewers) viewer.close();
  }
  await until(() => nginx.log().filter((l) => l.uri === `/channel/${CHANNEL}.ts`).length === 2, 'nginx logged both streams', 5000);
  const streams = nginx.log().filter((l) => l.uri === `/channel/${CHANNEL}.ts`);
  assert.deepEqual(streams.map((l) => [l.cache, l.upstream !== undefined]), [['-', true], ['-', true]], 'a stream was cached or not passed to a node');
  assert.ok(streams.every((l) => l.bytes >= 188 * 1000), 'a stream reached its viewer short');
}

interface Watched {
  readonly viewers: readonly HlsViewer[];
  readonly watchedMs: number;
  readonly ffmpeg: { readonly exitCode: number | undefined; readonly stderr: string };
  readonly log: readonly CacheLogLine[];
  readonly statuses: readonly NodeStatus[];
}

/** What the cache did for the crowd, as the nodes saw it; the figures go to the test's diagnostics first. */
function assertCacheServedTheCrowd(t: test.TestContext, nodeCount: number, w: Watched): void {
  const fetches = upstreamFetchesBySegment(w.log);
  const playlistLines = w.log.filter((l) => l.uri === `/channel/${CHANNEL}.m3u8`);
  const playlistFetches = playlistLines.filter((l) => l.upstream !== undefined).length;
  t.diagnostic(`${nodeCount} node(s), ${VIEWERS} viewers + ffmpeg, ${Math.round(w.watchedMs)} ms: upstream fetches by segment ${[...fetches.values()].join(' ')}`);
  t.diagnostic(`segments at nginx: ${cacheTally(w.log, SEGMENT_URI)}; playlists: ${cacheTally(w.log, /\.m3u8$/)} (${playlistLines.length} requests, ${playlistFetches} at the nodes)`);

  const sizes = assertEveryViewerGotEverySegment(w.viewers);
  // Each segment went to a node once, however many viewers fetched it; the nodes' own count of bytes
  // sent agrees (their HLS bytes are exactly the segments nginx fetched, no more).
  assert.deepEqual([...sizes.keys()].filter((s) => fetches.get(s) !== 1).map((s) => `${s}: ${fetches.get(s) ?? 0}`), [], 'a segment was not fetched from a node exactly once');
  const bytesAtNodes = w.statuses.flatMap((s) => s.channels).filter((c) => c.id === CHANNEL).reduce((n, c) => n + c.bytes_sent, 0);
  assert.equal(bytesAtNodes, [...fetches].reduce((n, [s, count]) => n + (sizes.get(s) ?? Number.NaN) * count, 0), 'the nodes sent other segment bytes than nginx fetched');
  // Playlist fetches at the nodes are bounded by time (max-age=1), not by the viewer count.
  assert.ok(playlistFetches <= Math.ceil(w.watchedMs / 1000) + 3, `${playlistFetches} playlist fetches at the nodes in ${Math.round(w.watchedMs)} ms`);
  // Every request of the channel reached one node: the pool never runs the channel twice.
  const upstreams = new Set(w.log.filter((l) => l.uri.startsWith(`/channel/${CHANNEL}`) && l.upstream !== undefined).map((l) => l.upstream));
  assert.equal(upstreams.size, 1, `the channel was fetched from ${[...upstreams].join(' and ')}`);
  assert.equal(w.statuses.filter((s) => s.channels.some((c) => c.id === CHANNEL)).length, 1, 'more than one node played the channel');
  // A real player plays through the cache.
  assert.equal(w.ffmpeg.exitCode, 0, w.ffmpeg.stderr);
  assert.equal(w.ffmpeg.stderr, '', 'ffmpeg logged a warning or an error reading the HLS through nginx');
}

async function scenario(t: test.TestContext, fx: DatabaseFixture, nodeCount: number): Promise<void> {
  const nodes = await startNodes(fx, nodeCount);
  let nginx: Nginx | undefined;
  try {
    nginx = await startNginx(nodes.map((n) => new URL(n.url).host));
    const watched = await watchThrough(nginx);
    assertCacheServedTheCrowd(t, nodeCount, { ...watched, log: nginx.log(), statuses: await Promise.all(nodes.map(nodeStatus)) });
    await assertStreamPassesThrough(nginx);
  } finally {
    await nginx?.stop();
    const stopped = await Promise.all(nodes.map((n) => n.stop()));
    assert.deepEqual(stopped.map((s) => s.code), nodes.map(() => 0), stopped.map((s) => s.stderr).join('\n'));
  }
}

forEachDatabase((fx) => {
  if (fx.dialect === 'pglite') {
    test('HLS behind nginx (examples/nginx/retrovue-hls.conf), one node: 200 viewers and ffmpeg get every segment; the node sees each segment once and the playlist about once a second; the .ts stream passes through uncached', { timeout: 90_000 }, async (t) => {
      await scenario(t, fx, 1);
    });
  } else {
    test('HLS behind nginx (examples/nginx/retrovue-hls.conf), two nodes on one Postgres in the pool: the channel hashes to one node; 200 viewers and ffmpeg get every segment; each segment is fetched once from the pool', { timeout: 90_000 }, async (t) => {
      await scenario(t, fx, 2);
    });
  }
});
