// Turns a SchedulableAsset into its next concrete item (picked-item.ts makes the item): a Program walks its
// asset_chain by play_mode (sequential resumes where the previous day stopped; shuffle and random are
// seeded), a VirtualAsset resolves its rule against the catalog, a SyntheticAsset is itself. Pure: a pick
// returns the item and a new state, so a caller that decides not to air the item simply keeps the old state.
import { RetroVueError } from '../../core/errors.js';
import type { CatalogAsset, CatalogSnapshot } from '../../catalog/catalog-snapshot.js';
import { isEligible } from '../../catalog/catalog-snapshot.js';
import type { IsoDate } from '../time/civil-date.js';
import type { ChainLink, Program, SchedulableAssetRef, SchedulingLibrary, SyntheticAsset, VirtualAsset } from '../library/schedulable-asset.js';
import type { ScheduleProgress, SequenceProgress } from './schedule-day.js';
import { drawIndex, seededPermutation } from '../library/seeded-random.js';
import { assetItem, type PickedItem, syntheticItem } from './picked-item.js';

export interface PickContext {
  readonly catalog: CatalogSnapshot;
  readonly library: SchedulingLibrary;
  readonly seed: string;
  readonly date: IsoDate;
}

export interface PickState {
  readonly progress: ScheduleProgress;
  /** How many random draws each program or VirtualAsset has made today (random picks are seeded by it). */
  readonly draws: Readonly<Record<string, number>>;
}

export interface Pick {
  readonly item: PickedItem;
  readonly state: PickState;
}

/** One step of a program's walk: an asset, or a nested SchedulableAsset that yields its own next item. */
type Unit =
  | { readonly key: string; readonly kind: 'asset'; readonly asset: CatalogAsset }
  | { readonly key: string; readonly kind: 'program'; readonly programId: string }
  | { readonly key: string; readonly kind: 'virtual'; readonly virtualAssetId: string }
  | { readonly key: string; readonly kind: 'synthetic'; readonly syntheticAssetId: string };

// Expansions depend only on the (immutable) catalog and definition objects: cache them per pair.
const unitCache = new WeakMap<CatalogSnapshot, WeakMap<Program, Unit[]>>();
const candidateCache = new WeakMap<CatalogSnapshot, WeakMap<VirtualAsset, CatalogAsset[]>>();
const permutationCache = new WeakMap<CatalogSnapshot, Map<string, number[]>>();
const keyIndexCache = new WeakMap<readonly Unit[], Map<string, number>>();
const maxNesting = 64;

export function pickSchedulable(ref: SchedulableAssetRef, state: PickState, ctx: PickContext): Pick | null {
  switch (ref.kind) {
    case 'asset': {
      const asset = ctx.catalog.assets.get(ref.assetId);
      return asset && isEligible(asset) ? { item: assetItem(asset, []), state } : null;
    }
    case 'program':
      return pickProgram(requireProgram(ctx, ref.programId), [], state, ctx);
    case 'virtual':
      return pickVirtual(requireVirtual(ctx, ref.virtualAssetId), [], state, ctx);
    case 'synthetic':
      return { item: syntheticItem(requireSynthetic(ctx, ref.syntheticAssetId)), state };
  }
}

function pickProgram(program: Program, outer: readonly Program[], state: PickState, ctx: PickContext): Pick | null {
  if (outer.length >= maxNesting) throw new RetroVueError('invalid_input', `program "${program.name}" nests programs more than ${maxNesting} deep`);
  const path = [...outer, program];
  const units = unitsOf(program, ctx);
  if (units.length === 0) return null;
  const tryUnit = (index: number, s: PickState) => pickUnit(units[index] as Unit, path, s, ctx);
  switch (program.playMode) {
    case 'sequential':
      return pickSequential(program, units, state, tryUnit);
    case 'shuffle':
      return pickShuffled(program, units, state, ctx, tryUnit);
    case 'random': {
      const draw = state.draws[program.id] ?? 0;
      const start = drawIndex(units.length, ctx.seed, ctx.date, 'random', program.name, draw);
      for (let i = 0; i < units.length; i++) {
        const pick = tryUnit((start + i) % units.length, state);
        if (pick) return { item: pick.item, state: { ...pick.state, draws: { ...pick.state.draws, [program.id]: draw + 1 } } };
      }
      return null;
    }
  }
}

