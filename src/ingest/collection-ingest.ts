// Ingest of one collection: list its items through the importer, plan against the catalog, probe and
// enrich what changed with bounded parallelism, and commit results in atomic batches. An interrupt stops
// taking new files, keeps every finished batch, and reports itself.
import { isAbsolute, relative, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { CollectionIngestOutput } from '../../generated/contract-types.js';
import { knownAssets } from '../catalog/asset-repository.js';
import { stateOf } from '../catalog/asset-state.js';
import { type BatchTarget, type EnrichedItem, markMissing, writeBatch } from '../catalog/asset-writer.js';
import { collectionRef } from '../catalog/catalog-ref.js';
import { attachedEnrichers, requireCollection } from '../catalog/collection-repository.js';
import { resolveLocalPath } from '../catalog/path-mapping.js';
import { forEachBounded } from '../core/bounded-pool.js';
import type { Clock } from '../core/clock.js';
import { isRetroVueError, RetroVueError } from '../core/errors.js';
import type { Schema } from '../db/schema.js';
import type { PluginRegistries } from '../plugins/plugin-registries.js';
import { type AttachedEnricher, chainSignature, enrichItem } from './enrich-item.js';
import { planIngest, type ProbeTask } from './ingest-plan.js';

/** Files committed per transaction unless IngestOptions.batchSize says otherwise. */
export const defaultIngestBatchSize = 32;

export interface IngestOptions {
  /** The importers and enrichers the run may use (the command context's). */
  readonly plugins: PluginRegistries;
  readonly under?: string | undefined;
  readonly concurrency: number;
  readonly dryRun: boolean;
  readonly clock: Clock;
  readonly signal?: AbortSignal;
  /** Called as files finish: done so far, files to probe, the file just finished. */
  readonly onProgress?: (done: number, total: number, file: string) => void;
  /** Called after each batch is committed: its size, and how many files are committed so far. */
  readonly onCommit?: (batch: number, committed: number) => void;
  /** Files committed per transaction. */
  readonly batchSize?: number;
}

/**
 * The run's figures, filled in as it goes: `collection ingest --json` prints exactly this, so its shape is the
 * contract's output (contracts/collection/ingest.yaml), made writable, with the invalid files always listed.
 */
export type IngestSummary = { -readonly [Figure in keyof Omit<CollectionIngestOutput, 'invalid_files'>]: CollectionIngestOutput[Figure] } & {
  invalid_files: Array<{ path: string; reason: string }>;
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
  const discovered = { externalKey: collection.external_key, name: collection.name, sourcePath: collection.source_path };
  const under = resolveUnder(localRoot, options.under, name);
  // Only the importer reaches the media; Core adds what the operator needs to fix it (the collection, the mapping).
  const items = await importer
    .listItems({ config: source.config, collection: discovered, localRoot, ...(under ? { under } : {}) })
    .catch((error: unknown) => {
      if (!(isRetroVueError(error) && error.code === 'unreachable')) throw error;
      const mapped = localRoot === collection.source_path ? '' : ` (mapped from ${collection.source_path})`;
      throw new RetroVueError('unreachable', `collection ${name} path ${localRoot}${mapped} is not reachable`, { cause: error });
    });
  const underKey = under === undefined ? undefined : relative(localRoot, under).split('\\').join('/');
  const keyPrefix = collection.external_key === '.' ? '' : `${collection.external_key}/`;
  const inScope = (key: string) => !underKey || key.startsWith(`${keyPrefix}${underKey}/`);
  const signature = chainSignature(chain);
  const plan = planIngest(items, await knownAssets(db, collection.id), inScope, signature);

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
      await writeBatch(db, target, batch, new Date(options.clock.now()));
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
