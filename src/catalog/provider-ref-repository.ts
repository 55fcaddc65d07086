// ProviderRefs across a source's collections: a ref is unique within its source (a media server's item id),
// so an item the server now lists in another library still belongs to the asset of the collection it was
// first ingested in. These find such assets and move one to the collection that lists it now.
import type { Kysely } from 'kysely';
import type { AssetState, Schema } from '../db/schema.js';

export interface HeldElsewhere {
  readonly assetId: string;
  readonly key: string;
  /** The name of the collection holding the asset. */
  readonly collection: string;
  readonly state: AssetState;
}

/** Keys per query: far below PostgreSQL's bind-parameter limit, whatever the library's size. */
const chunk = 1000;

/** The assets of `sourceId` outside `collectionId` whose ProviderRef is one of `keys`. */
export async function heldElsewhere(db: Kysely<Schema>, sourceId: string, collectionId: string, keys: readonly string[]): Promise<HeldElsewhere[]> {
  const found: HeldElsewhere[] = [];
  for (let at = 0; at < keys.length; at += chunk) {
    const rows = await db
      .selectFrom('provider_ref')
      .innerJoin('asset', 'asset.id', 'provider_ref.asset_id')
      .innerJoin('collection', 'collection.id', 'asset.collection_id')
      .select(['asset.id', 'provider_ref.external_id', 'collection.name', 'asset.state'])
      .where('provider_ref.source_id', '=', sourceId)
      .where('asset.collection_id', '!=', collectionId)
      .where('provider_ref.external_id', 'in', keys.slice(at, at + chunk))
      .execute();
    found.push(...rows.map((r) => ({ assetId: r.id, key: r.external_id, collection: r.name, state: r.state })));
  }
  return found;
}

/** Moves assets (with their ProviderRefs) into another collection of the same source. */
export async function moveAssets(db: Kysely<Schema>, assetIds: readonly string[], collectionId: string, now: Date): Promise<void> {
  if (assetIds.length === 0) return;
  await db.updateTable('asset').set({ collection_id: collectionId, updated_at: now }).where('id', 'in', assetIds).execute();
}
