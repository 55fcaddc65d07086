// An item a media server lists in this collection whose ProviderRef an asset of another collection of the
// same source holds (the item moved between the server's libraries, or two libraries share a folder).
// Inserting it again would break the ref's uniqueness and fail the whole ingest; instead an asset gone
// missing there moves here (it keeps its id, so schedules naming it still do), and one still listed
// there stays there, the item skipped with the fix.
import type { Kysely } from 'kysely';
import { heldElsewhere, moveAssets } from '../catalog/provider-ref-repository.js';
import { collectionRef } from '../catalog/catalog-ref.js';
import type { Schema } from '../db/schema.js';
import type { DiscoveredItem, SkippedEntry } from '../plugins/importer.js';

export interface ClaimTarget {
  readonly sourceId: string;
  readonly sourceName: string;
  readonly collectionId: string;
}

/** The items this collection may take; moves the missing assets they belong to, unless `dryRun`. */
export async function claimMovedItems(
  db: Kysely<Schema>,
  target: ClaimTarget,
  items: readonly DiscoveredItem[],
  skipped: SkippedEntry[],
  options: { readonly dryRun: boolean; readonly now: Date },
): Promise<DiscoveredItem[]> {
  const held = await heldElsewhere(db, target.sourceId, target.collectionId, items.map((i) => i.providerKey));
  if (held.length === 0) return [...items];
  const moving = held.filter((h) => h.state === 'missing');
  if (!options.dryRun) await moveAssets(db, moving.map((h) => h.assetId), target.collectionId, options.now);
  const staying = new Map(held.filter((h) => h.state !== 'missing').map((h) => [h.key, h.collection]));
  return items.filter((item) => {
    const other = staying.get(item.providerKey);
    if (other === undefined) return true;
    const there = collectionRef(target.sourceName, other);
    skipped.push({
      path: item.relativePath,
      reason: `the server's item ${item.providerKey} is an asset of collection ${there}, which still lists it; if it moved here, ingest ${there} first (it is then marked missing there), then ingest this collection again`,
    });
    return false;
  });
}
