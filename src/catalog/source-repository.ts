// Source persistence: the only place that reads or writes the source table.
import type { Kysely } from 'kysely';
import { RetroVueError } from '../core/errors.js';
import type { NewSourceRow, Schema, SourceRow, SourceRowUpdate } from '../db/schema.js';
import { isUuid } from './catalog-ref.js';

/** A source by id or by name, as an operator refers to it. */
export function findSource(db: Kysely<Schema>, ref: string): Promise<SourceRow | undefined> {
  return db
    .selectFrom('source')
    .selectAll()
    .where((eb) => (isUuid(ref) ? eb.or([eb('id', '=', ref), eb('name', '=', ref)]) : eb('name', '=', ref)))
    .executeTakeFirst();
}

export async function requireSource(db: Kysely<Schema>, ref: string): Promise<SourceRow> {
  const row = await findSource(db, ref);
  if (!row) throw new RetroVueError('not_found', `source "${ref}" does not exist; see retrovue source list`);
  return row;
}

/** Throws `conflict` when another source already has `name`. */
export async function assertSourceNameFree(db: Kysely<Schema>, name: string): Promise<void> {
  const taken = await db.selectFrom('source').select('id').where('name', '=', name).executeTakeFirst();
  if (taken) throw new RetroVueError('conflict', `source "${name}" already exists; pick another --name`);
}

export function listSourceRows(db: Kysely<Schema>): Promise<SourceRow[]> {
  return db.selectFrom('source').selectAll().orderBy('name').execute();
}

export function insertSource(db: Kysely<Schema>, row: NewSourceRow): Promise<SourceRow> {
  return db.insertInto('source').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateSourceRow(db: Kysely<Schema>, id: string, changes: SourceRowUpdate): Promise<SourceRow> {
  return db.updateTable('source').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Removes the source; its collections, assets and provider refs go with it (foreign keys cascade). */
export async function deleteSource(db: Kysely<Schema>, id: string): Promise<void> {
  await db.deleteFrom('source').where('id', '=', id).execute();
}

/** Source id → name, for the sources given. */
export async function sourceNames(db: Kysely<Schema>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('source').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((s) => [s.id, s.name]));
}
