// Several `runtime serve` nodes (the built binary) on one Postgres database, as issue "Scale out" runs
// them: each with its own home, a name and a forward mode; their /status and a tune-in that retries until
// the channel plays (a takeover answers 503 or 502 for a moment).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { execa } from 'execa';
import { request } from 'undici';
import type { Database } from '../../src/db/open-database.js';
import { openThrowawayDatabase } from '../../src/db/throwaway-database.js';
import { advanceHorizons, defaultHorizon } from '../../src/scheduling/horizon/horizon.js';
import { type ServeProcess, startServe } from './runtime-binary.js';
import { blockClip, seedPlayableNetwork } from './runtime-network.js';
import { tuneIn, type Viewer } from './runtime.js';
import { configFor, testCacheDir } from './test-databases.js';

export interface NodeStatusJson {
  readonly node: { id: string; name: string; url: string; forward: string; owned_channels: string[] } | null;
  readonly channels: Array<{ id: string; state: string; viewers: number; air: { pid: number } | null }>;
}

/** A node named `name` on the database at `databaseUrl`, with its own home; extra serve arguments after. */
export async function startNode(databaseUrl: string, name: string, argv: readonly string[] = [], env: Record<string, string> = {}): Promise<ServeProcess & { home: string }> {
  const home = mkdtempSync(join(tmpdir(), `retrovue-node-${name}-`));
  const serve = await startServe(['--port', '0', '--json', '--linger-seconds', '0', '--tuners', '4', '--node-name', name, ...argv], { RETROVUE_HOME: home, RETROVUE_DATABASE_URL: databaseUrl, ...env });
  return Object.assign(serve, { home });
}

type Node = ServeProcess & { home: string };

export interface SharedNodes {
  /** The nodes' database: the suite's own, never reset between its tests. */
  readonly database: Database;
  readonly url: string;
  /** node-a and node-b forward by proxy, node-c by redirect. */
  readonly a: Node;
  readonly b: Node;
  readonly c: Node;
}

/**
 * For the calling suite: a Postgres database of its own with `channelIds` on air, and three nodes serving it,
 * started once before its tests (a node start and a seeded network cost seconds each) and killed after them.
 * The per-test reset never touches this database, so the nodes' rows and channels stay under them; each test
 * plays channels of its own.
 */
export function sharedNodes(channelIds: readonly string[]): () => SharedNodes {
  let nodes: SharedNodes | undefined;
  const started: Node[] = [];
  let database: Database | undefined;
  before(async () => {
    database = await openThrowawayDatabase(configFor('postgres'), { cacheDir: testCacheDir });
    const clip = await blockClip();
    await seedPlayableNetwork(database.db, channelIds.map((id) => ({ id, clip })));
    await advanceHorizons(database.db, { ...defaultHorizon, nowMs: Date.now() });
    const url = database.config.dialect === 'postgres' ? database.config.url : assert.fail('nodes share a Postgres server');
    const starts = await Promise.allSettled([startNode(url, 'node-a'), startNode(url, 'node-b'), startNode(url, 'node-c', ['--forward', 'redirect'])]);
    for (const s of starts) if (s.status === 'fulfilled') started.push(s.value);
    const failed = starts.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const [a, b, c] = started as [Node, Node, Node];
    nodes = { database, url, a, b, c };
  });
  after(async () => {
    await Promise.all(started.map((node) => node.stop('SIGKILL')));
    for (const node of started) rmSync(node.home, { recursive: true, force: true });
    await database?.close();
  });
  return () => nodes ?? assert.fail('the shared nodes run only inside their suite\'s tests');
}

export async function nodeStatus(url: string): Promise<NodeStatusJson> {
  const response = await request(`${url}/status`);
  return (await response.body.json()) as NodeStatusJson;
}

/** Tunes in again and again until a 200 stream (a takeover answers 503/502 meanwhile); the ms it took. */
export async function tuneInUntilPlaying(url: string, withinMs: number): Promise<{ viewer: Viewer; tookMs: number; firstByteMs: number }> {
  const started = performance.now();
  for (;;) {
    const viewer = await tuneIn(url);
    if (viewer.status === 200) {
      await viewer.waitFor(1);
      return { viewer, tookMs: performance.now() - started, firstByteMs: performance.now() - started };
    }
    viewer.close();
    if (performance.now() - started > withinMs) throw new Error(`${url} did not play within ${withinMs} ms (last status ${viewer.status})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The codec names ffprobe reads in `file`, sorted. */
export async function codecsOf(file: string): Promise<string[]> {
  const { stdout } = await execa('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'json', file]);
  return (JSON.parse(stdout) as { streams: Array<{ codec_name: string }> }).streams.map((s) => s.codec_name).sort();
}
