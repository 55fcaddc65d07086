// Where an export command puts its document: stdout, or --out replaced atomically (epg export, channel
// export, network export share this, so a reader polling the file never sees half of it).
import { randomBytes } from 'node:crypto';
import { realpathSync, renameSync, rmSync, type Stats, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RetroVueError } from '../core/errors.js';
import type { BaseCommandContext } from './command-context.js';

/** Writes the document to --out and returns its absolute path, or returns "-" when it goes to stdout. */
export function deliver(ctx: BaseCommandContext, out: string | undefined, document: string): string {
  if (out === undefined) {
    if (ctx.json) throw new RetroVueError('invalid_input', '--json prints a summary and needs --out FILE for the document itself');
    return '-';
  }
  const path = resolve(ctx.cwd, out);
  try {
    writeOut(path, document);
  } catch (error) {
    throw new RetroVueError('invalid_input', `cannot write ${path}: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  return path;
}

/**
 * A file is written beside itself and renamed over it: a media server polling it never reads half a guide,
 * and a failed or killed write leaves the previous file whole. A symlink's target is the file replaced (the
 * link stays); a device or pipe (/dev/stdout, a FIFO) is written into, never replaced by a file.
 */
function writeOut(path: string, document: string): void {
  const existing = existingTarget(path);
  if (existing !== undefined && !existing.stat.isFile() && !existing.stat.isDirectory()) {
    writeFileSync(existing.path, document);
    return;
  }
  const target = existing?.path ?? path;
  const partial = `${target}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;
  try {
    writeFileSync(partial, document);
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** What `path` names once its links are followed; undefined when nothing is there yet. */
function existingTarget(path: string): { path: string; stat: Stats } | undefined {
  let real: string;
  try {
    real = realpathSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return { path: real, stat: statSync(real) };
}
