// What a pick airs as: an asset or a synthetic asset turned into a PickedItem, its slot content (with the
// chapter marks it may break at), its duration and its guide data, titled by the programs it was picked
// through. Pure; an asset picked through the same program is one shared (immutable) item.
import type { CatalogAsset } from '../../catalog/catalog-snapshot.js';
import type { Program, SyntheticAsset } from '../library/schedulable-asset.js';
import type { GuideInfo, SlotContent } from './schedule-day.js';

export interface PickedItem {
  readonly content: SlotContent;
  readonly durationMs: number;
  readonly guide: GuideInfo;
  readonly allowBreaks: boolean;
  readonly programId: string | null;
}

const itemCache = new WeakMap<CatalogAsset, Map<Program | null, PickedItem>>();

/** An asset picked through the same program (or none) is always the same item: made once, shared (items are immutable). */
export function assetItem(asset: CatalogAsset, path: readonly Program[]): PickedItem {
  if (path.length > 1) return makeAssetItem(asset, path);
  let perAsset = itemCache.get(asset);
  if (!perAsset) itemCache.set(asset, (perAsset = new Map()));
  const by = path[0] ?? null;
  let item = perAsset.get(by);
  if (!item) perAsset.set(by, (item = makeAssetItem(asset, path)));
  return item;
}

function makeAssetItem(asset: CatalogAsset, path: readonly Program[]): PickedItem {
  const innermost = path[path.length - 1];
  const durationMs = asset.durationMs as number;
  const breakPointsMs = [...new Set(asset.chapters.map((c) => Math.round(c.startMs)))].filter((t) => t > 0 && t < durationMs).sort((a, b) => a - b);
  return {
    content: { kind: 'asset', assetId: asset.id, path: asset.path, breakPointsMs },
    durationMs,
    guide: guideForAsset(asset, path),
    allowBreaks: innermost?.allowBreaks ?? false,
    programId: innermost?.id ?? null,
  };
}

export function syntheticItem(synthetic: SyntheticAsset): PickedItem {
  return {
    content: { kind: 'synthetic', syntheticAssetId: synthetic.id, synthetic: synthetic.kind, text: synthetic.text },
    durationMs: synthetic.durationMs,
    guide: { title: synthetic.name, subtitle: null, description: null, season: null, episode: null, year: null, categories: [] },
    allowBreaks: false,
    programId: null,
  };
}

/** Series content is titled by its series with the episode as sub-title; anything else by its own title. */
export function guideForAsset(asset: CatalogAsset, path: readonly Program[]): GuideInfo {
  const framing = [...path].reverse().find((p) => p.kind === 'series' || p.kind === 'movie');
  const seriesLike = framing ? framing.kind === 'series' : asset.series !== null;
  const title = seriesLike ? (asset.series ?? framing?.name ?? asset.title) : asset.title;
  const innermost = path[path.length - 1];
  return {
    title,
    subtitle: seriesLike && asset.title !== title ? asset.title : null,
    description: asset.description ?? innermost?.description ?? null,
    season: seriesLike ? asset.season : null,
    episode: seriesLike ? asset.episode : null,
    year: asset.year,
    categories: [...new Set([...asset.categories, ...path.flatMap((p) => p.categories)])],
  };
}
