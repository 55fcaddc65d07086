// Handlers of `retrovue virtual-asset …` and `retrovue synthetic-asset …` (contracts/virtual-asset,
// contracts/synthetic-asset): the definitions zones and chains may hold besides programs and assets.
import type {
  SyntheticAssetAddInput,
  SyntheticAssetAddOutput,
  SyntheticAssetListInput,
  SyntheticAssetListOutput,
  SyntheticAssetRemoveInput,
  SyntheticAssetRemoveOutput,
  VirtualAssetAddInput,
  VirtualAssetAddOutput,
  VirtualAssetListInput,
  VirtualAssetListOutput,
  VirtualAssetRemoveInput,
  VirtualAssetRemoveOutput,
} from '../../../generated/contract-types.js';
import { requireCollection } from '../../catalog/collection-repository.js';
import type { CommandResult, TransactionContext } from '../../command/command-context.js';
import { RetroVueError } from '../../core/errors.js';
import type { SyntheticKind } from '../../plugins/playlog-event.js';
import {
  deleteSyntheticAsset,
  deleteVirtualAsset,
  findSyntheticAssetByName,
  findVirtualAssetByName,
  insertSyntheticAsset,
  insertVirtualAsset,
  loadSyntheticAssets,
  loadVirtualAssets,
} from './schedulable-asset-repository.js';
import { describeSyntheticAsset, describeVirtualAsset, syntheticAssetJson, virtualAssetJson } from './library-json.js';
import { loadNaming, nonEmptyName } from './naming.js';
import { removeDefinition } from './schedule-usage.js';

const minutesToMs = (minutes: number | undefined): number | null => (minutes === undefined ? null : Math.round(minutes * 60_000));
const cleanList = (list: readonly string[] | undefined): string[] => (list ?? []).map((s) => s.trim()).filter((s) => s.length > 0);

export async function addVirtualAsset(ctx: TransactionContext, input: VirtualAssetAddInput): Promise<CommandResult<VirtualAssetAddOutput>> {
  const name = nonEmptyName(input.name, '--name');
  if (await findVirtualAssetByName(ctx.db, name)) {
    throw new RetroVueError('conflict', `virtual asset "${name}" already exists; pick another --name`);
  }
  const minDurationMs = minutesToMs(input.minMinutes);
  const maxDurationMs = minutesToMs(input.maxMinutes);
  if (minDurationMs !== null && maxDurationMs !== null && minDurationMs > maxDurationMs) {
    throw new RetroVueError('invalid_input', `--min-minutes ${input.minMinutes} is above --max-minutes ${input.maxMinutes}; no asset could match`);
  }
  const collectionId = input.collection === undefined ? null : (await requireCollection(ctx.db, input.collection)).collection.id;
  const created = await insertVirtualAsset(ctx.db, {
    name,
    rule: {
      collectionId,
      series: input.series?.trim() || null,
      kinds: cleanList(input.kinds),
      tags: cleanList(input.tags),
      minDurationMs,
      maxDurationMs,
      unplayed: input.unplayed,
      order: input.order === 'catalog' ? 'catalog' : 'random',
    },
  });
  const virtualAsset = virtualAssetJson(created, await loadNaming(ctx.db));
  return { data: { virtual_asset: virtualAsset }, text: `${ctx.dryRun ? 'would add' : 'added'} ${describeVirtualAsset(virtualAsset)}` };
}

export async function listVirtualAssets(ctx: TransactionContext, _input: VirtualAssetListInput): Promise<CommandResult<VirtualAssetListOutput>> {
  const naming = await loadNaming(ctx.db);
  const list = (await loadVirtualAssets(ctx.db)).map((v) => virtualAssetJson(v, naming));
  const text = list.length === 0 ? 'no virtual assets yet; add one with retrovue virtual-asset add --name <name> --collection <source>/<name>' : list.map(describeVirtualAsset).join('\n');
  return { data: { virtual_assets: list }, text };
}

export async function removeVirtualAsset(ctx: TransactionContext, input: VirtualAssetRemoveInput): Promise<CommandResult<VirtualAssetRemoveOutput>> {
  const current = await findVirtualAssetByName(ctx.db, input.name);
  if (!current) throw new RetroVueError('not_found', `virtual asset "${input.name}" does not exist; see retrovue virtual-asset list`);
  const removed = virtualAssetJson(current, await loadNaming(ctx.db));
  const { inUse, text } = await removeDefinition(ctx, { kind: 'virtual', virtualAssetId: current.id }, `virtual asset "${current.name}"`, () => deleteVirtualAsset(ctx.db, current.id));
  return { data: { removed, in_use: inUse }, text };
}

export async function addSyntheticAsset(ctx: TransactionContext, input: SyntheticAssetAddInput): Promise<CommandResult<SyntheticAssetAddOutput>> {
  const name = nonEmptyName(input.name, '--name');
  if (await findSyntheticAssetByName(ctx.db, name)) {
    throw new RetroVueError('conflict', `synthetic asset "${name}" already exists; pick another --name`);
  }
  const durationMs = Math.round(input.seconds * 1000);
  if (!(durationMs > 0 && durationMs <= 43_200_000)) {
    throw new RetroVueError('invalid_input', `--seconds must be more than 0 and at most 43200 (12 h); got ${input.seconds}`);
  }
  const created = await insertSyntheticAsset(ctx.db, { name, kind: input.kind as SyntheticKind, durationMs, text: input.text ?? null });
  const syntheticAsset = syntheticAssetJson(created);
  return { data: { synthetic_asset: syntheticAsset }, text: `${ctx.dryRun ? 'would add' : 'added'} ${describeSyntheticAsset(syntheticAsset)}` };
}

export async function listSyntheticAssets(ctx: TransactionContext, _input: SyntheticAssetListInput): Promise<CommandResult<SyntheticAssetListOutput>> {
  const list = (await loadSyntheticAssets(ctx.db)).map(syntheticAssetJson);
  const text = list.length === 0 ? 'no synthetic assets yet; add one with retrovue synthetic-asset add --name <name> --kind slate --seconds 30' : list.map(describeSyntheticAsset).join('\n');
  return { data: { synthetic_assets: list }, text };
}

export async function removeSyntheticAsset(ctx: TransactionContext, input: SyntheticAssetRemoveInput): Promise<CommandResult<SyntheticAssetRemoveOutput>> {
  const current = await findSyntheticAssetByName(ctx.db, input.name);
  if (!current) throw new RetroVueError('not_found', `synthetic asset "${input.name}" does not exist; see retrovue synthetic-asset list`);
  const { inUse, text } = await removeDefinition(ctx, { kind: 'synthetic', syntheticAssetId: current.id }, `synthetic asset "${current.name}"`, () => deleteSyntheticAsset(ctx.db, current.id));
  return { data: { removed: syntheticAssetJson(current), in_use: inUse }, text };
}
