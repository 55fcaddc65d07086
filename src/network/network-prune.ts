// `network apply --prune`: what the file no longer declares goes, dependents first, through the remove
// commands (so what built schedule days hold still needs --force). One confirmation covers the lot.
import type { NetworkFile } from '../../generated/network-schema.js';
import { removeEnricher } from '../catalog/enricher-commands.js';
import { defaultIngestEnricherIds } from '../catalog/enricher-repository.js';
import { removeSource } from '../catalog/source-commands.js';
import type { TransactionContext } from '../command/command-context.js';
import { removeProducer } from '../playout/producer-commands.js';
import { removeChannel } from '../scheduling/channel/channel-commands.js';
import { removeInterstitial } from '../scheduling/library/interstitial-commands.js';
import { removeSyntheticAsset, removeVirtualAsset } from '../scheduling/library/library-commands.js';
import { removeProgram } from '../scheduling/library/program-commands.js';
import { removeSchedulePlan } from '../scheduling/plans/schedule-plan-commands.js';
import { removeZone } from '../scheduling/plans/zone-commands.js';
import { applyCollection } from './apply-catalog.js';
import type { ApplyContext } from './apply-step.js';
import { type NetworkObject, networkObjects, objectKey, type ObjectKind } from './network-diff.js';

/** The order objects go in: what points at something goes before it (a collection holds its ingest enrichers). */
const removalOrder: readonly ObjectKind[] = ['interstitial', 'zone', 'schedule-plan', 'channel', 'program', 'virtual-asset', 'synthetic-asset', 'producer', 'collection', 'source', 'enricher'];

/** Objects of the network now that the file does not declare (built-in enrichers stay: every home has them). */
export function undeclared(current: NetworkFile, declared: NetworkFile): NetworkObject[] {
  const wanted = new Set(networkObjects(declared).map(objectKey));
  return networkObjects(current).filter((o) => !wanted.has(objectKey(o)) && !(o.kind === 'enricher' && defaultIngestEnricherIds.includes(o.name)));
}

/** Programs whose chains link to other doomed programs go first. */
function programsUsersFirst(current: NetworkFile, names: readonly string[]): string[] {
  const linksOf = new Map((current.programs ?? []).map((p) => [p.name, p.links ?? []]));
  const ordered: string[] = [];
  const visit = (name: string, seen: Set<string>): void => {
    if (ordered.includes(name) || seen.has(name)) return;
    seen.add(name);
    for (const other of names) if ((linksOf.get(other) ?? []).some((l) => l.replace(/^\s*program\s*:\s*/i, '') === name && /^\s*program\s*:/i.test(l))) visit(other, seen);
    ordered.push(name);
  };
  for (const name of names) visit(name, new Set());
  return ordered;
}

async function removeOne(ctx: TransactionContext, apply: ApplyContext, o: NetworkObject): Promise<void> {
  const [first = '', second = '', third = ''] = o.path;
  switch (o.kind) {
    case 'interstitial': {
      return void (await removeInterstitial(ctx, { channel: first, role: second as 'bumper', collection: third }));
    }
    case 'zone':
      return void (await removeZone(ctx, { channel: first, plan: second, name: third }));
    case 'schedule-plan':
      return void (await removeSchedulePlan(ctx, { channel: first, name: second }));
    case 'channel':
      return void (await removeChannel(ctx, { id: o.name }));
    case 'program':
      return void (await removeProgram(ctx, { name: o.name }));
    case 'virtual-asset':
      return void (await removeVirtualAsset(ctx, { name: o.name }));
    case 'synthetic-asset':
      return void (await removeSyntheticAsset(ctx, { name: o.name }));
    case 'producer':
      return void (await removeProducer(ctx, { id: o.name }));
    case 'enricher':
      return void (await removeEnricher(ctx, { id: o.name }));
    case 'collection':
      return applyCollection({ ...apply, ctx }, o.name, {});
    case 'source':
      return void (await removeSource(ctx, { source: o.name }));
  }
}

/**
 * The schedule side goes before the apply makes anything, so a zone renamed by editing or a number an
 * undeclared channel held is free for what the file declares; the library side goes after, once the
 * declared objects no longer point at it.
 */
export const pruneBeforeApply: readonly ObjectKind[] = removalOrder.slice(0, removalOrder.indexOf('channel') + 1);
export const pruneAfterApply: readonly ObjectKind[] = removalOrder.slice(removalOrder.indexOf('channel') + 1);

/** Asks once for every undeclared object; the context it returns removes them without asking again. */
export async function confirmPrune(apply: ApplyContext, current: NetworkFile, declared: NetworkFile): Promise<ApplyContext> {
  const doomed = undeclared(current, declared);
  if (doomed.length > 0) await apply.ctx.confirm(`remove ${doomed.length} object(s) the file does not declare: ${doomed.map((o) => `${o.kind} ${o.name}`).join(', ')}`);
  return { ...apply, ctx: { ...apply.ctx, confirm: () => Promise.resolve() } };
}

/** Removes (or, for a collection, resets) the undeclared objects of these kinds, dependents first. */
export async function pruneNetwork(apply: ApplyContext, current: NetworkFile, declared: NetworkFile, kinds: readonly ObjectKind[]): Promise<void> {
  const doomed = undeclared(current, declared);
  // A channel's plans, zones and interstitials go with it; removing them first still asks --force for built days.
  const programs = programsUsersFirst(current, doomed.filter((o) => o.kind === 'program').map((o) => o.name));
  for (const kind of removalOrder.filter((k) => kinds.includes(k))) {
    const ofKind = doomed.filter((o) => o.kind === kind);
    const ordered = kind === 'program' ? programs.map((name) => ofKind.find((o) => o.name === name) as NetworkObject) : ofKind;
    for (const o of ordered) await removeOne(apply.ctx, apply, o);
  }
}
