// Catalog fixtures: a real demo library (generated once per machine and cached), private copies of it
// that a test may change, and sources set up through the real CLI.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemoLibrary, type DemoLibraryManifest } from '../../src/demo/media-library.js';
import type { Database } from '../../src/db/open-database.js';
import type { AssetDraft, IngestEnricher } from '../../src/plugins/enricher.js';
import { type FfprobeConfig, ffprobeEnricher } from '../../src/plugins/enrichers/ffprobe-enricher.js';
import { filenameEnricher } from '../../src/plugins/enrichers/filename-enricher.js';
import { filesystemImporter } from '../../src/plugins/importers/filesystem-importer.js';
import type { PluginRegistries } from '../../src/plugins/plugin-registries.js';
import { PluginRegistry } from '../../src/plugins/registry.js';
import { type CliOptions, cli, json } from './cli.js';

// Keyed by the generator's source, so a changed generator never serves a stale library.
const generatorHash = createHash('sha256')
  .update(readFileSync(fileURLToPath(new URL('../../src/demo/media-library.ts', import.meta.url))))
  .update(readFileSync(fileURLToPath(new URL('../../src/demo/demo-catalog.ts', import.meta.url))))
  .digest('hex')
  .slice(0, 12);
const cacheRoot = join(tmpdir(), `retrovue-test-demo-library-${generatorHash}`);
let manifest: DemoLibraryManifest | undefined;

/** The pristine demo library (never modify it; take a copy). Generated once, atomically, then reused. */
export async function demoLibrary(): Promise<{ root: string; manifest: DemoLibraryManifest }> {
  const manifestPath = join(cacheRoot, 'manifest.json');
  if (!existsSync(manifestPath)) {
    const scratch = `${cacheRoot}.${process.pid}`;
    rmSync(scratch, { recursive: true, force: true });
    const made = await generateDemoLibrary(join(scratch, 'lib'));
    writeFileSync(join(scratch, 'manifest.json'), JSON.stringify({ ...made, root: undefined }));
    try {
      renameSync(scratch, cacheRoot);
    } catch {
      rmSync(scratch, { recursive: true, force: true }); // another test process won the race
    }
  }
  if (!manifest) {
    manifest = { ...(JSON.parse(readFileSync(manifestPath, 'utf8')) as DemoLibraryManifest), root: join(cacheRoot, 'lib') };
  }
  return { root: join(cacheRoot, 'lib'), manifest };
}

/** A private copy of the demo library (timestamps kept), removed by the returned cleanup. */
export async function copyOfDemoLibrary(): Promise<{ root: string; cleanup: () => void }> {
  const { root } = await demoLibrary();
  const dir = mkdtempSync(join(tmpdir(), 'retrovue-lib-'));
  const copy = join(dir, 'lib');
  cpSync(root, copy, { recursive: true, preserveTimestamps: true });
  return { root: copy, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function ok(database: Database, argv: string[], options: CliOptions = {}): Promise<Record<string, unknown>> {
  const run = await cli([...argv, '--json'], { ...options, database });
  assert.equal(run.exitCode, 0, `${argv.join(' ')}: ${run.stderr}`);
  return json(run);
}

/** Adds a filesystem source and discovers its collections, through the CLI. */
export async function addDiscoveredSource(database: Database, name: string, basePath: string): Promise<void> {
  await ok(database, ['source', 'add', '--type', 'filesystem', '--name', name, '--base-path', basePath]);
  await ok(database, ['source', 'discover', name]);
}

// What the ffprobe enricher answered for a file in a given state (path, size, mtime: all in the draft) and
// config, for the life of the test process.
const probed = new Map<string, Promise<AssetDraft>>();

const rememberingFfprobe: IngestEnricher<FfprobeConfig> = {
  ...ffprobeEnricher,
  enrich(draft, config, context) {
    const key = JSON.stringify([draft, config]);
    let answer = probed.get(key);
    if (!answer) {
      answer = ffprobeEnricher.enrich(draft, config, context);
      probed.set(key, answer);
      answer.catch(() => probed.delete(key));
    }
    return answer;
  },
};

/**
 * The built-in plugins for catalog fixtures, with one difference: the ffprobe enricher's answer for an
 * unchanged file is remembered, so a demo file is probed by ffprobe once per test process rather than once
 * per test and database. The answer is ffprobe's own; tests of ingest itself use the plain built-ins.
 */
export function fixturePlugins(): PluginRegistries {
  return {
    importers: new PluginRegistry<typeof filesystemImporter>('importer').register(filesystemImporter),
    enrichers: new PluginRegistry<IngestEnricher<any>>('enricher').register(rememberingFfprobe).register(filenameEnricher),
    producers: new PluginRegistry('producer'),
  };
}

/**
 * Enables ingest of a collection and ingests it, returning the --json summary: with `options.plugins` if given,
 * else with fixturePlugins() (setting up a catalog for tests of other commands).
 */
export async function ingest(database: Database, ref: string, options: CliOptions = {}): Promise<Record<string, unknown>> {
  const withPlugins = { plugins: fixturePlugins(), ...options };
  await ok(database, ['collection', 'update', ref, '--ingest-enabled'], withPlugins);
  return ok(database, ['collection', 'ingest', ref], withPlugins);
}

/** [enricher id, position] attached to the collection named `name`, in order, as persisted. */
export async function enricherAttachments(database: Database, name: string): Promise<Array<[string, number]>> {
  const rows = await database.db
    .selectFrom('collection_enricher')
    .innerJoin('collection', 'collection.id', 'collection_enricher.collection_id')
    .select(['enricher_id', 'position'])
    .where('collection.name', '=', name)
    .orderBy('position')
    .execute();
  return rows.map((r) => [r.enricher_id, r.position]);
}
