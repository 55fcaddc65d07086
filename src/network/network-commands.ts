// Handlers of `retrovue network apply` and `network export` (contracts/network/*.yaml): the network as a
// file. Apply makes every declared object through its own add/update command in one transaction, then
// reports the difference between the network exported before and after; export writes that network.
import type { NetworkApplyInput, NetworkApplyOutput, NetworkExportInput, NetworkExportOutput } from '../../generated/contract-types.js';
import type { NetworkFile } from '../../generated/network-schema.js';
import type { CommandResult, ConnectionContext, TransactionContext } from '../command/command-context.js';
import { deliver } from '../command/deliver-document.js';
import { createProgress, type Progress } from '../command/progress.js';
import { ExitCode } from '../core/errors.js';
import { ensureMigrated } from '../db/migrations.js';
import { applyEnrichers, applyProducers, applySources } from './apply-catalog.js';
import { applyChannels } from './apply-channels.js';
import { applyPrograms, applySyntheticAssets, applyVirtualAssets } from './apply-library.js';
import type { ApplyContext } from './apply-step.js';
import { type BuildReport, buildDeclared } from './network-build.js';
import { describeChange, diffNetworks, type NetworkChange, networkObjects, objectKey } from './network-diff.js';
import { countObjects, currentNetwork, renderNetworkFile } from './network-export.js';
import { type LoadedNetworkFile, loadNetworkFile } from './network-file.js';
import { confirmPrune, pruneAfterApply, pruneBeforeApply, pruneNetwork, undeclared } from './network-prune.js';

async function applyAll(apply: ApplyContext, network: NetworkFile): Promise<void> {
  await applyEnrichers(apply, network.enrichers ?? []);
  await applyProducers(apply, network.producers ?? []);
  await applySources(apply, network.sources ?? []);
  await applySyntheticAssets(apply, network['synthetic-assets'] ?? []);
  await applyVirtualAssets(apply, network['virtual-assets'] ?? []);
  await applyPrograms(apply, network.programs ?? []);
  await applyChannels(apply, network.channels ?? []);
}

/** Objects reached of the file's total (an object some steps name twice counts once). */
function showProgress(progress: Progress, total: number): (what: string) => void {
  const seen = new Set<string>();
  return (what) => {
    seen.add(what);
    progress.update(Math.min(seen.size, total), total, what);
  };
}

interface Applied {
  readonly changes: NetworkChange[];
  readonly kept: string[];
  readonly notes: string[];
}

/** The whole apply in one transaction, committed unless --dry-run (a dry run is the real writes rolled back). */
async function applyInTransaction(ctx: ConnectionContext, input: NetworkApplyInput, file: LoadedNetworkFile): Promise<Applied> {
  const { network } = file;
  const db = ctx.database.db;
  const trx = await db.startTransaction().execute();
  const progress = createProgress(ctx.stderr, ctx.stderrIsTTY, ctx.dryRun ? 'plan' : 'apply');
  try {
    const tctx: TransactionContext = { ...ctx, db: trx, cwd: file.dir };
    const apply: ApplyContext = { ctx: tctx, file, notes: [], reached: showProgress(progress, networkObjects(network).length) };
    const before = await currentNetwork(tctx);
    const prune = input.prune ? await confirmPrune(apply, before, network) : undefined;
    if (prune) await pruneNetwork(prune, before, network, pruneBeforeApply);
    await applyAll(apply, network);
    if (prune) await pruneNetwork(prune, before, network, pruneAfterApply);
    const after = await currentNetwork(tctx);
    const kept = input.prune ? [] : undeclared(after, network).map((o) => `${o.kind} ${o.name}`);
    await (ctx.dryRun ? trx.rollback() : trx.commit()).execute();
    return { changes: diffNetworks(before, after), kept, notes: apply.notes };
  } catch (error) {
    await trx.rollback().execute().catch(() => {});
    throw error;
  } finally {
    progress.stop();
  }
}

function summaryText(applied: Applied, unchanged: number, dryRun: boolean): string {
  const lines = applied.changes.map((c) => `${dryRun ? 'would ' : ''}${describeChange(c)}`);
  if (applied.changes.length === 0) lines.push(`no changes: the network already is what the file declares (${unchanged} objects)`);
  else lines.push(`${applied.changes.length} change(s), ${unchanged} object(s) unchanged`);
  if (applied.kept.length > 0) lines.push(`kept ${applied.kept.length} object(s) the file does not declare (--prune removes them): ${applied.kept.join(', ')}`);
  return [...lines, ...applied.notes.map((n) => `note: ${n}`)].join('\n');
}

export async function applyNetwork(ctx: ConnectionContext, input: NetworkApplyInput): Promise<CommandResult<NetworkApplyOutput>> {
  const file = await loadNetworkFile(input.file, ctx.cwd, ctx.stdin);
  await ensureMigrated(ctx.database.db);
  const applied = await applyInTransaction(ctx, input, file);
  const touched = new Set(applied.changes.map(objectKey));
  const unchanged = networkObjects(file.network).filter((o) => !touched.has(objectKey(o))).length;
  let built: BuildReport[] = [];
  if (input.thenBuild && !ctx.dryRun) built = await buildDeclared(ctx, file.network, { epgDays: input.epgDays, playlogHours: input.playlogHours });
  const text = [summaryText(applied, unchanged, ctx.dryRun), ...built.map((b) => `${b.kind} ${b.name}: ${b.result}`)].join('\n');
  const data: NetworkApplyOutput = {
    file: input.file,
    changes: applied.changes.map((c) => ({ action: c.action, kind: c.kind, name: c.name, fields: c.fields.map((f) => ({ ...f })) })),
    unchanged,
    ...(applied.kept.length > 0 ? { kept: applied.kept } : {}),
    ...(built.length > 0 ? { built: built.map(({ kind, name, result }) => ({ kind, name, result })) } : {}),
  };
  return { data, text, exitCode: built.some((b) => b.failed) ? ExitCode.partial : ExitCode.ok };
}

export async function exportNetwork(ctx: TransactionContext, input: NetworkExportInput): Promise<CommandResult<NetworkExportOutput>> {
  const network = await currentNetwork(ctx);
  const document = renderNetworkFile(network);
  const out = deliver(ctx, input.out, document);
  const objects = countObjects(network);
  const text = out === '-' ? document.replace(/\n$/, '') : `wrote the network (${objects} objects) to ${out}`;
  return { data: { out, bytes: Buffer.byteLength(document), objects }, text };
}
