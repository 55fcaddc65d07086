// Runs one offline ffmpeg job (a rendition) to completion. ffmpeg is started through the one launcher
// (src/core/processes.ts), so it dies with RetroVue even on SIGKILL; an abort kills it.
import { RetroVueError } from '../core/errors.js';
import { runTied } from '../core/processes.js';
import { isDiskFull } from '../core/disk-full.js';

/**
 * Refuses work up front when ffmpeg cannot run at all (not installed, not on the given PATH, a broken
 * wrapper), so one clear line replaces a failure per file.
 * @example await assertFfmpegRuns({ PATH: ctx.env.PATH });
 */
export async function assertFfmpegRuns(env: Readonly<Record<string, string | undefined>>, ffmpeg = 'ffmpeg'): Promise<void> {
  const result = await runTied(ffmpeg, ['-version'], { reject: false, stdin: 'ignore', timeout: 30_000, env: { ...env } });
  if (!result.failed) return;
  const how =
    'code' in result && result.code === 'ENOENT' ? 'is not installed or not on PATH'
    : result.exitCode !== undefined ? `does not run (ffmpeg -version exited with ${result.exitCode})`
    : `does not run (${result.shortMessage})`;
  throw new RetroVueError('unreachable', `ffmpeg "${ffmpeg}" ${how}; install ffmpeg or fix PATH, then run the command again`);
}

export type FfmpegJobResult = { readonly kind: 'done' } | { readonly kind: 'failed'; readonly reason: string } | { readonly kind: 'aborted' };

/**
 * @example
 * const result = await runFfmpegJob(renditionArgs(job), { signal });
 */
export async function runFfmpegJob(
  args: readonly string[],
  options: { readonly ffmpeg?: string; readonly signal?: AbortSignal; readonly env?: Readonly<Record<string, string | undefined>> } = {},
): Promise<FfmpegJobResult> {
  if (options.signal?.aborted) return { kind: 'aborted' };
  const ffmpeg = options.ffmpeg ?? 'ffmpeg';
  const result = await runTied(ffmpeg, args, { ...(options.env ? { env: { ...options.env } } : {}), reject: false, stdin: 'ignore', stdout: 'ignore', cancelSignal: options.signal, forceKillAfterDelay: 2000, killSignal: 'SIGKILL' });
  if (options.signal?.aborted) return { kind: 'aborted' };
  const lines = String(result.stderr ?? '').trim().split('\n').filter((l) => l.trim() !== '');
  // A full disk is named where ffmpeg says it, whatever it prints after; it fails the job even when ffmpeg
  // exits 0 (with +faststart it may, leaving a file cut short).
  const diskFull = lines.find((l) => isDiskFull(l));
  if (result.exitCode === 0 && diskFull === undefined) return { kind: 'done' };
  if (result.code === 'ENOENT' || (result as { cause?: { code?: string } }).cause?.code === 'ENOENT') return { kind: 'failed', reason: `${ffmpeg} was not found` };
  return { kind: 'failed', reason: diskFull ?? lines.at(-1) ?? `ffmpeg exited with ${result.exitCode ?? result.signal}` };
}
