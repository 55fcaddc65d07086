// Handler of `retrovue asset normalize` (contracts/asset/normalize.yaml): renditions of ready assets in an
// output profile, made by ffmpeg a few at a time and each recorded the moment it is complete, so an
// interrupted run keeps what it finished and the next one continues.
import { availableParallelism } from 'node:os';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { AssetNormalizeInput, AssetNormalizeOutput } from '../../generated/contract-types.js';
import type { CommandResult, ConnectionContext } from '../command/command-context.js';
import { createProgress } from '../command/progress.js';
import { forEachBounded } from '../core/bounded-pool.js';
import { isDiskFull } from '../core/disk-full.js';
import { ExitCode, RetroVueError } from '../core/errors.js';
import { processAlive } from '../core/process-alive.js';
import { retrovueHome } from '../db/database-config.js';
import type { Schema } from '../db/schema.js';
import { assertFfmpegRuns, runFfmpegJob } from '../media/ffmpeg-job.js';
import { renditionArgs } from '../media/ffmpeg-rendition.js';
import { findOutputProfile, outputProfileNames } from '../plugins/output-profiles.js';
import type { OutputProfile } from '../plugins/playout-plan.js';
import { requireCollection } from './collection-repository.js';
import { renditionMatchesSource } from './playable-file.js';
import { type RecordedRendition, type RenditionCandidate, renditionCandidates, upsertRendition } from './rendition-repository.js';
import { presentationFrom } from './presentation-options.js';
import { chooseTreatment, type Presentation } from '../media/stream-choice.js';
import { plainTreatment, type SourceTreatment, treatmentKey } from '../media/source-treatment.js';

type Summary = { -readonly [K in keyof AssetNormalizeOutput]: AssetNormalizeOutput[K] } & { failures: Array<{ asset_id: string; path: string; reason: string }> };

export async function normalizeAssets(ctx: ConnectionContext, input: AssetNormalizeInput): Promise<CommandResult<AssetNormalizeOutput>> {
  const profile = findOutputProfile(input.profile);
  if (profile === undefined) throw new RetroVueError('invalid_input', `unknown profile "${input.profile}"; known profiles: ${outputProfileNames.join(', ')}`);
  const db = ctx.database.db;
  const collectionId = input.collection === undefined ? undefined : (await requireCollection(db, input.collection)).collection.id;
  const started = ctx.clock.now();
  const presentation = presentationFrom(input);
  const candidates = (await renditionCandidates(db, profile.name, collectionId)).map((c) => treated(c, presentation));
  const summary: Summary = { profile: profile.name, total: candidates.length, normalized: 0, up_to_date: 0, failed: 0, interrupted: false, elapsed_ms: 0, failures: [] };
  const todo = candidates.filter((c) => !renditionValid(c));
  summary.up_to_date = candidates.length - todo.length;
  // ffmpeg runs with the operator's PATH as the command saw it; a missing ffmpeg is one line, not a failure per asset.
  const ffmpegEnv = { PATH: ctx.env.PATH };
  if (todo.length > 0) await assertFfmpegRuns(ffmpegEnv);
  const dir = join(retrovueHome(ctx.env), 'renditions', profile.name);
  mkdirSync(dir, { recursive: true });
  removeStalePartials(dir);
  await makeRenditions(ctx, todo, summary, { profile, dir, concurrency: input.concurrency, env: ffmpegEnv });
  summary.interrupted = ctx.signal.aborted && summary.normalized + summary.failed < todo.length;
  summary.elapsed_ms = Math.max(0, ctx.clock.now() - started);
  const text = [
    `${summary.interrupted ? 'interrupted normalizing' : 'normalized'} ${summary.total} asset(s) into ${profile.name}: ${summary.normalized} made, ${summary.up_to_date} up to date, ${summary.failed} failed (${(summary.elapsed_ms / 1000).toFixed(1)} s)`,
    ...summary.failures.map((f) => `  failed ${f.path}: ${f.reason}`),
    ...(summary.interrupted ? ['finished renditions are kept; run the same command again to continue'] : []),
  ].join('\n');
  return { data: summary, text, ...(summary.failed > 0 || summary.interrupted ? { exitCode: ExitCode.partial } : {}) };
}

/**
 * Makes the renditions `todo`, a few at a time, counting them in `summary`. A full disk fails every rendition
 * alike: the first one stops the others (their partial files removed) and the run ends with one line.
 */
