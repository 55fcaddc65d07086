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
import type { SyntheticAsset, VirtualAsset, VirtualAssetRule } from './schedulable-asset.js';
import {
  deleteSyntheticAsset,
  deleteVirtualAsset,
  findSyntheticAssetByName,
  findVirtualAssetByName,
  insertSyntheticAsset,
  insertVirtualAsset,
  updateSyntheticAsset,
  updateVirtualAsset,
  loadSyntheticAssets,
  loadVirtualAssets,
} from './schedulable-asset-repository.js';
import { describeSyntheticAsset, describeVirtualAsset, syntheticAssetJson, virtualAssetJson } from './library-json.js';
import { loadNaming, nonEmptyName } from './naming.js';
import { removeDefinition } from './schedule-usage.js';

const minutesToMs = (minutes: number | undefined): number | null => (minutes === undefined ? null : Math.round(minutes * 60_000));
const cleanList = (list: readonly string[] | undefined): string[] => (list ?? []).map((s) => s.trim()).filter((s) => s.length > 0);

/** The virtual asset the options describe, checked as `virtual-asset add` checks it. */
async function virtualDraft(ctx: TransactionContext, input: VirtualAssetAddInput): Promise<Omit<VirtualAsset, 'id'>> {
  const name = nonEmptyName(input.name, '--name');
  const minDurationMs = minutesToMs(input.minMinutes);
  const maxDurationMs = minutesToMs(input.maxMinutes);
  if (minDurationMs !== null && maxDurationMs !== null && minDurationMs > maxDurationMs) {
    throw new RetroVueError('invalid_input', `--min-minutes ${input.minMinutes} is above --max-minutes ${input.maxMinutes}; no asset could match`);
  }
  const collectionId = input.collection === undefined ? null : (await requireCollection(ctx.db, input.collection)).collection.id;
  return {
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
  };
}

export async function addVirtualAsset(ctx: TransactionContext, input: VirtualAssetAddInput): Promise<CommandResult<VirtualAssetAddOutput>> {
  const draft = await virtualDraft(ctx, input);
  if (await findVirtualAssetByName(ctx.db, draft.name)) {
    throw new RetroVueError('conflict', `virtual asset "${draft.name}" already exists; pick another --name`);
  }
  const created = await insertVirtualAsset(ctx.db, draft);
  const virtualAsset = virtualAssetJson(created, await loadNaming(ctx.db));
  return { data: { virtual_asset: virtualAsset }, text: `${ctx.dryRun ? 'would add' : 'added'} ${describeVirtualAsset(virtualAsset)}` };
}

/** Adds the virtual asset, or makes the one of that name match the options (network apply); true when it changed. */
export async function putVirtualAsset(ctx: TransactionContext, input: VirtualAssetAddInput): Promise<boolean> {
  const current = await findVirtualAssetByName(ctx.db, input.name.trim());
  if (!current) return (await addVirtualAsset(ctx, input), true);
  const draft = await virtualDraft(ctx, input);
  const fields = Object.keys(draft.rule) as (keyof VirtualAssetRule)[];
  if (fields.every((f) => JSON.stringify(draft.rule[f]) === JSON.stringify(current.rule[f]))) return false;
  await updateVirtualAsset(ctx.db, current.id, { rule: draft.rule });
  return true;
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

/** The synthetic asset the options describe, checked as `synthetic-asset add` checks it. */
function syntheticDraft(input: SyntheticAssetAddInput): Omit<SyntheticAsset, 'id'> {
  const name = nonEmptyName(input.name, '--name');
  const durationMs = Math.round(input.seconds * 1000);
  if (!(durationMs > 0 && durationMs <= 43_200_000)) {
    throw new RetroVueError('invalid_input', `--seconds must be more than 0 and at most 43200 (12 h); got ${input.seconds}`);
  }
  return { name, kind: input.kind as SyntheticKind, durationMs, text: input.text ?? null };
}

export async function addSyntheticAsset(ctx: TransactionContext, input: SyntheticAssetAddInput): Promise<CommandResult<SyntheticAssetAddOutput>> {
  const draft = syntheticDraft(input);
  if (await findSyntheticAssetByName(ctx.db, draft.name)) {
    throw new RetroVueError('conflict', `synthetic asset "${draft.name}" already exists; pick another --name`);
  }
  const syntheticAsset = syntheticAssetJson(await insertSyntheticAsset(ctx.db, draft));
  return { data: { synthetic_asset: syntheticAsset }, text: `${ctx.dryRun ? 'would add' : 'added'} ${describeSyntheticAsset(syntheticAsset)}` };
}

/** Adds the synthetic asset, or makes the one of that name match the options (network apply); true when it changed. */
export async function putSyntheticAsset(ctx: TransactionContext, input: SyntheticAssetAddInput): Promise<boolean> {
  const current = await findSyntheticAssetByName(ctx.db, input.name.trim());
  if (!current) return (await addSyntheticAsset(ctx, input), true);
  const { name: _, ...draft } = syntheticDraft(input);
  if (draft.kind === current.kind && draft.durationMs === current.durationMs && draft.text === current.text) return false;
  await updateSyntheticAsset(ctx.db, current.id, draft);
  return true;
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
