// What a real decoder hears in a file: ffmpeg's own EBU R 128 summary, and the pitch of a sine tone (tracks
// of test media are told apart by their frequency). Independent of the code under test.
import { execa } from 'execa';

export interface Span {
  readonly startS?: number;
  readonly durationS?: number;
  /** The audio track, by its index among the file's audio streams (default 0). */
  readonly track?: number;
}

function spanArgs(span: Span): string[] {
  return [...(span.startS === undefined ? [] : ['-ss', String(span.startS)]), ...(span.durationS === undefined ? [] : ['-t', String(span.durationS)])];
}

/** Integrated loudness (LUFS) and true peak (dBTP) of one track of a file, or of a span of it. */
export async function ebur128Of(path: string, span: Span = {}): Promise<{ i: number; tp: number }> {
  const run = await execa('ffmpeg', ['-nostdin', '-hide_banner', '-nostats', ...spanArgs(span), '-i', path, '-filter_complex',
    `[0:a:${span.track ?? 0}]ebur128=peak=true:framelog=verbose[o]`, '-map', '[o]', '-f', 'null', '-']);
  const summary = run.stderr.slice(run.stderr.lastIndexOf('Summary:'));
  return { i: Number(/I:\s+(\S+) LUFS/.exec(summary)?.[1]), tp: Number(/Peak:\s+(\S+) dBFS/.exec(summary)?.[1]) };
}

/** The frequency (Hz) of the sine tone a track carries, from its zero crossings (mono, 48 kHz). */
export async function toneHz(path: string, span: Span = {}): Promise<number> {
  const run = await execa('ffmpeg', ['-nostdin', '-v', 'error', ...spanArgs(span), '-i', path, '-map', `0:a:${span.track ?? 0}`,
    '-ac', '1', '-ar', '48000', '-f', 's16le', '-'], { encoding: 'buffer', maxBuffer: 1 << 28 });
  const samples = new Int16Array(run.stdout.buffer, run.stdout.byteOffset, Math.floor(run.stdout.byteLength / 2));
  let crossings = 0;
  for (let i = 1; i < samples.length; i++) if (((samples[i - 1] as number) < 0) !== ((samples[i] as number) < 0)) crossings++;
  return samples.length === 0 ? 0 : (crossings / 2) * (48000 / samples.length);
}
