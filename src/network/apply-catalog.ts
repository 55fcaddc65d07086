// `network apply`, catalog half: enricher and producer instances, sources (discovered when new or when a
// declared collection is not there yet) and the settings of their collections, each through its command.
import type { NetworkCollection, NetworkEnricher, NetworkProducer, NetworkSource } from '../../generated/network-schema.js';
import { attachEnricher, detachEnricher, updateCollection } from '../catalog/collection-commands.js';
import { enricherOrder, listCollectionRows, requireCollection } from '../catalog/collection-repository.js';
import { addEnricher, updateEnricher } from '../catalog/enricher-commands.js';
import { defaultIngestEnricherIds, findEnricher } from '../catalog/enricher-repository.js';
import { findProducer } from '../catalog/producer-repository.js';
import { addSource, updateSource } from '../catalog/source-commands.js';
import { findSource } from '../catalog/source-repository.js';
import { isRetroVueError, RetroVueError } from '../core/errors.js';
import { discoverSource } from '../ingest/ingest-commands.js';
import { addProducer } from '../playout/producer-commands.js';
import type { Importer } from '../plugins/importer.js';
import { secretFields } from '../plugins/secret-config.js';
import { type ApplyContext, atObject, immutable } from './apply-step.js';
import { sameJson } from './network-values.js';

/** A new source needs the secrets its importer requires; an exported file leaves them out, so say how to give them. */
function assertSecretsGiven(importer: Importer<unknown>, s: NetworkSource): void {
  const required = (importer.configSchema['required'] ?? []) as string[];
  const missing = secretFields(importer).filter((f) => required.includes(f) && (s.config as Record<string, unknown> | undefined)?.[f] === undefined);
  if (missing.length === 0) return;
  const option = `--${(missing[0] as string).replace(/_/g, '-')}`;
  throw new RetroVueError(
    'invalid_input',
    `its ${missing.join(', ')} is missing (network export leaves secrets out): add it under the source's config in the file, or add the source first with retrovue source add --type ${s.type} --name ${s.name} ${option} …`,
  );
}

const configText = (config: Readonly<Record<string, unknown>> | undefined): string => JSON.stringify(config ?? {});

export async function applyEnrichers(apply: ApplyContext, enrichers: readonly NetworkEnricher[]): Promise<void> {
  const { ctx } = apply;
  for (const [i, e] of enrichers.entries()) {
    await atObject(apply, ['enrichers', i], `enricher "${e.id}"`, async () => {
      const current = await findEnricher(ctx.db, e.id);
      if (!current) return void (await addEnricher(ctx, { id: e.id, type: e.type, config: configText(e.config) }));
      if (current.type !== e.type) throw immutable(`enricher "${e.id}"`, 'type', current.type, e.type, 'give the new instance another id');
      if (!sameJson(current.config, e.config ?? {})) await updateEnricher(ctx, { id: e.id, config: configText(e.config) });
    });
  }
}

export async function applyProducers(apply: ApplyContext, producers: readonly NetworkProducer[]): Promise<void> {
  const { ctx } = apply;
  for (const [i, p] of producers.entries()) {
    await atObject(apply, ['producers', i], `producer "${p.id}"`, async () => {
      const current = await findProducer(ctx.db, p.id);
      if (!current) return void (await addProducer(ctx, { id: p.id, type: p.type, config: configText(p.config) }));
      if (current.type !== p.type) throw immutable(`producer "${p.id}"`, 'type', current.type, p.type, 'give the new instance another id');
      if (!sameJson(current.config, p.config ?? {})) throw immutable(`producer "${p.id}"`, 'config', current.config, p.config ?? {}, 'producers have no update: give the new configuration another id');
    });
  }
}

