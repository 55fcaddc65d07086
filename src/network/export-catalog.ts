// The catalog half of `network export`: sources with the settings of their collections, and the enricher
// and producer instances, read through the list handlers (so the values are the ones the commands show).
import type { Collection } from '../../generated/contract-types.js';
import type { NetworkCollection, NetworkEnricher, NetworkProducer, NetworkSource } from '../../generated/network-schema.js';
import { listCollections } from '../catalog/collection-commands.js';
import { listEnrichers } from '../catalog/enricher-commands.js';
import { defaultIngestEnricherIds } from '../catalog/enricher-repository.js';
import { listSources } from '../catalog/source-commands.js';
import type { TransactionContext } from '../command/command-context.js';
import { listProducers } from '../playout/producer-commands.js';
import { withoutSecrets } from '../plugins/secret-config.js';
import { byKey, compact } from './network-values.js';

const isEmptyObject = (value: object): boolean => Object.keys(value).length === 0;

/** A collection as the file declares it, or undefined when it has what discovery gives every collection. */
export function collectionEntry(c: Collection): NetworkCollection | undefined {
  const enrichers = c.enrichers.join(',') === defaultIngestEnricherIds.join(',') ? undefined : [...c.enrichers];
  const entry = compact<NetworkCollection>({
    name: c.name,
    'ingest-enabled': c.ingest_enabled ? true : undefined,
    'local-paths': c.local_paths.map((m) => `${m.remote}=${m.local}`),
  });
  // An emptied chain is a setting too: it is written as [].
  const full = enrichers === undefined ? entry : { ...entry, enrichers };
  return Object.keys(full).length === 1 ? undefined : full;
}

export async function exportSources(ctx: TransactionContext): Promise<NetworkSource[]> {
  const sources = (await listSources(ctx, {})).data.sources;
  const collections = (await listCollections(ctx, { source: undefined })).data.collections;
  return byKey(sources, (s) => s.name).map((s) => {
    // A token or API key stays in the database: the file is for review and version control.
    const known = ctx.plugins.importers.types().includes(s.type);
    const shareable = known ? withoutSecrets(s.config, ctx.plugins.importers.get(s.type)) : s.config;
    const { base_path: basePath, ...config } = shareable as Record<string, unknown>;
    const entries = byKey(collections.filter((c) => c.source === s.name), (c) => c.name).flatMap((c) => collectionEntry(c) ?? []);
    return compact<NetworkSource>({
      name: s.name,
      type: s.type,
      'base-path': typeof basePath === 'string' ? basePath : undefined,
      config: isEmptyObject(config) ? undefined : config,
      collections: entries,
    });
  });
}

/** Enricher instances; the built-in ones every home has are written only when their config was changed. */
export async function exportEnrichers(ctx: TransactionContext): Promise<NetworkEnricher[]> {
  const enrichers = (await listEnrichers(ctx, {})).data.enrichers;
  return byKey(enrichers, (e) => e.id)
    .filter((e) => !(defaultIngestEnricherIds.includes(e.id) && isEmptyObject(e.config)))
    .map((e) => compact<NetworkEnricher>({ id: e.id, type: e.type, config: isEmptyObject(e.config) ? undefined : e.config }));
}

export async function exportProducers(ctx: TransactionContext): Promise<NetworkProducer[]> {
  const producers = (await listProducers(ctx, {})).data.producers;
  return byKey(producers, (p) => p.id).map((p) => compact<NetworkProducer>({ id: p.id, type: p.type, config: isEmptyObject(p.config) ? undefined : p.config }));
}
