// The network-as-code round trip on real media: a network like examples/network.yaml over a private copy
// of the demo library, applied and built in the test's database, exported, then applied by the built
// binary to an empty home (embedded PGlite) and built there. Both exports and both guides must agree.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { copyOfDemoLibrary } from './catalog.js';
import { cli, cliProcess, json } from './cli.js';
import { withEmbeddedDatabase } from './media-fixtures.js';
import { type NetworkDoc, writeNetworkFile } from './network-files.js';
import type { DatabaseFixture } from './test-databases.js';

interface GuideChannel {
  readonly id: string;
  readonly programmes: readonly { title: string; subtitle: string | null; start_ms: number; stop_ms: number }[];
}

const examplePath = fileURLToPath(new URL('../../examples/network.yaml', import.meta.url));
const build = ['--then-build', '--epg-days', '1', '--playlog-hours', '1'];

/** The example network with its source over `root`, given relative to the file as the example does. */
function exampleOver(root: string): NetworkDoc {
  const network = parse(readFileSync(examplePath, 'utf8')) as NetworkDoc;
  const [source] = network['sources'] as Record<string, unknown>[];
  assert.ok(source);
  source['base-path'] = root.slice(dirname(root).length + 1);
  return network;
}

/** Per channel, each programme as "start–stop title (subtitle)", kept to the stretch both guides cover. */
function onOverlap(a: readonly GuideChannel[], b: readonly GuideChannel[]): { a: string[]; b: string[] } {
  const lines = (channels: readonly GuideChannel[], lo: number, hi: number, id: string) =>
    (channels.find((c) => c.id === id)?.programmes ?? [])
      .filter((p) => p.start_ms >= lo && p.stop_ms <= hi)
      .map((p) => `${id} ${new Date(p.start_ms).toISOString()}–${new Date(p.stop_ms).toISOString()} ${p.title} (${p.subtitle ?? ''})`);
  const result = { a: [] as string[], b: [] as string[] };
  for (const channel of a) {
    const other = b.find((c) => c.id === channel.id);
    const first = (c: GuideChannel | undefined) => c?.programmes[0]?.start_ms ?? Infinity;
    const last = (c: GuideChannel | undefined) => c?.programmes.at(-1)?.stop_ms ?? -Infinity;
    const lo = Math.max(first(channel), first(other));
    const hi = Math.min(last(channel), last(other));
    result.a.push(...lines(a, lo, hi, channel.id));
    result.b.push(...lines(b, lo, hi, channel.id));
  }
  return result;
}

/**
 * D-2 of network export: apply + build here, export; the binary applies that export to an empty home with
 * --then-build and exports it again; the files are identical and the guides agree where both are built
 * (each home took its own clock, so the days they built may differ at the edges).
 */
export async function exportedGuidesAgree(fx: DatabaseFixture, scratch: string): Promise<void> {
  const library = await copyOfDemoLibrary();
  const home = mkdtempSync(join(tmpdir(), 'retrovue-network-home-'));
  try {
    const file = writeNetworkFile(dirname(library.root), exampleOver(library.root));
    const applied = await cli(['network', 'apply', '-f', file, ...build], { database: fx.database });
    assert.equal(applied.exitCode, 0, applied.stdout + applied.stderr);
    const exported = join(scratch, 'here.yaml');
    assert.equal((await cli(['network', 'export', '--out', exported], { database: fx.database })).exitCode, 0);
    const guideHere = json<{ channels: GuideChannel[] }>(await cli(['epg', 'export', '--format', 'json', '--days', '2'], { database: fx.database }));

    await withEmbeddedDatabase(home, async () => {}); // a migrated, empty embedded database, as a fresh machine makes
    const env = { RETROVUE_HOME: home, RETROVUE_DATABASE_URL: undefined };
    const there = await cliProcess(['network', 'apply', '-f', exported, ...build], env);
    assert.equal(there.exitCode, 0, there.stdout + there.stderr);
    const reexported = join(scratch, 'there.yaml');
    const exportThere = await cliProcess(['network', 'export', '--out', reexported], env);
    assert.equal(exportThere.exitCode, 0, exportThere.stderr);
    assert.equal(readFileSync(reexported, 'utf8'), readFileSync(exported, 'utf8'), 'the export of the applied export is the same file');
    const guideThere = json<{ channels: GuideChannel[] }>(await cliProcess(['epg', 'export', '--format', 'json', '--days', '2'], env));
    assert.deepEqual(guideThere.channels.map((c) => c.id), guideHere.channels.map((c) => c.id));
    const { a, b } = onOverlap(guideHere.channels, guideThere.channels);
    assert.ok(a.length > 100, `the guides overlap by ${a.length} programmes only`);
    assert.deepEqual(b, a, 'the same network airs the same guide in both homes');
  } finally {
    library.cleanup();
    rmSync(home, { recursive: true, force: true });
  }
}
