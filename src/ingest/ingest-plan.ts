// Decides, without touching any file or row, what an ingest must do: which discovered items need
// probing (new, changed, or back after going missing), which are unchanged, and which assets vanished.
import type { KnownAsset } from '../catalog/asset-repository.js';
import { isTransientProbeFailure } from '../media/probe-failure.js';
import type { SidecarFile } from '../media/sidecar-subtitles.js';
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
 * @param inScope limits which known assets can vanish (by where their file is) (an ingest of a sub-path must not mark the rest missing).
 * @param chainSignature the collection's current enricher chain: an asset enriched by another chain is re-enriched
 *   (an operator who attaches ffprobe later gets durations without touching the files).
 * @param reprobe every item is probed again, changed or not (`collection ingest --reprobe`).
 *   Without it, an asset invalid for a transient reason (unreadable, timed out) is probed again anyway.
 */
export function planIngest(
  items: readonly DiscoveredItem[],
  known: readonly KnownAsset[],
  inScope: (asset: KnownAsset) => boolean = () => true,
  chainSignature?: string,
  reprobe = false,
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
      reprobe ||
      existing.state === 'missing' ||
      (existing.state === 'invalid' && isTransientProbeFailure(existing.invalidReason ?? '')) ||
      existing.sizeBytes !== item.sizeBytes ||
      existing.mtimeMs !== item.mtimeMs ||
      (item.version ?? null) !== existing.providerVersion ||
      sidecarsChanged(existing.sidecars, item.sidecars ?? []) ||
      (chainSignature !== undefined && existing.enrichedWith !== chainSignature)
    ) {
      toProbe.push({ item, existing });
    } else {
      unchanged++;
    }
  }
  const vanished = known.filter((asset) => asset.state !== 'missing' && !seen.has(asset.providerKey) && inScope(asset));
  return { toProbe, unchanged, vanished };
}

/** Whether the subtitle files beside a file differ from those recorded: one added, removed, or changed in size or mtime. */
function sidecarsChanged(recorded: readonly SidecarFile[], found: readonly SidecarFile[]): boolean {
  const key = (files: readonly SidecarFile[]) =>
    JSON.stringify(files.map((f) => [f.path, Number(f.sizeBytes), Number(f.mtimeMs)]).sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)));
  return key(recorded) !== key(found);
}
