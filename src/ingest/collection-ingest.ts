// Ingest of one collection: list its items through the importer, plan against the catalog, probe and
// enrich what changed with bounded parallelism, and commit results in atomic batches. An interrupt stops
// taking new files, keeps every finished batch, and reports itself.
import { basename, extname, isAbsolute, relative, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { CollectionIngestOutput } from '../../generated/contract-types.js';
import { stateOf } from '../catalog/asset-state.js';
import { type BatchTarget, type EnrichedItem, type KnownAsset, knownAssets, markMissing, writeBatch } from '../catalog/asset-repository.js';
import { collectionRef } from '../catalog/catalog-ref.js';
import { attachedEnrichers, requireCollection } from '../catalog/collection-repository.js';
import { resolveLocalPath } from '../catalog/path-mapping.js';
import { forEachBounded } from '../core/bounded-pool.js';
import type { Clock } from '../core/clock.js';
import { RetroVueError } from '../core/errors.js';
import type { Schema } from '../db/schema.js';
import type { DiscoveredItem, SkippedEntry } from '../plugins/importer.js';
import type { PluginRegistries } from '../plugins/plugin-registries.js';
import { type AttachedEnricher, chainSignature, enrichItem } from './enrich-item.js';
import { listCollection } from './list-collection.js';
import { planIngest, type ProbeTask } from './ingest-plan.js';
import { claimMovedItems } from './moved-items.js';

/** Files committed per transaction unless IngestOptions.batchSize says otherwise. */
export const defaultIngestBatchSize = 32;

export interface IngestOptions {
  /** The importers and enrichers the run may use (the command context's). */
  readonly plugins: PluginRegistries;
  readonly under?: string | undefined;
  /** Probe every file again, changed or not. */
  readonly reprobe?: boolean;
  readonly concurrency: number;
  readonly dryRun: boolean;
  readonly clock: Clock;
  readonly signal?: AbortSignal;
  /** Called as files finish: done so far, files to probe, the file just finished. */
  readonly onProgress?: (done: number, total: number, file: string) => void;
  /** Called as a paged listing goes on: items listed so far, and the source's total when it says. */
  readonly onListProgress?: (listed: number, total?: number) => void;
  /** Called after each batch is committed: its size, and how many files are committed so far. */
  readonly onCommit?: (batch: number, committed: number) => void;
  /** Files committed per transaction. */
  readonly batchSize?: number;
}

/**
 * The run's figures, filled in as it goes: `collection ingest --json` prints exactly this, so its shape is the
 * contract's output (contracts/collection/ingest.yaml), made writable, with the invalid files always listed.
 */
export type IngestSummary = { -readonly [Figure in keyof Omit<CollectionIngestOutput, 'invalid_files' | 'skipped'>]: CollectionIngestOutput[Figure] } & {
  invalid_files: Array<{ path: string; reason: string }>;
  skipped: Array<{ path: string; reason: string }>;
};

async function enricherChain(db: Kysely<Schema>, plugins: PluginRegistries, collectionId: string, ref: string): Promise<AttachedEnricher[]> {
  return (await attachedEnrichers(db, collectionId)).map((row) => {
    const plugin = plugins.enrichers.get(row.type);
    if (plugin.kind !== 'ingest') {
      throw new RetroVueError('invalid_input', `collection ${ref} has ${row.kind} enricher ${row.id} attached; only ingest enrichers run at ingest`);
    }
    return { id: row.id, plugin, config: row.config };
  });
}

/** The absolute directory `--path` names, which must lie inside the collection's local root. */
function resolveUnder(localRoot: string, under: string | undefined, ref: string): string | undefined {
  if (under === undefined) return undefined;
  const path = isAbsolute(under) ? resolve(under) : resolve(localRoot, under);
  const rel = relative(localRoot, path);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new RetroVueError('invalid_input', `--path ${under} is outside collection ${ref} (${localRoot})`);
  }
  return path;
}

/** An importer that lists two items under one provider ref would fail a whole batch: the later ones are skipped, named. */
function withUniqueKeys(items: readonly DiscoveredItem[], skipped: SkippedEntry[]): DiscoveredItem[] {
  const seen = new Map<string, DiscoveredItem>();
  const kept: DiscoveredItem[] = [];
  for (const item of items) {
    const first = seen.get(item.providerKey);
    if (first) {
      skipped.push({ path: item.relativePath, reason: `same provider ref as ${first.relativePath}` });
      continue;
    }
    seen.set(item.providerKey, item);
    kept.push(item);
  }
  return kept;
}

/** The run's figures when an interrupt came while the importer was still listing: nothing done, nothing written. */
function interruptedWhileListing(collection: string, elapsedMs: number): IngestSummary {
  const none = { new: 0, updated: 0, unchanged: 0, invalid: 0, missing: 0, total: 0 };
  return { collection, ...none, interrupted: true, elapsed_ms: elapsedMs, invalid_files: [], skipped: [] };
}

