// VirtualAsset and SyntheticAsset persistence: the only place that reads or writes virtual_asset and
// synthetic_asset.
import { type Kysely, sql } from 'kysely';
import type { Schema } from '../../db/schema.js';
import type { SyntheticKind } from '../../plugins/playlog-event.js';
import type { SyntheticAsset, VirtualAsset } from './schedulable-asset.js';

export async function insertVirtualAsset(db: Kysely<Schema>, draft: Omit<VirtualAsset, 'id'>): Promise<VirtualAsset> {
  const { id } = await db.insertInto('virtual_asset').values({ name: draft.name, ...ruleColumns(draft.rule) }).returning('id').executeTakeFirstOrThrow();
  return { id, ...draft };
}

export async function updateVirtualAsset(db: Kysely<Schema>, id: string, changes: Partial<Omit<VirtualAsset, 'id'>>): Promise<void> {
  await db
    .updateTable('virtual_asset')
    .set({ ...(changes.name === undefined ? {} : { name: changes.name }), ...(changes.rule ? ruleColumns(changes.rule) : {}), updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

function ruleColumns(rule: VirtualAsset['rule']) {
  return {
    collection_id: rule.collectionId,
    series: rule.series,
    kinds: [...rule.kinds],
    tags: [...rule.tags],
    min_duration_ms: rule.minDurationMs,
    max_duration_ms: rule.maxDurationMs,
    unplayed: rule.unplayed,
    pick_order: rule.order,
  };
}

export async function deleteVirtualAsset(db: Kysely<Schema>, id: string): Promise<void> {
  await db.deleteFrom('virtual_asset').where('id', '=', id).execute();
}

/** Every VirtualAsset (or the one named), by name. */
export async function loadVirtualAssets(db: Kysely<Schema>, name?: string): Promise<VirtualAsset[]> {
  let query = db.selectFrom('virtual_asset').selectAll().orderBy('name');
  if (name !== undefined) query = query.where('name', '=', name);
  return (await query.execute()).map((r) => ({
    id: r.id,
    name: r.name,
    rule: {
      collectionId: r.collection_id,
      series: r.series,
      kinds: r.kinds,
      tags: r.tags,
      minDurationMs: r.min_duration_ms === null ? null : Number(r.min_duration_ms),
      maxDurationMs: r.max_duration_ms === null ? null : Number(r.max_duration_ms),
      unplayed: r.unplayed,
      order: r.pick_order === 'catalog' ? 'catalog' : 'random',
    },
  }));
}

export async function insertSyntheticAsset(db: Kysely<Schema>, draft: Omit<SyntheticAsset, 'id'>): Promise<SyntheticAsset> {
  const { id } = await db
    .insertInto('synthetic_asset')
    .values({ name: draft.name, kind: draft.kind, duration_ms: draft.durationMs, text: draft.text })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, ...draft };
}

export async function updateSyntheticAsset(db: Kysely<Schema>, id: string, changes: Partial<Omit<SyntheticAsset, 'id'>>): Promise<void> {
  await db
    .updateTable('synthetic_asset')
    .set({
      ...(changes.name === undefined ? {} : { name: changes.name }),
      ...(changes.kind === undefined ? {} : { kind: changes.kind }),
      ...(changes.durationMs === undefined ? {} : { duration_ms: changes.durationMs }),
      ...(changes.text === undefined ? {} : { text: changes.text }),
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteSyntheticAsset(db: Kysely<Schema>, id: string): Promise<void> {
  await db.deleteFrom('synthetic_asset').where('id', '=', id).execute();
}

/** Every SyntheticAsset (or the one named), by name. */
export async function loadSyntheticAssets(db: Kysely<Schema>, name?: string): Promise<SyntheticAsset[]> {
  let query = db.selectFrom('synthetic_asset').selectAll().orderBy('name');
  if (name !== undefined) query = query.where('name', '=', name);
  return (await query.execute()).map((r) => ({ id: r.id, name: r.name, kind: r.kind as SyntheticKind, durationMs: Number(r.duration_ms), text: r.text }));
}

export async function findVirtualAssetByName(db: Kysely<Schema>, name: string): Promise<VirtualAsset | undefined> {
  return (await loadVirtualAssets(db, name))[0];
}

export async function findSyntheticAssetByName(db: Kysely<Schema>, name: string): Promise<SyntheticAsset | undefined> {
  return (await loadSyntheticAssets(db, name))[0];
}
