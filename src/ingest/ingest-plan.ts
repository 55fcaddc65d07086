// Decides, without touching any file or row, what an ingest must do: which discovered items need
// probing (new, changed, or back after going missing), which are unchanged, and which assets vanished.
import type { KnownAsset } from '../catalog/asset-repository.js';
import type { DiscoveredItem } from '../plugins/importer.js';

export interface ProbeTask {
  readonly item: DiscoveredItem;
  /** The asset this item already is (matched on its ProviderRef), if any. */
  readonly existing?: KnownAsset;
}

export interface IngestPlan {
  readonly toProbe: readonly ProbeTask[];
  readonly unchanged: number;
  readonly vanished: readonly KnownAsset[];
}

/**
 * @param inScope limits which known assets can vanish (an ingest of a sub-path must not mark the rest missing).
 * @param chainSignature the collection's current enricher chain: an asset enriched by another chain is re-enriched
 *   (an operator who attaches ffprobe later gets durations without touching the files).
 */
export function planIngest(
  items: readonly DiscoveredItem[],
  known: readonly KnownAsset[],
  inScope: (providerKey: string) => boolean = () => true,
  chainSignature?: string,
): IngestPlan {
  const byKey = new Map(known.map((asset) => [asset.providerKey, asset]));
  const seen = new Set<string>();
  const toProbe: ProbeTask[] = [];
  let unchanged = 0;
  for (const item of items) {
    seen.add(item.providerKey);
    const existing = byKey.get(item.providerKey);
    if (!existing) {
      toProbe.push({ item });
    } else if (
      existing.state === 'missing' ||
      existing.sizeBytes !== item.sizeBytes ||
      existing.mtimeMs !== item.mtimeMs ||
      (chainSignature !== undefined && existing.enrichedWith !== chainSignature)
    ) {
      toProbe.push({ item, existing });
    } else {
      unchanged++;
    }
  }
  const vanished = known.filter((asset) => asset.state !== 'missing' && !seen.has(asset.providerKey) && inScope(asset.providerKey));
  return { toProbe, unchanged, vanished };
}
