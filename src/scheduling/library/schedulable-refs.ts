// How operators name what a zone holds (`--item`) and what a program's asset_chain links to (`--link`):
// `kind:name`. Each is resolved against the database here, and a miss is one line naming the reference.
//   program:<name>  virtual:<name>  synthetic:<name>  asset:<uuid>
//   collection:<source>/<name>  series:<name>  series:<name>:<season>   (chain links only)
import type { Kysely } from 'kysely';
import { findAssetId, seriesExists } from '../../catalog/asset-repository.js';
import { requireCollection } from '../../catalog/collection-repository.js';
import { RetroVueError } from '../../core/errors.js';
import type { Schema } from '../../db/schema.js';
import type { ChainLink, SchedulableAssetRef } from './schedulable-asset.js';
import { findProgramByName } from './program-repository.js';
import { findSyntheticAssetByName, findVirtualAssetByName } from './schedulable-asset-repository.js';

const itemKinds = ['program', 'asset', 'virtual', 'synthetic'] as const;
const linkKinds = [...itemKinds, 'collection', 'series'] as const;

function split(text: string, option: string, kinds: readonly string[]): { kind: string; name: string } {
  const colon = text.indexOf(':');
  const kind = colon > 0 ? text.slice(0, colon).trim().toLowerCase() : '';
  const name = colon > 0 ? text.slice(colon + 1).trim() : '';
  if (!kinds.includes(kind) || name.length === 0) {
    throw new RetroVueError('invalid_input', `${option} must be <kind>:<name> with kind one of ${kinds.join(', ')} (e.g. program:Cheers); got "${text}"`);
  }
  return { kind, name };
}

async function programId(db: Kysely<Schema>, name: string, option: string): Promise<string> {
  const program = await findProgramByName(db, name);
  if (!program) throw new RetroVueError('not_found', `${option} program:${name}: program "${name}" does not exist; see retrovue program list`);
  return program.id;
}

async function virtualId(db: Kysely<Schema>, name: string, option: string): Promise<string> {
  const virtual = await findVirtualAssetByName(db, name);
  if (!virtual) throw new RetroVueError('not_found', `${option} virtual:${name}: virtual asset "${name}" does not exist; see retrovue virtual-asset list`);
  return virtual.id;
}

async function syntheticId(db: Kysely<Schema>, name: string, option: string): Promise<string> {
  const synthetic = await findSyntheticAssetByName(db, name);
  if (!synthetic) throw new RetroVueError('not_found', `${option} synthetic:${name}: synthetic asset "${name}" does not exist; see retrovue synthetic-asset list`);
  return synthetic.id;
}

async function assetId(db: Kysely<Schema>, id: string, option: string): Promise<string> {
  const known = await findAssetId(db, id);
  if (known === undefined) throw new RetroVueError('not_found', `${option} asset:${id}: asset ${id} does not exist; see retrovue asset list (assets are named by id)`);
  return known;
}

/** A zone's `--item`. */
export async function resolveItem(db: Kysely<Schema>, text: string, option = '--item'): Promise<SchedulableAssetRef> {
  const { kind, name } = split(text, option, itemKinds);
  switch (kind) {
    case 'program':
      return { kind: 'program', programId: await programId(db, name, option) };
    case 'virtual':
      return { kind: 'virtual', virtualAssetId: await virtualId(db, name, option) };
    case 'synthetic':
      return { kind: 'synthetic', syntheticAssetId: await syntheticId(db, name, option) };
    default:
      return { kind: 'asset', assetId: await assetId(db, name, option) };
  }
}

/** How strictly links are resolved: a network file may name a series its collections will bring at ingest. */
export interface LinkResolution {
  /** Accept a series no asset has yet (network apply, before the first ingest). */
  readonly pendingSeries?: boolean;
}

/** A program's `--link`. */
export async function resolveLink(db: Kysely<Schema>, text: string, option = '--link', resolution: LinkResolution = {}): Promise<ChainLink> {
  const { kind, name } = split(text, option, linkKinds);
  switch (kind) {
    case 'collection': {
      try {
        return { kind: 'collection', collectionId: (await requireCollection(db, name)).collection.id };
      } catch (error) {
        throw new RetroVueError('not_found', `${option} collection:${name}: collection "${name}" does not exist; see retrovue collection list (refer to it as <source>/<name>)`, { cause: error });
      }
    }
    case 'series': {
      const season = /^(.*\S):(\d{1,4})$/.exec(name);
      const series = season ? (season[1] as string) : name;
      if (!resolution.pendingSeries && !(await seriesExists(db, series))) throw new RetroVueError('not_found', `${option} series:${name}: no asset of series "${series}" is in the catalog; see retrovue asset list --series`);
      return { kind: 'series', series, season: season ? Number(season[2]) : null, collectionId: null };
    }
    default:
      return (await resolveItem(db, text, option)) as ChainLink;
  }
}

/** A zone's `--item` values, in order. */
export async function resolveItems(db: Kysely<Schema>, texts: readonly string[]): Promise<SchedulableAssetRef[]> {
  const refs: SchedulableAssetRef[] = [];
  for (const text of texts) refs.push(await resolveItem(db, text));
  return refs;
}

/** A program's `--link` values: its asset_chain, in order. */
export async function resolveChain(db: Kysely<Schema>, texts: readonly string[], resolution: LinkResolution = {}): Promise<ChainLink[]> {
  const chain: ChainLink[] = [];
  for (const text of texts) chain.push(await resolveLink(db, text, '--link', resolution));
  return chain;
}
