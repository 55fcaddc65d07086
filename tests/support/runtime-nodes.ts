// Several `runtime serve` nodes (the built binary) on one Postgres database, as issue "Scale out" runs
// them: each with its own home, a name and a forward mode; their /status and a tune-in that retries until
// the channel plays (a takeover answers 503 or 502 for a moment).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { request } from 'undici';
import { type ServeProcess, startServe } from './runtime-binary.js';
import { tuneIn, type Viewer } from './runtime.js';

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
