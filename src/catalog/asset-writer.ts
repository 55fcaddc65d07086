// Writes ingest results: each batch of enriched items in one transaction (an asset and its ProviderRef
// together, or neither), and vanished assets marked missing.
import type { Kysely } from 'kysely';
import type { AssetRowUpdate, Schema } from '../db/schema.js';
import type { AssetDraft } from '../plugins/enricher.js';
import type { KnownAsset } from './asset-repository.js';
import { stateOf } from './asset-state.js';

export interface EnrichedItem {
  readonly draft: AssetDraft;
  readonly existing?: KnownAsset;
}

/** Columns an ingest owns; operator-set ones (operator_fields) are left alone on re-ingest. */
function ingestColumns(draft: AssetDraft, now: Date, enrichedWith: string) {
  const state = stateOf(draft);
  return {
    path: draft.path,
    relative_path: draft.relativePath,
    size_bytes: draft.sizeBytes,
    mtime_ms: draft.mtimeMs,
    state,
    invalid_reason: state === 'invalid' ? (draft.invalidReason ?? 'invalid') : null,
    duration_ms: state === 'invalid' ? null : (draft.durationMs ?? null),
    container: draft.container ?? null,
    video: draft.video ? JSON.stringify(draft.video) : null,
    audio: JSON.stringify(draft.audio),
    chapters: JSON.stringify(draft.chapters),
    kind: draft.kind,
    title: draft.title,
    series: draft.series ?? null,
    season: draft.season ?? null,
    episode: draft.episode ?? null,
    year: draft.year ?? null,
    metadata: JSON.stringify(draft.metadata),
    updated_at: now,
    enriched_at: now,
    enriched_with: enrichedWith,
    missing_since: null,
  };
}

export interface BatchTarget {
  readonly collectionId: string;
  readonly sourceId: string;
  readonly importer: string;
  /** The enricher chain that produced the batch (see chainSignature). */
  readonly chainSignature: string;
}

export async function writeBatch(db: Kysely<Schema>, target: BatchTarget, batch: readonly EnrichedItem[], now: Date): Promise<void> {
  if (batch.length === 0) return;
  await db.transaction().execute(async (trx) => {
    const fresh = batch.filter((b) => !b.existing);
    if (fresh.length > 0) {
      const inserted = await trx
        .insertInto('asset')
        .values(fresh.map((b) => ({ ...ingestColumns(b.draft, now, target.chainSignature), collection_id: target.collectionId, created_at: now })))
        .returning(['id', 'relative_path'])
        .execute();
      // Rows come back in insertion order; the relative path pairs them with their items regardless.
      const idOf = new Map(inserted.map((r) => [r.relative_path, r.id]));
      await trx
        .insertInto('provider_ref')
        .values(
          fresh.map((b) => ({
            asset_id: idOf.get(b.draft.relativePath) as string,
            source_id: target.sourceId,
            importer: target.importer,
            external_id: b.draft.providerKey,
          })),
        )
        .execute();
    }
    for (const b of batch) {
      if (!b.existing) continue;
      const columns: AssetRowUpdate = ingestColumns(b.draft, now, target.chainSignature);
      if (b.existing.operatorFields.includes('title')) delete columns.title;
      await trx.updateTable('asset').set(columns).where('id', '=', b.existing.id).execute();
    }
  });
}

export async function markMissing(db: Kysely<Schema>, assetIds: readonly string[], now: Date): Promise<void> {
  if (assetIds.length === 0) return;
  await db.updateTable('asset').set({ state: 'missing', missing_since: now, updated_at: now }).where('id', 'in', assetIds).execute();
}
