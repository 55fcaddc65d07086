// Program persistence (programs and their asset chains) and the loader of the whole SchedulingLibrary:
// the only place that reads or writes program and program_link.
import { type Kysely, sql } from 'kysely';
import type { Schema } from '../../db/schema.js';
import type { ChainLink, PlayMode, Program, ProgramKind, SchedulingLibrary } from './schedulable-asset.js';
import { schedulingLibrary } from './schedulable-asset.js';
import { loadSyntheticAssets, loadVirtualAssets } from './schedulable-asset-repository.js';

export type ProgramDraft = Omit<Program, 'id'>;

export async function insertProgram(db: Kysely<Schema>, draft: ProgramDraft): Promise<Program> {
  const { id } = await db
    .insertInto('program')
    .values({
      name: draft.name,
      kind: draft.kind,
      play_mode: draft.playMode,
      allow_breaks: draft.allowBreaks,
      description: draft.description,
      categories: [...draft.categories],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceProgramChain(db, id, draft.assetChain);
  return { id, ...draft };
}

export async function updateProgram(db: Kysely<Schema>, id: string, changes: Partial<ProgramDraft>): Promise<void> {
  await db
    .updateTable('program')
    .set({
      ...(changes.name === undefined ? {} : { name: changes.name }),
      ...(changes.kind === undefined ? {} : { kind: changes.kind }),
      ...(changes.playMode === undefined ? {} : { play_mode: changes.playMode }),
      ...(changes.allowBreaks === undefined ? {} : { allow_breaks: changes.allowBreaks }),
      ...(changes.description === undefined ? {} : { description: changes.description }),
      ...(changes.categories === undefined ? {} : { categories: [...changes.categories] }),
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute();
  if (changes.assetChain !== undefined) await replaceProgramChain(db, id, changes.assetChain);
}

export async function deleteProgram(db: Kysely<Schema>, id: string): Promise<void> {
  await db.deleteFrom('program').where('id', '=', id).execute();
}

/** The program's asset_chain, in order, replacing what it held. */
export async function replaceProgramChain(db: Kysely<Schema>, programId: string, chain: readonly ChainLink[]): Promise<void> {
  await db.deleteFrom('program_link').where('program_id', '=', programId).execute();
  if (chain.length === 0) return;
  await db
    .insertInto('program_link')
    .values(
      chain.map((link, position) => ({
        program_id: programId,
        position,
        kind: link.kind,
        asset_id: link.kind === 'asset' ? link.assetId : null,
        collection_id: link.kind === 'collection' ? link.collectionId : link.kind === 'series' ? link.collectionId : null,
        series: link.kind === 'series' ? link.series : null,
        season: link.kind === 'series' ? link.season : null,
        child_program_id: link.kind === 'program' ? link.programId : null,
        virtual_asset_id: link.kind === 'virtual' ? link.virtualAssetId : null,
        synthetic_asset_id: link.kind === 'synthetic' ? link.syntheticAssetId : null,
      })),
    )
    .execute();
}

export async function findProgramByName(db: Kysely<Schema>, name: string): Promise<Program | undefined> {
  return (await loadPrograms(db, name))[0];
}

/** Every program (or the one named) with its chain. */
export async function loadPrograms(db: Kysely<Schema>, name?: string): Promise<Program[]> {
  let query = db.selectFrom('program').select(['id', 'name', 'kind', 'play_mode', 'allow_breaks', 'description', 'categories']).orderBy('name');
  if (name !== undefined) query = query.where('name', '=', name);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const links = await db.selectFrom('program_link').selectAll().where('program_id', 'in', rows.map((r) => r.id)).orderBy('program_id').orderBy('position').execute();
  const chains = new Map<string, ChainLink[]>();
  for (const link of links) {
    const list = chains.get(link.program_id) ?? [];
    list.push(linkOf(link));
    chains.set(link.program_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind as ProgramKind,
    playMode: r.play_mode as PlayMode,
    assetChain: chains.get(r.id) ?? [],
    allowBreaks: r.allow_breaks,
    description: r.description,
    categories: r.categories,
  }));
}

function linkOf(row: Schema['program_link']): ChainLink {
  switch (row.kind) {
    case 'asset':
      return { kind: 'asset', assetId: row.asset_id as string };
    case 'collection':
      return { kind: 'collection', collectionId: row.collection_id as string };
    case 'series':
      return { kind: 'series', series: row.series as string, season: row.season, collectionId: row.collection_id };
    case 'program':
      return { kind: 'program', programId: row.child_program_id as string };
    case 'virtual':
      return { kind: 'virtual', virtualAssetId: row.virtual_asset_id as string };
    default:
      return { kind: 'synthetic', syntheticAssetId: row.synthetic_asset_id as string };
  }
}

/** Every Program, VirtualAsset and SyntheticAsset: what zones and chains may refer to. */
export async function loadSchedulingLibrary(db: Kysely<Schema>): Promise<SchedulingLibrary> {
  const programs = await loadPrograms(db);
  const virtualAssets = await loadVirtualAssets(db);
  const syntheticAssets = await loadSyntheticAssets(db);
  return schedulingLibrary({ programs, virtualAssets, syntheticAssets });
}