async function makeRenditions(
  ctx: ConnectionContext, todo: readonly TreatedCandidate[], summary: Summary,
  run: { readonly profile: OutputProfile; readonly dir: string; readonly concurrency: number | undefined; readonly env: Readonly<Record<string, string | undefined>> },
): Promise<void> {
  const progress = createProgress(ctx.stderr, ctx.stderrIsTTY, `normalize ${run.profile.name}`);
  const diskFull = new AbortController();
  let fullReason: string | undefined;
  const signal = AbortSignal.any([ctx.signal, diskFull.signal]);
  let done = 0;
  try {
    await forEachBounded(todo, run.concurrency ?? Math.max(1, Math.floor(availableParallelism() / 2)), async (asset) => {
      progress.update(done, todo.length, asset.path);
      const outcome = await makeRendition(ctx.database.db, asset, run.profile, run.dir, { signal, now: () => ctx.clock.now(), env: run.env });
      if (outcome === 'done') summary.normalized++;
      else if (outcome !== 'aborted' && isDiskFull(outcome.reason)) {
        fullReason ??= outcome.reason;
        diskFull.abort();
      } else if (outcome !== 'aborted') {
        summary.failed++;
        summary.failures.push({ asset_id: asset.id, path: asset.path, reason: outcome.reason });
        ctx.log.warn({ asset: asset.id, path: asset.path, reason: outcome.reason }, 'rendition failed');
      }
      progress.update(++done, todo.length, asset.path);
    }, signal);
  } finally {
    progress.stop();
  }
  if (fullReason !== undefined) {
    throw new RetroVueError('refused', `disk full: the renditions directory ${run.dir} has no space left (ffmpeg: ${fullReason}); free space there and run again (the ${summary.normalized} rendition(s) finished are kept)`, { exitCode: ExitCode.partial });
  }
}

/** A candidate with the treatment the presentation gives it and, if one was made, its rendition of that treatment. */
interface TreatedCandidate extends RenditionCandidate {
  readonly treatment: SourceTreatment;
  readonly treatmentKey: string;
  readonly rendition: RecordedRendition | undefined;
}

function treated(candidate: RenditionCandidate, presentation: Presentation): TreatedCandidate {
  const treatment = chooseTreatment(candidate.streams, presentation);
  const key = treatmentKey(treatment);
  return { ...candidate, treatment, treatmentKey: key, rendition: candidate.renditions.find((r) => r.treatmentKey === key) };
}

/** Valid: made from the source as the catalog knows it, and its file still there, whole. */
function renditionValid(asset: TreatedCandidate): boolean {
  const r = asset.rendition;
  if (r === undefined || !renditionMatchesSource(r, asset)) return false;
  try {
    return statSync(r.path).size === r.sizeBytes;
  } catch {
    return false;
  }
}

async function makeRendition(
  db: Kysely<Schema>, asset: TreatedCandidate, profile: OutputProfile, dir: string, options: { readonly signal: AbortSignal; readonly now: () => number; readonly env: Readonly<Record<string, string | undefined>> },
): Promise<'done' | 'aborted' | { reason: string }> {
  let source;
  try {
    source = statSync(asset.path);
  } catch (error) {
    return { reason: `source file cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (source.size !== asset.sizeBytes || Math.trunc(source.mtimeMs) !== asset.mtimeMs) {
    return { reason: 'the file changed since it was ingested; run retrovue collection ingest first' };
  }
  // The plain treatment keeps the name renditions always had; others are told apart by a hash of theirs.
  const variant = asset.treatmentKey === treatmentKey(plainTreatment) ? '' : `.${createHash('sha256').update(asset.treatmentKey).digest('hex').slice(0, 12)}`;
  const target = join(dir, `${asset.id}${variant}.mp4`);
  // Each run writes its own partial file (pid + random), so two runs at once never write one file together.
  const partial = join(dir, `${asset.id}.${process.pid}-${randomBytes(4).toString('hex')}.partial.mp4`);
  const result = await runFfmpegJob(renditionArgs({ sourcePath: asset.path, sourceHasAudio: asset.streams.audio.length > 0, durationMs: asset.durationMs, format: profile, outputPath: partial, treatment: asset.treatment }), { signal: options.signal, env: options.env });
  if (result.kind !== 'done') {
    rmSync(partial, { force: true });
    return result.kind === 'aborted' ? 'aborted' : { reason: result.reason };
  }
  const sizeBytes = statSync(partial).size;
  renameSync(partial, target); // atomic: a concurrent run's whole file or ours, never a mix
  await upsertRendition(db, {
    asset_id: asset.id, profile: profile.name, treatment_key: asset.treatmentKey, path: target, size_bytes: sizeBytes, duration_ms: asset.durationMs,
    source_size_bytes: asset.sizeBytes, source_mtime_ms: asset.mtimeMs, created_at: new Date(options.now()),
  });
  return 'done';
}

/** Partial files of runs that died (kill -9, power loss): their process is gone, so nobody will finish them. */
function removeStalePartials(dir: string): void {
  for (const name of readdirSync(dir)) {
    const match = /\.(?:(\d+)-[0-9a-f]+\.)?partial\.mp4$/.exec(name);
    if (match === null) continue;
    const pid = match[1] === undefined ? undefined : Number(match[1]);
    if (pid !== undefined && processAlive(pid)) continue;
    rmSync(join(dir, name), { force: true });
  }
}
