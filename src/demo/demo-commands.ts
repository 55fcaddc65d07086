// Handler of `retrovue demo media` (contracts/demo/media.yaml): a real, small library made with ffmpeg.
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { DemoMediaInput, DemoMediaOutput } from '../../generated/contract-types.js';
import type { BaseCommandContext, CommandResult } from '../command/command-context.js';
import { createProgress } from '../command/progress.js';
import { shellWord } from '../command/shell-quote.js';
import { DEMO_FOLDERS } from './demo-catalog.js';
import { generateDemoLibrary, type DemoFileEntry } from './media-library.js';

function isNonEmptyDir(path: string): boolean {
  try {
    return readdirSync(path).length > 0;
  } catch {
    return false;
  }
}

/** What the operator is asked to allow: the folders that go, so nobody loses a "Movies" folder by surprise. */
function replacementAction(dir: string): string {
  const replaced = DEMO_FOLDERS.filter((folder) => existsSync(join(dir, folder)));
  return replaced.length > 0
    ? `replace the demo folders ${replaced.join(', ')} in ${dir} (other files stay)`
    : `add the demo library to the non-empty directory ${dir} (its files stay)`;
}

export async function generateDemoMedia(ctx: BaseCommandContext, input: DemoMediaInput): Promise<CommandResult<DemoMediaOutput>> {
  const dir = resolve(ctx.cwd, input.dir);
  const replace = isNonEmptyDir(dir);
  if (replace) await ctx.confirm(replacementAction(dir));
  const started = ctx.clock.now();
  // On a terminal even under --json: the bar goes to stderr, stdout keeps only the document.
  const progress = createProgress(ctx.stderr, ctx.stderrIsTTY, 'demo media');
  try {
    const manifest = await generateDemoLibrary(dir, {
      force: replace,
      concurrency: input.concurrency ?? availableParallelism(),
      signal: ctx.signal,
      onProgress: (done, total, file) => progress.update(done, total, file),
    });
    const files = manifest.files.map((f) => ({
      path: f.path,
      kind: f.kind,
      bad: f.bad,
      ...(f.defect ? { defect: f.defect } : {}),
      ...(f.durationMs !== undefined ? { duration_ms: f.durationMs } : {}),
    }));
    const elapsed = ctx.clock.now() - started;
    const text = [
      `wrote ${files.length} files to ${manifest.root} in ${(elapsed / 1000).toFixed(1)} s: ${summary(manifest.files)}`,
      `next: retrovue source add --type filesystem --name ${shellWord(sourceNameFor(dir))} --base-path ${shellWord(input.dir)}`,
    ].join('\n');
    return { data: { root: manifest.root, files, elapsed_ms: elapsed }, text };
  } finally {
    progress.stop();
  }
}

/** A source name (lowercase letters, digits, "-" and "_") after the library's folder: ./lib → "lib". */
export function sourceNameFor(dir: string): string {
  const name = basename(dir).toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[-_]+|-+$/g, '');
  return name.length > 0 ? name : 'demo';
}

/** "10 episodes of 3 series, 2 movies, 3 bumpers, 4 commercials and 3 deliberately broken files". */
function summary(files: readonly DemoFileEntry[]): string {
  const count = (kind: DemoFileEntry['kind']): number => files.filter((f) => f.kind === kind).length;
  const series = new Set(files.filter((f) => f.kind === 'episode').map((f) => f.path.split('/')[1])).size;
  return `${count('episode')} episodes of ${series} series, ${count('movie')} movies, ${count('bumper')} bumpers, `
    + `${count('commercial')} commercials and ${count('broken')} deliberately broken files`;
}
