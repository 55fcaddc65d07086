// Handler of `retrovue demo media` (contracts/demo/media.yaml): a real, small library made with ffmpeg.
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { DemoMediaInput } from '../../generated/commands/demo-media.js';
import type { BaseCommandContext, CommandResult } from '../cli/command-context.js';
import { createProgress } from '../cli/progress.js';
import { generateDemoLibrary } from './media-library.js';

function isNonEmptyDir(path: string): boolean {
  try {
    return readdirSync(path).length > 0;
  } catch {
    return false;
  }
}

export async function generateDemoMedia(ctx: BaseCommandContext, input: DemoMediaInput): Promise<CommandResult> {
  const dir = resolve(input.dir);
  const replace = isNonEmptyDir(dir);
  if (replace) await ctx.confirm(`replace the demo library folders in ${dir}`);
  const started = ctx.clock.now();
  const progress = createProgress(ctx.stderr, ctx.stderrIsTTY && !ctx.json, 'demo media');
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
    const good = files.filter((f) => !f.bad).length;
    const text = [
      `wrote ${files.length} files to ${manifest.root} in ${(elapsed / 1000).toFixed(1)} s: ${good} playable, ${files.length - good} deliberately broken`,
      `next: retrovue source add --type filesystem --name demo --base-path ${manifest.root}`,
    ].join('\n');
    return { data: { root: manifest.root, files, elapsed_ms: elapsed }, text };
  } finally {
    progress.stop();
  }
}
