// The --json shapes of the library definitions (contracts/definitions.yaml: Program, VirtualAsset,
// SyntheticAsset, and the items zones and chains name) and their text forms. Pure: references are named from
// the library and the catalog snapshot the handler read.
import type {
  ChainLink as ChainLinkJson,
  Program as ProgramJson,
  SchedulableItem,
  SyntheticAsset as SyntheticAssetJson,
  VirtualAsset as VirtualAssetJson,
} from '../../../generated/contract-types.js';
import type { CatalogSnapshot } from '../../catalog/catalog-snapshot.js';
import type { ChainLink, Program, SchedulableAssetRef, SchedulingLibrary, SyntheticAsset, VirtualAsset } from './schedulable-asset.js';

/** What naming references needs. */
export interface NamingContext {
  readonly library: SchedulingLibrary;
  readonly catalog: CatalogSnapshot;
}

export function schedulableItemJson(ref: SchedulableAssetRef, naming: NamingContext): SchedulableItem {
  switch (ref.kind) {
    case 'program':
      return { kind: 'program', id: ref.programId, name: naming.library.programs.get(ref.programId)?.name ?? '(missing)' };
    case 'asset':
      return { kind: 'asset', id: ref.assetId, name: naming.catalog.assets.get(ref.assetId)?.title ?? '(missing)' };
    case 'virtual':
      return { kind: 'virtual', id: ref.virtualAssetId, name: naming.library.virtualAssets.get(ref.virtualAssetId)?.name ?? '(missing)' };
    case 'synthetic':
      return { kind: 'synthetic', id: ref.syntheticAssetId, name: naming.library.syntheticAssets.get(ref.syntheticAssetId)?.name ?? '(missing)' };
  }
}

export function chainLinkJson(link: ChainLink, naming: NamingContext): ChainLinkJson {
  const none = { season: null, collection: null };
  switch (link.kind) {
    case 'asset':
      return { kind: 'asset', id: link.assetId, name: naming.catalog.assets.get(link.assetId)?.title ?? '(missing)', ...none };
    case 'collection':
      return { kind: 'collection', id: link.collectionId, name: naming.catalog.collections.get(link.collectionId)?.name ?? '(missing)', ...none };
    case 'series':
      return {
        kind: 'series',
        id: null,
        name: link.series,
        season: link.season,
        collection: link.collectionId === null ? null : (naming.catalog.collections.get(link.collectionId)?.name ?? '(missing)'),
      };
    case 'program':
      return { kind: 'program', id: link.programId, name: naming.library.programs.get(link.programId)?.name ?? '(missing)', ...none };
    case 'virtual':
      return { kind: 'virtual', id: link.virtualAssetId, name: naming.library.virtualAssets.get(link.virtualAssetId)?.name ?? '(missing)', ...none };
    case 'synthetic':
      return { kind: 'synthetic', id: link.syntheticAssetId, name: naming.library.syntheticAssets.get(link.syntheticAssetId)?.name ?? '(missing)', ...none };
  }
}

export function programJson(program: Program, naming: NamingContext): ProgramJson {
  return {
    id: program.id,
    name: program.name,
    kind: program.kind,
    play_mode: program.playMode,
    allow_breaks: program.allowBreaks,
    description: program.description,
    categories: [...program.categories],
    asset_chain: program.assetChain.map((l) => chainLinkJson(l, naming)),
  };
}

export function describeChainLink(link: ChainLinkJson): string {
  if (link.kind === 'series') return `series "${link.name}"${link.season === null ? '' : ` season ${link.season}`}${link.collection === null ? '' : ` in ${link.collection}`}`;
  return `${link.kind} "${link.name}"`;
}

export function describeProgram(p: ProgramJson): string {
  const flags = [p.kind, p.play_mode, ...(p.allow_breaks ? ['breaks at chapters'] : []), ...(p.categories.length > 0 ? [p.categories.join('/')] : [])];
  return [`program "${p.name}" (${flags.join(', ')})`, ...p.asset_chain.map((l, i) => `  ${i + 1}. ${describeChainLink(l)}`)].join('\n');
}

export function virtualAssetJson(v: VirtualAsset, naming: NamingContext): VirtualAssetJson {
  const r = v.rule;
  return {
    id: v.id,
    name: v.name,
    collection: r.collectionId === null ? null : (naming.catalog.collections.get(r.collectionId)?.name ?? '(missing)'),
    series: r.series,
    kinds: [...r.kinds],
    tags: [...r.tags],
    min_duration_ms: r.minDurationMs,
    max_duration_ms: r.maxDurationMs,
    unplayed: r.unplayed,
    order: r.order,
  };
}

export function describeVirtualAsset(v: VirtualAssetJson): string {
  const parts = [
    v.unplayed ? 'one unplayed' : 'one',
    v.kinds.length > 0 ? v.kinds.join('/') : 'asset',
    ...(v.series === null ? [] : [`of "${v.series}"`]),
    ...(v.collection === null ? [] : [`from ${v.collection}`]),
    ...(v.tags.length > 0 ? [`tagged ${v.tags.join(',')}`] : []),
    ...(v.min_duration_ms === null ? [] : [`at least ${v.min_duration_ms / 60_000} min`]),
    ...(v.max_duration_ms === null ? [] : [`at most ${v.max_duration_ms / 60_000} min`]),
    `(${v.order} pick)`,
  ];
  return `virtual asset "${v.name}": ${parts.join(' ')}`;
}

export function syntheticAssetJson(s: SyntheticAsset): SyntheticAssetJson {
  return { id: s.id, name: s.name, kind: s.kind, duration_ms: s.durationMs, text: s.text };
}

export function describeSyntheticAsset(s: SyntheticAssetJson): string {
  return `synthetic asset "${s.name}": ${s.kind}, ${s.duration_ms / 1000} s${s.text === null ? '' : `, "${s.text}"`}`;
}