/** Makes or updates the source row; says whether it is new, its config (base path) changed, or neither: discovery runs on the first two. */
async function applySourceRow(apply: ApplyContext, s: NetworkSource, i: number): Promise<'created' | 'changed' | 'same'> {
  const { ctx } = apply;
  return atObject(apply, ['sources', i], `source "${s.name}"`, async () => {
    const current = await findSource(ctx.db, s.name);
    const config = s.config === undefined ? undefined : configText(s.config);
    const options = { basePath: s['base-path'], url: undefined, token: undefined, apiKey: undefined };
    if (!current) {
      assertSecretsGiven(ctx.plugins.importers.get(s.type), s);
      await addSource(ctx, { type: s.type, name: s.name, config, ...options });
      return 'created';
    }
    if (current.type !== s.type) throw immutable(`source "${s.name}"`, 'type', current.type, s.type, 'remove the source and add it again');
    const { data } = await updateSource(ctx, { source: s.name, name: undefined, config: config ?? '{}', ...options });
    return data.changed.includes('config') ? 'changed' : 'same';
  });
}

/** Whether the collection is there; only "not found" means no (a database failure is not swallowed). */
async function collectionExists(apply: ApplyContext, ref: string): Promise<boolean> {
  try {
    await requireCollection(apply.ctx.db, ref);
    return true;
  } catch (error) {
    if (isRetroVueError(error) && error.code === 'not_found') return false;
    throw error;
  }
}

async function collectionMissing(apply: ApplyContext, source: string, collections: readonly NetworkCollection[]): Promise<boolean> {
  for (const c of collections) {
    if (!(await collectionExists(apply, `${source}/${c.name}`))) return true;
  }
  return false;
}

/** A collection's settings as declared; what it leaves out is what discovery gives every collection. */
export async function applyCollection(apply: ApplyContext, ref: string, c: Omit<NetworkCollection, 'name'>): Promise<void> {
  const { ctx } = apply;
  const paths = c['local-paths'] ?? [];
  await updateCollection(ctx, { collection: ref, ingestEnabled: c['ingest-enabled'] ?? false, localPath: paths.length > 0 ? paths : undefined, clearLocalPaths: paths.length === 0 });
  const wanted = c.enrichers ?? defaultIngestEnricherIds;
  const { collection } = await requireCollection(ctx.db, ref);
  const chain = await enricherOrder(ctx.db, collection.id);
  if (chain.join(',') === wanted.join(',')) return;
  for (const id of chain) await detachEnricher(ctx, { collection: ref, enricher: id });
  for (const id of wanted) await attachEnricher(ctx, { collection: ref, enricher: id, position: undefined });
}

/**
 * Discovers a source when it is new (its collections are what interstitials and programs may name, declared
 * or not), when its config changed and it declares collections, or when a declared one is not there: the
 * names found (gone ones left out). A changed source declaring none is not reached for (a server may be down).
 */
async function discovered(apply: ApplyContext, s: NetworkSource, i: number, row: 'created' | 'changed' | 'same'): Promise<Set<string> | undefined> {
  const declared = s.collections ?? [];
  const due = row === 'created' || (declared.length > 0 && (row === 'changed' || (await collectionMissing(apply, s.name, declared))));
  if (!due) return undefined;
  const { data } = await atObject(apply, ['sources', i], `source "${s.name}"`, () => discoverSource(apply.ctx, { source: s.name }));
  return new Set(data.collections.filter((c) => c.status !== 'gone').map((c) => c.collection.name));
}

export async function applySources(apply: ApplyContext, sources: readonly NetworkSource[]): Promise<void> {
  for (const [i, s] of sources.entries()) {
    const found = await discovered(apply, s, i, await applySourceRow(apply, s, i));
    for (const [j, c] of (s.collections ?? []).entries()) {
      const ref = `${s.name}/${c.name}`;
      await atObject(apply, ['sources', i, 'collections', j], `collection "${ref}"`, async () => {
        if (!(found ? found.has(c.name) : await collectionExists(apply, ref))) {
          const rows = await listCollectionRows(apply.ctx.db, { sourceId: (await findSource(apply.ctx.db, s.name))?.id ?? '' });
          const names = rows.map((r) => r.name).filter((n) => found?.has(n) ?? true);
          throw new RetroVueError('not_found', `source "${s.name}" has no collection "${c.name}" after discovery (it has: ${names.join(', ') || 'none'})`);
        }
        await applyCollection(apply, ref, c);
      });
    }
  }
}