export async function runIngest(db: Kysely<Schema>, ref: string, options: IngestOptions): Promise<IngestSummary> {
  const started = options.clock.now();
  const { collection, source } = await requireCollection(db, ref);
  const name = collectionRef(source.name, collection.name);
  if (!collection.ingest_enabled) {
    throw new RetroVueError('refused', `collection ${name} has ingest disabled; enable it with retrovue collection update ${name} --ingest-enabled`);
  }
  const importer = options.plugins.importers.get(source.type);
  const chain = await enricherChain(db, options.plugins, collection.id, name);
  const localRoot = resolveLocalPath(collection.source_path, collection.local_paths);
  const under = resolveUnder(localRoot, options.under, name);
  const skipped: SkippedEntry[] = [];
  const listed = await listCollection({ importer, source, collection, ref: name, localRoot, under, skipped }, options);
  // Interrupted while listing: a part of a listing must not mark the rest missing, so nothing is planned.
  if (listed === undefined || options.signal?.aborted === true) return interruptedWhileListing(name, options.clock.now() - started);
  const claim = { sourceId: source.id, sourceName: source.name, collectionId: collection.id };
  const items = await claimMovedItems(db, claim, withUniqueKeys(listed, skipped), skipped, { dryRun: options.dryRun, now: new Date(options.clock.now()) });
  // Whatever the importer's keys look like (a relative path, a server's item id), the scope is where the file is.
  const inScope = (asset: KnownAsset) => under === undefined || asset.path.startsWith(`${under}/`);
  const signature = chainSignature(chain);
  const plan = planIngest(items, await knownAssets(db, collection.id), inScope, signature, options.reprobe === true);

  const summary: IngestSummary = {
    collection: name,
    new: 0,
    updated: 0,
    unchanged: plan.unchanged,
    invalid: 0,
    missing: plan.vanished.length,
    total: items.length,
    interrupted: false,
    elapsed_ms: 0,
    invalid_files: [],
    skipped: [...skipped].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
  if (options.dryRun) {
    summary.new = plan.toProbe.filter((t) => !t.existing).length;
    summary.updated = plan.toProbe.length - summary.new;
    summary.elapsed_ms = options.clock.now() - started;
    return summary;
  }

  const target = { collectionId: collection.id, sourceId: source.id, importer: importer.type, chainSignature: signature };
  const interrupted = await probeAndCommit(db, target, plan.toProbe, chain, summary, options);
  await markMissing(db, plan.vanished.map((a) => a.id), new Date(options.clock.now()));
  summary.interrupted = interrupted;
  summary.invalid_files.sort((a, b) => a.path.localeCompare(b.path));
  summary.elapsed_ms = options.clock.now() - started;
  return summary;
}

/** SQLSTATE classes of a row the database refuses for its values (data exception, check or not-null violation). */
function refusedRow(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !(code.startsWith('22') || code === '23514' || code === '23502')) return undefined;
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/**
 * Writes a batch; when the database refuses one of its rows for its values, writes the items one by one so
 * that the refused item alone becomes invalid (with the database's reason) and the others are kept.
 * Returns the items as written.
 */
async function writeBatchOrSingles(db: Kysely<Schema>, target: BatchTarget, batch: EnrichedItem[], now: Date): Promise<EnrichedItem[]> {
  try {
    await writeBatch(db, target, batch, now);
    return batch;
  } catch (error) {
    if (refusedRow(error) === undefined || batch.length === 0) throw error;
  }
  const written: EnrichedItem[] = [];
  for (const item of batch) {
    try {
      await writeBatch(db, target, [item], now);
      written.push(item);
    } catch (error) {
      const reason = refusedRow(error);
      if (reason === undefined) throw error;
      // Only what the importer said about the file: whichever value was refused is left out.
      const { path, relativePath, providerKey, sizeBytes, mtimeMs } = item.draft;
      const { sidecars } = item.draft;
      const draft = { path, relativePath, providerKey, sizeBytes, mtimeMs, sidecars, audio: [], subtitles: [], chapters: [], kind: 'unknown', metadata: {} };
      const title = basename(relativePath, extname(relativePath));
      const invalid: EnrichedItem = { ...item, draft: { ...draft, title, invalidReason: `the catalog refused its values: ${reason}` } };
      await writeBatch(db, target, [invalid], now);
      written.push(invalid);
    }
  }
  return written;
}

/**
 * Enriches the items with bounded parallelism and commits them in atomic batches, one writer at a time,
 * counting each into `summary` once committed. Returns whether the run was interrupted.
 */
async function probeAndCommit(
  db: Kysely<Schema>,
  target: BatchTarget,
  tasks: readonly ProbeTask[],
  chain: readonly AttachedEnricher[],
  summary: IngestSummary,
  options: IngestOptions,
): Promise<boolean> {
  const batchSize = options.batchSize ?? defaultIngestBatchSize;
  let pending: EnrichedItem[] = [];
  let writes = Promise.resolve();
  const commit = (batch: EnrichedItem[]) => {
    writes = writes.then(async () => {
      batch = await writeBatchOrSingles(db, target, batch, new Date(options.clock.now()));
      for (const { draft, existing } of batch) {
        if (existing) summary.updated++;
        else summary.new++;
        if (stateOf(draft) === 'invalid') {
          summary.invalid++;
          summary.invalid_files.push({ path: draft.relativePath, reason: draft.invalidReason ?? 'invalid' });
        }
      }
      if (batch.length > 0) options.onCommit?.(batch.length, summary.new + summary.updated);
    });
    return writes;
  };
  let done = 0;
  // A probe killed by the operator's Ctrl-C (it reaches the whole process group) may surface before the
  // signal's own handler has run: either way the run was interrupted, never finished.
  let interrupted = false;
  try {
    await forEachBounded(
      tasks,
      options.concurrency,
      async ({ item, existing }) => {
        const draft = await enrichItem(item, chain, options.signal);
        pending.push(existing ? { draft, existing } : { draft });
        options.onProgress?.(++done, tasks.length, item.relativePath);
        if (pending.length >= batchSize) {
          const batch = pending;
          pending = [];
          await commit(batch);
        }
      },
      options.signal,
    );
  } catch (error) {
    if (!(error instanceof Error && error.name === 'AbortError')) {
      await writes.catch(() => {});
      throw error;
    }
    interrupted = true;
  }
  await commit(pending);
  return interrupted || options.signal?.aborted === true;
}