type TryUnit = (index: number, state: PickState) => Pick | null;

function pickSequential(program: Program, units: readonly Unit[], state: PickState, tryUnit: TryUnit): Pick | null {
  const previous = state.progress.sequences[program.id];
  const n = units.length;
  let start = previous ? previous.position % n : 0;
  if (previous?.lastKey) {
    const last = indexOfKey(units).get(previous.lastKey);
    if (last !== undefined) start = (last + 1) % n;
  }
  for (let i = 0; i < n; i++) {
    const index = (start + i) % n;
    const pick = tryUnit(index, state);
    if (!pick) continue;
    const wrapped = index + 1 >= n ? 1 : 0;
    return withSequence(pick, program.id, { position: (index + 1) % n, cycle: (previous?.cycle ?? 0) + wrapped, lastKey: (units[index] as Unit).key });
  }
  return null;
}

function pickShuffled(program: Program, units: readonly Unit[], state: PickState, ctx: PickContext, tryUnit: TryUnit): Pick | null {
  const previous = state.progress.sequences[program.id];
  let position = previous?.position ?? 0;
  let cycle = previous?.cycle ?? 0;
  for (let attempt = 0; attempt < units.length; attempt++) {
    if (position >= units.length) {
      position = 0;
      cycle += 1;
    }
    const index = permutation(ctx, units.length, program.id, cycle)[position] as number;
    position += 1;
    const pick = tryUnit(index, state);
    if (pick) return withSequence(pick, program.id, { position, cycle, lastKey: (units[index] as Unit).key });
  }
  return null;
}

function withSequence(pick: Pick, programId: string, sequence: SequenceProgress): Pick {
  const progress = pick.state.progress;
  return { item: pick.item, state: { ...pick.state, progress: { ...progress, sequences: { ...progress.sequences, [programId]: sequence } } } };
}

function pickUnit(unit: Unit, path: readonly Program[], state: PickState, ctx: PickContext): Pick | null {
  switch (unit.kind) {
    case 'asset':
      return { item: assetItem(unit.asset, path), state };
    case 'program':
      return pickProgram(requireProgram(ctx, unit.programId), path, state, ctx);
    case 'virtual':
      return pickVirtual(requireVirtual(ctx, unit.virtualAssetId), path, state, ctx);
    case 'synthetic':
      return { item: syntheticItem(requireSynthetic(ctx, unit.syntheticAssetId)), state };
  }
}

function pickVirtual(virtual: VirtualAsset, path: readonly Program[], state: PickState, ctx: PickContext): Pick | null {
  const candidates = candidatesOf(virtual, ctx.catalog);
  if (candidates.length === 0) return null;
  const rule = virtual.rule;
  let played = rule.unplayed ? new Set(state.progress.played[virtual.id] ?? []) : new Set<string>();
  let pool = candidates.filter((c) => !played.has(c.id));
  if (pool.length === 0) {
    played = new Set(); // every candidate has aired: a new round begins
    pool = candidates;
  }
  const draw = state.draws[virtual.id] ?? 0;
  const chosen = (rule.order === 'catalog' ? pool[0] : pool[drawIndex(pool.length, ctx.seed, ctx.date, 'virtual', virtual.name, draw)]) as CatalogAsset;
  const progress = rule.unplayed ? { ...state.progress, played: { ...state.progress.played, [virtual.id]: [...played, chosen.id] } } : state.progress;
  const draws = rule.order === 'random' ? { ...state.draws, [virtual.id]: draw + 1 } : state.draws;
  return { item: assetItem(chosen, path), state: { progress, draws } };
}

