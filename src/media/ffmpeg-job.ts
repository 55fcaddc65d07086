// Runs one offline ffmpeg job (a rendition) to completion. ffmpeg is started through util-linux
// `setpriv --pdeathsig KILL` when available, so it dies with RetroVue even on SIGKILL; an abort kills it.
import { execFileSync } from 'node:child_process';
import { execa } from 'execa';

let setprivPath: string | null | undefined;

/** A setpriv that supports --pdeathsig, found once per process; null without one. */
function setpriv(): string | null {
  if (setprivPath !== undefined) return setprivPath;
  setprivPath = null;
  for (const candidate of ['/usr/bin/setpriv', '/bin/setpriv']) {
    try {
      execFileSync(candidate, ['--pdeathsig', 'KILL', '--', 'true'], { stdio: 'ignore', timeout: 2000 });
      setprivPath = candidate;
      break;
    } catch {
      // absent or too old
    }
  }
  return setprivPath;
}

export type FfmpegJobResult = { readonly kind: 'done' } | { readonly kind: 'failed'; readonly reason: string } | { readonly kind: 'aborted' };

/**
 * @example
 * const result = await runFfmpegJob(renditionArgs(job), { signal });
 */
export async function runFfmpegJob(args: readonly string[], options: { readonly ffmpeg?: string; readonly signal?: AbortSignal } = {}): Promise<FfmpegJobResult> {
  if (options.signal?.aborted) return { kind: 'aborted' };
  const ffmpeg = options.ffmpeg ?? 'ffmpeg';
  const guard = setpriv();
  const [file, argv] = guard === null ? [ffmpeg, [...args]] : [guard, ['--pdeathsig', 'KILL', '--', ffmpeg, ...args]];
  const result = await execa(file, argv, { reject: false, stdin: 'ignore', stdout: 'ignore', cancelSignal: options.signal, forceKillAfterDelay: 2000, killSignal: 'SIGKILL' });
  if (options.signal?.aborted) return { kind: 'aborted' };
  if (result.exitCode === 0) return { kind: 'done' };
  if (result.code === 'ENOENT' || (result as { cause?: { code?: string } }).cause?.code === 'ENOENT') return { kind: 'failed', reason: `${ffmpeg} was not found` };
  const lines = String(result.stderr ?? '').trim().split('\n').filter((l) => l.trim() !== '');
  return { kind: 'failed', reason: lines.at(-1) ?? `ffmpeg exited with ${result.exitCode ?? result.signal}` };
}
