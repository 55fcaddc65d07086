// Turns one discovered item into an AssetDraft by running the collection's ingest enrichers in order
// (the catalog decides the asset's state from the result: src/catalog/asset-state.ts).
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { sidecarTrack } from '../media/sidecar-subtitles.js';
import type { AssetDraft, IngestEnricher } from '../plugins/enricher.js';
import type { DiscoveredItem } from '../plugins/importer.js';
import { runPlugin } from '../plugins/run-plugin.js';

export interface AttachedEnricher {
  readonly id: string;
  readonly plugin: IngestEnricher<any>;
  readonly config: Record<string, unknown>;
}

/** Identifies an enricher chain (ids, types, configs, order): assets remember which chain made them. */
export function chainSignature(chain: readonly AttachedEnricher[]): string {
  const canonical = JSON.stringify(chain.map((e) => [e.id, e.plugin.type, Object.entries(e.config).sort(([a], [b]) => a.localeCompare(b))]));
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/** What the source curates (title, series, summary, artwork…) as the draft's fields and metadata; the file name only fills gaps. */
function curated(item: DiscoveredItem): Partial<AssetDraft> {
  const m = item.metadata;
  if (m === undefined && item.sourcePath === undefined) return {};
  const extra: Record<string, unknown> = {};
  if (m?.summary !== undefined) extra['summary'] = m.summary;
  if (m?.genres !== undefined && m.genres.length > 0) extra['genres'] = [...m.genres];
  if (m?.contentRating !== undefined) extra['content_rating'] = m.contentRating;
  if (m?.artwork !== undefined && Object.keys(m.artwork).length > 0) extra['artwork'] = { ...m.artwork };
  if (item.sourcePath !== undefined) extra['source_path'] = item.sourcePath;
  return {
    ...(m?.kind !== undefined ? { kind: m.kind } : {}),
    ...(m?.title !== undefined && m.title.trim() !== '' ? { title: m.title } : {}),
    ...(m?.series !== undefined ? { series: m.series } : {}),
    ...(m?.season !== undefined ? { season: m.season } : {}),
    ...(m?.episode !== undefined ? { episode: m.episode } : {}),
    ...(m?.year !== undefined ? { year: m.year } : {}),
    metadata: extra,
  };
}

export function initialDraft(item: DiscoveredItem): AssetDraft {
  return {
    path: item.path,
    relativePath: item.relativePath,
    providerKey: item.providerKey,
    ...(item.version === undefined ? {} : { providerVersion: item.version }),
    sizeBytes: item.sizeBytes,
    mtimeMs: item.mtimeMs,
    audio: [],
    // A sidecar's track is known from its name alone, whichever enrichers the collection runs.
    subtitles: (item.sidecars ?? []).map((s) => sidecarTrack(item.path, s.path)),
    sidecars: item.sidecars ?? [],
    chapters: [],
    kind: 'unknown',
    title: basename(item.relativePath, extname(item.relativePath)),
    metadata: {},
    ...curated(item),
    ...(item.problem === undefined ? {} : { invalidReason: item.problem }),
  };
}

export function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : Object.assign(new Error('ingest interrupted'), { name: 'AbortError' });
}

export async function enrichItem(item: DiscoveredItem, chain: readonly AttachedEnricher[], signal?: AbortSignal): Promise<AssetDraft> {
  let draft = initialDraft(item);
  for (const enricher of chain) {
    const input = draft;
    draft = await runPlugin('enricher', `${enricher.id} (${enricher.plugin.type})`, item.relativePath, () =>
      enricher.plugin.enrich(input, enricher.config, signal ? { signal } : {}),
    );
    // A result finished after an interrupt may stem from a killed tool: never record it.
    if (signal?.aborted) throw abortError(signal);
  }
  return draft;
}