function candidatesOf(virtual: VirtualAsset, catalog: CatalogSnapshot): CatalogAsset[] {
  let perCatalog = candidateCache.get(catalog);
  if (!perCatalog) candidateCache.set(catalog, (perCatalog = new WeakMap()));
  const cached = perCatalog.get(virtual);
  if (cached) return cached;
  const r = virtual.rule;
  const base = r.collectionId !== null ? catalog.eligibleInCollection(r.collectionId) : r.series !== null ? catalog.eligibleInSeries(r.series) : catalog.eligible();
  const candidates = base.filter(
    (a) =>
      (r.series === null || a.series === r.series) &&
      (r.kinds.length === 0 || r.kinds.includes(a.kind)) &&
      r.tags.every((t) => a.tags.includes(t)) &&
      (r.minDurationMs === null || (a.durationMs ?? 0) >= r.minDurationMs) &&
      (r.maxDurationMs === null || (a.durationMs ?? 0) <= r.maxDurationMs),
  );
  perCatalog.set(virtual, candidates);
  return candidates;
}

function unitsOf(program: Program, ctx: PickContext): Unit[] {
  let perCatalog = unitCache.get(ctx.catalog);
  if (!perCatalog) unitCache.set(ctx.catalog, (perCatalog = new WeakMap()));
  const cached = perCatalog.get(program);
  if (cached) return cached;
  const units = program.assetChain.flatMap((link, i) => linkUnits(link, i, ctx.catalog));
  perCatalog.set(program, units);
  return units;
}

// Keys carry the link's index, so the same asset twice in a chain is two places in the walk.
function linkUnits(link: ChainLink, index: number, catalog: CatalogSnapshot): Unit[] {
  const assetUnits = (assets: readonly CatalogAsset[]): Unit[] => assets.map((asset) => ({ key: `${index}:${asset.id}`, kind: 'asset', asset }));
  switch (link.kind) {
    case 'asset': {
      const asset = catalog.assets.get(link.assetId);
      return asset && isEligible(asset) ? assetUnits([asset]) : [];
    }
    case 'collection':
      return assetUnits(catalog.eligibleInCollection(link.collectionId));
    case 'series':
      return assetUnits(catalog.eligibleInSeries(link.series, { season: link.season, collectionId: link.collectionId }));
    case 'program':
      return [{ key: `${index}:program:${link.programId}`, kind: 'program', programId: link.programId }];
    case 'virtual':
      return [{ key: `${index}:virtual:${link.virtualAssetId}`, kind: 'virtual', virtualAssetId: link.virtualAssetId }];
    case 'synthetic':
      return [{ key: `${index}:synthetic:${link.syntheticAssetId}`, kind: 'synthetic', syntheticAssetId: link.syntheticAssetId }];
  }
}

function permutation(ctx: PickContext, n: number, programId: string, cycle: number): number[] {
  let perCatalog = permutationCache.get(ctx.catalog);
  if (!perCatalog) permutationCache.set(ctx.catalog, (perCatalog = new Map()));
  const key = `${ctx.seed}\u0000${programId}\u0000${cycle}\u0000${n}`;
  let order = perCatalog.get(key);
  // Seeded by the program's name, not its id: the same network applied in another home airs the same order.
  if (!order) perCatalog.set(key, (order = seededPermutation(n, ctx.seed, 'shuffle', requireProgram(ctx, programId).name, cycle)));
  return order;
}

/** Where each key sits in a walk (a key is unique: it carries its link's index). */
function indexOfKey(units: readonly Unit[]): Map<string, number> {
  let index = keyIndexCache.get(units);
  if (!index) {
    index = new Map();
    for (let i = units.length - 1; i >= 0; i--) index.set((units[i] as Unit).key, i); // the first wins, as findIndex did
    keyIndexCache.set(units, index);
  }
  return index;
}

function requireProgram(ctx: PickContext, id: string): Program {
  const program = ctx.library.programs.get(id);
  if (!program) throw new RetroVueError('invalid_input', `program ${id} does not exist`);
  return program;
}

function requireVirtual(ctx: PickContext, id: string): VirtualAsset {
  const virtual = ctx.library.virtualAssets.get(id);
  if (!virtual) throw new RetroVueError('invalid_input', `virtual asset ${id} does not exist`);
  return virtual;
}

function requireSynthetic(ctx: PickContext, id: string): SyntheticAsset {
  const synthetic = ctx.library.syntheticAssets.get(id);
  if (!synthetic) throw new RetroVueError('invalid_input', `synthetic asset ${id} does not exist`);
  return synthetic;
}
