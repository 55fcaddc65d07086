// Handlers of `retrovue interstitial …` (contracts/interstitial/*.yaml): which collections fill a channel's
// avails, and as what. The playlog expander reads the assignments when it fills avails.
import type {
  Interstitial,
  InterstitialAddInput,
  InterstitialAddOutput,
  InterstitialListInput,
  InterstitialListOutput,
  InterstitialRemoveInput,
  InterstitialRemoveOutput,
} from '../../../generated/contract-types.js';
import { requireCollection } from '../../catalog/collection-repository.js';
import { collectionRef } from '../../catalog/catalog-ref.js';
import type { CommandResult, TransactionContext } from '../../command/command-context.js';
import { RetroVueError } from '../../core/errors.js';
import type { InterstitialRole } from './interstitial.js';
import { listChannelRows } from '../channel/channel-repository.js';
import { assignInterstitials, listInterstitials, unassignInterstitials } from './interstitial-repository.js';
import { loadCatalogSnapshot } from '../../catalog/catalog-snapshot-repository.js';
import { requireChannelRow } from '../channel/channel-repository.js';

const describe = (i: Interstitial) => `${i.channel}: ${i.collection} as ${i.role}`;

async function resolve(ctx: TransactionContext, channelId: string, collection: string) {
  const channel = await requireChannelRow(ctx.db, channelId);
  const { collection: row, source } = await requireCollection(ctx.db, collection);
  return { channel, collectionId: row.id, ref: collectionRef(source.name, row.name) };
}

export async function addInterstitial(ctx: TransactionContext, input: InterstitialAddInput): Promise<CommandResult<InterstitialAddOutput>> {
  const { channel, collectionId, ref } = await resolve(ctx, input.channel, input.collection);
  const role = input.role as InterstitialRole;
  const existed = (await listInterstitials(ctx.db, channel.id)).some((a) => a.collectionId === collectionId && a.role === role);
  if (!existed) await assignInterstitials(ctx.db, { channelId: channel.id, collectionId, role });
  const interstitial: Interstitial = { channel: channel.id, collection: ref, role };
  const verb = existed ? 'already assigned' : ctx.dryRun ? 'would assign' : 'assigned';
  return { data: { interstitial, created: !existed }, text: `${verb} ${describe(interstitial)}` };
}

export async function listInterstitialAssignments(ctx: TransactionContext, input: InterstitialListInput): Promise<CommandResult<InterstitialListOutput>> {
  const channels = input.channel === undefined ? await listChannelRows(ctx.db, { enabledOnly: false }) : [await requireChannelRow(ctx.db, input.channel)];
  const catalog = await loadCatalogSnapshot(ctx.db);
  const interstitials: Interstitial[] = [];
  for (const channel of [...channels].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const own = (await listInterstitials(ctx.db, channel.id)).map((a) => ({ channel: a.channelId, collection: catalog.collections.get(a.collectionId)?.name ?? a.collectionId, role: a.role }));
    interstitials.push(...own.sort((a, b) => (a.role < b.role ? -1 : a.role > b.role ? 1 : a.collection < b.collection ? -1 : 1)));
  }
  const text = interstitials.length === 0 ? 'no interstitial collections assigned; add one with retrovue interstitial add --channel <id> --collection <source>/<name> --role bumper' : interstitials.map(describe).join('\n');
  return { data: { interstitials }, text };
}

export async function removeInterstitial(ctx: TransactionContext, input: InterstitialRemoveInput): Promise<CommandResult<InterstitialRemoveOutput>> {
  const { channel, collectionId, ref } = await resolve(ctx, input.channel, input.collection);
  const role = input.role as InterstitialRole;
  const removed: Interstitial = { channel: channel.id, collection: ref, role };
  const assigned = (await listInterstitials(ctx.db, channel.id)).some((a) => a.collectionId === collectionId && a.role === role);
  if (!assigned) {
    throw new RetroVueError('not_found', `${ref} is not assigned to channel "${channel.id}" as ${role}; see retrovue interstitial list --channel ${channel.id}`);
  }
  await ctx.confirm(`stop filling the avails of channel "${channel.id}" with ${ref} as ${role}`);
  await unassignInterstitials(ctx.db, { channelId: channel.id, collectionId, role });
  return { data: { removed }, text: `${ctx.dryRun ? 'would unassign' : 'unassigned'} ${describe(removed)}` };
}
