// The catalog as scheduling sees it: plain, immutable Asset and Collection values with the orderings the
// resolver walks (a collection's items, a series' episodes). Only `ready` assets with a duration are eligible;
// the others are known (so a reference to them is not "unknown") but never scheduled.

export interface ChapterSpan {
  readonly startMs: number;
  readonly endMs: number;
}

export interface CatalogAsset {
  readonly id: string;
  readonly collectionId: string;
  readonly path: string;
  readonly state: 'new' | 'ready' | 'invalid' | 'missing';
  readonly durationMs: number | null;
  /** `episode`, `movie`, `bumper`, `commercial`, … as ingest classified it. */
  readonly kind: string;
  readonly title: string;
  readonly series: string | null;
  readonly season: number | null;
  readonly episode: number | null;
  readonly year: number | null;
  readonly tags: readonly string[];
  readonly chapters: readonly ChapterSpan[];
  readonly description: string | null;
  readonly categories: readonly string[];
}

export interface CatalogCollection {
  readonly id: string;
  /** `<source>/<name>`, as operators refer to it. */
  readonly name: string;
}

/** Longer items are never scheduled: a programming day must be able to absorb any overrun. */
export const maxSchedulableMs = 12 * 3_600_000;

export function isEligible(asset: CatalogAsset): boolean {
  return asset.state === 'ready' && asset.durationMs !== null && asset.durationMs > 0 && asset.durationMs <= maxSchedulableMs;
}

// Code-unit order, not locale order: the same on every machine, so schedules are too.
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Episode order: series, season, episode, then title, path and id so the order is total. */
export function compareCatalogOrder(a: CatalogAsset, b: CatalogAsset): number {
  return (
    compareText(a.series ?? '', b.series ?? '') ||
    (a.season ?? -1) - (b.season ?? -1) ||
    (a.episode ?? -1) - (b.episode ?? -1) ||
    compareText(a.title, b.title) ||
    compareText(a.path, b.path) ||
    compareText(a.id, b.id)
  );
}

/**
 * @example
 * const catalog = new CatalogSnapshot(assets, collections);
 * catalog.eligibleInSeries('Captain Comet') // ready episodes in S/E order
 */
export class CatalogSnapshot {
  readonly assets: ReadonlyMap<string, CatalogAsset>;
  readonly collections: ReadonlyMap<string, CatalogCollection>;
  private readonly byCollection = new Map<string, CatalogAsset[]>();
  private readonly bySeries = new Map<string, CatalogAsset[]>();
  private readonly ordered: readonly CatalogAsset[];

  constructor(assets: readonly CatalogAsset[], collections: readonly CatalogCollection[]) {
    this.assets = new Map(assets.map((a) => [a.id, a]));
    this.collections = new Map(collections.map((c) => [c.id, c]));
    this.ordered = assets.filter(isEligible).sort(compareCatalogOrder);
    for (const asset of this.ordered) {
      push(this.byCollection, asset.collectionId, asset);
      if (asset.series !== null) push(this.bySeries, asset.series, asset);
    }
  }

  /** Every eligible asset in catalog order. */
  eligible(): readonly CatalogAsset[] {
    return this.ordered;
  }

  eligibleInCollection(collectionId: string): readonly CatalogAsset[] {
    return this.byCollection.get(collectionId) ?? [];
  }

  eligibleInSeries(series: string, options: { season?: number | null; collectionId?: string | null } = {}): readonly CatalogAsset[] {
    const all = this.bySeries.get(series) ?? [];
    const { season, collectionId } = options;
    if ((season === undefined || season === null) && (collectionId === undefined || collectionId === null)) return all;
    return all.filter((a) => (season == null || a.season === season) && (collectionId == null || a.collectionId === collectionId));
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
