// SchedulableAssets: what a Zone can hold. A Program (series, movie, block or composite) walks its
// asset_chain by play_mode; a VirtualAsset is a rule resolved against the catalog when a day is built; a
// SyntheticAsset is media generated at playout (slate, bars, test card, station ID) of a set duration;
// an Asset is one catalog item. Zones and chains hold references; the definitions live in a library.
import type { SyntheticKind } from '../../plugins/playlog-event.js';
import type { CatalogAsset, CatalogSnapshot } from '../../catalog/catalog-snapshot.js';

export type ProgramKind = 'series' | 'movie' | 'block' | 'composite';
export const programKinds: readonly ProgramKind[] = ['series', 'movie', 'block', 'composite'];

/** sequential: chain order, resumed where the last day stopped · shuffle: a seeded permutation per cycle, no repeats within it · random: a seeded draw each time. */
export type PlayMode = 'sequential' | 'shuffle' | 'random';
export const playModes: readonly PlayMode[] = ['sequential', 'shuffle', 'random'];

/** One link of a Program's asset_chain. Collections and series expand to their eligible assets in catalog order. */
export type ChainLink =
  | { readonly kind: 'asset'; readonly assetId: string }
  | { readonly kind: 'collection'; readonly collectionId: string }
  | { readonly kind: 'series'; readonly series: string; readonly season: number | null; readonly collectionId: string | null }
  | { readonly kind: 'program'; readonly programId: string }
  | { readonly kind: 'virtual'; readonly virtualAssetId: string }
  | { readonly kind: 'synthetic'; readonly syntheticAssetId: string };

export interface Program {
  readonly id: string;
  readonly name: string;
  readonly kind: ProgramKind;
  readonly playMode: PlayMode;
  readonly assetChain: readonly ChainLink[];
  /** Content may be split at its chapter marks for breaks (avails inside the programme's blocks). */
  readonly allowBreaks: boolean;
  readonly description: string | null;
  readonly categories: readonly string[];
}

export interface VirtualAssetRule {
  readonly collectionId: string | null;
  readonly series: string | null;
  /** Asset kinds accepted (empty: any). */
  readonly kinds: readonly string[];
  /** Tags an asset must all carry. */
  readonly tags: readonly string[];
  readonly minDurationMs: number | null;
  readonly maxDurationMs: number | null;
  /** Prefer assets this VirtualAsset has not yet picked on the channel; starts over once all have been. */
  readonly unplayed: boolean;
  /** random: a seeded draw among the candidates · catalog: the first candidate in catalog order. */
  readonly order: 'random' | 'catalog';
}

/** A rule resolved when a day is built, e.g. "one unplayed movie from Movies shorter than 100 min". */
export interface VirtualAsset {
  readonly id: string;
  readonly name: string;
  readonly rule: VirtualAssetRule;
}

export interface SyntheticAsset {
  readonly id: string;
  readonly name: string;
  readonly kind: SyntheticKind;
  readonly durationMs: number;
  /** Text shown on a slate or station ID card. */
  readonly text: string | null;
}

/** A Zone's reference to one SchedulableAsset. */
export type SchedulableAssetRef =
  | { readonly kind: 'program'; readonly programId: string }
  | { readonly kind: 'asset'; readonly assetId: string }
  | { readonly kind: 'virtual'; readonly virtualAssetId: string }
  | { readonly kind: 'synthetic'; readonly syntheticAssetId: string };

/** A SchedulableAsset with its definition: what a reference stands for. */
export type SchedulableAsset =
  | { readonly kind: 'program'; readonly program: Program }
  | { readonly kind: 'asset'; readonly asset: CatalogAsset }
  | { readonly kind: 'virtual'; readonly virtualAsset: VirtualAsset }
  | { readonly kind: 'synthetic'; readonly syntheticAsset: SyntheticAsset };

/** The definitions zones and chains refer to. */
export interface SchedulingLibrary {
  readonly programs: ReadonlyMap<string, Program>;
  readonly virtualAssets: ReadonlyMap<string, VirtualAsset>;
  readonly syntheticAssets: ReadonlyMap<string, SyntheticAsset>;
}

export function schedulingLibrary(parts: {
  programs?: readonly Program[];
  virtualAssets?: readonly VirtualAsset[];
  syntheticAssets?: readonly SyntheticAsset[];
}): SchedulingLibrary {
  return {
    programs: new Map((parts.programs ?? []).map((p) => [p.id, p])),
    virtualAssets: new Map((parts.virtualAssets ?? []).map((v) => [v.id, v])),
    syntheticAssets: new Map((parts.syntheticAssets ?? []).map((s) => [s.id, s])),
  };
}

/** The definition a zone item refers to, or undefined when it does not exist. */
export function schedulableOf(ref: SchedulableAssetRef, library: SchedulingLibrary, catalog: CatalogSnapshot): SchedulableAsset | undefined {
  switch (ref.kind) {
    case 'program': {
      const program = library.programs.get(ref.programId);
      return program && { kind: 'program', program };
    }
    case 'asset': {
      const asset = catalog.assets.get(ref.assetId);
      return asset && { kind: 'asset', asset };
    }
    case 'virtual': {
      const virtualAsset = library.virtualAssets.get(ref.virtualAssetId);
      return virtualAsset && { kind: 'virtual', virtualAsset };
    }
    case 'synthetic': {
      const syntheticAsset = library.syntheticAssets.get(ref.syntheticAssetId);
      return syntheticAsset && { kind: 'synthetic', syntheticAsset };
    }
  }
}

/** How operators read a zone item: `program "Cheers"`, `asset "Pilot"`, … */
export function describeSchedulable(ref: SchedulableAssetRef, library: SchedulingLibrary, catalog: CatalogSnapshot): string {
  const found = schedulableOf(ref, library, catalog);
  if (!found) return `${ref.kind} ${refKey(ref).slice(ref.kind.length + 1)} (missing)`;
  switch (found.kind) {
    case 'program':
      return `program "${found.program.name}"`;
    case 'asset':
      return `asset "${found.asset.title}"`;
    case 'virtual':
      return `virtual asset "${found.virtualAsset.name}"`;
    case 'synthetic':
      return `synthetic asset "${found.syntheticAsset.name}"`;
  }
}

/** A stable text key for a reference (progress maps, messages). */
export function refKey(ref: SchedulableAssetRef | ChainLink): string {
  switch (ref.kind) {
    case 'program':
      return `program:${ref.programId}`;
    case 'asset':
      return `asset:${ref.assetId}`;
    case 'virtual':
      return `virtual:${ref.virtualAssetId}`;
    case 'synthetic':
      return `synthetic:${ref.syntheticAssetId}`;
    case 'collection':
      return `collection:${ref.collectionId}`;
    case 'series':
      return `series:${ref.series}/${ref.season ?? '*'}/${ref.collectionId ?? '*'}`;
  }
}
