// Walks a directory tree for the filesystem importer, safely on a hostile tree: each real directory is
// walked once (device + inode), so symlink loops end; a link never leads outside the root; an unreadable
// folder, a dangling link or a name that is not UTF-8 is reported as skipped (or as a file with a problem)
// and the walk goes on. Real folders are walked before symlinked ones, so a file has the path an operator
// sees first, and the result does not depend on readdir's order.
import type { Dirent, Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';

export interface WalkedFile {
  /** Absolute path; for a name that is not UTF-8, its printable form (unopenable, see `problem`). */
  readonly path: string;
  readonly info: Stats;
  /** Why the file cannot be ingested as it is, when the walk already knows. */
  readonly problem?: string;
}

export interface Skipped {
  readonly path: string;
  readonly reason: string;
}

export interface WalkResult {
  readonly files: WalkedFile[];
  readonly skipped: Skipped[];
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

const identity = (info: Stats) => `${info.dev}:${info.ino}`;

/**
 * A file name's bytes as text: valid UTF-8 decoded, every other byte written as \xNN, so two different
 * names never print alike and the result is valid text for the database and the terminal.
 */
export function printableName(bytes: Buffer): { text: string; utf8: boolean } {
  const decoded = bytes.toString('utf8');
  if (Buffer.from(decoded, 'utf8').equals(bytes)) return { text: decoded, utf8: true };
  let text = '';
  let i = 0;
  while (i < bytes.length) {
    const length = utf8SequenceLength(bytes, i);
    if (length === 0) {
      text += `\\x${(bytes[i] as number).toString(16).toUpperCase().padStart(2, '0')}`;
      i += 1;
    } else {
      text += bytes.toString('utf8', i, i + length);
      i += length;
    }
  }
  return { text, utf8: false };
}

/** The length of the well-formed UTF-8 sequence at `i`, or 0 (RFC 3629: no overlongs, surrogates or > U+10FFFF). */
function utf8SequenceLength(bytes: Buffer, i: number): number {
  const lead = bytes[i] as number;
  if (lead < 0x80) return 1;
  const [length, low, high] =
    lead >= 0xc2 && lead <= 0xdf ? [2, 0x80, 0xbf]
    : lead === 0xe0 ? [3, 0xa0, 0xbf]
    : lead === 0xed ? [3, 0x80, 0x9f]
    : lead >= 0xe1 && lead <= 0xef ? [3, 0x80, 0xbf]
    : lead === 0xf0 ? [4, 0x90, 0xbf]
    : lead >= 0xf1 && lead <= 0xf3 ? [4, 0x80, 0xbf]
    : lead === 0xf4 ? [4, 0x80, 0x8f]
    : [0, 0, 0];
  if (length === 0 || i + length > bytes.length) return 0;
  const second = bytes[i + 1] as number;
  if (second < low || second > high) return 0;
  for (let k = 2; k < length; k++) {
    const b = bytes[i + k] as number;
    if (b < 0x80 || b > 0xbf) return 0;
  }
  return length;
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));

interface Walk {
  readonly realRoot: string;
  readonly recursive: boolean;
  readonly accept: (name: string) => boolean;
  readonly visited: Set<string>;
  readonly result: WalkResult;
  /** Symlinked folders met on the way, walked after every real folder. */
  readonly links: string[];
}

/**
 * Every file under `start` (recursively unless `recursive` is false) whose name `accept`s, with what was skipped and why.
 * `start` must be `realRoot` or a directory whose real path lies inside it.
 */
export async function walkDirectory(
  start: string,
  realRoot: string,
  options: { recursive: boolean; accept: (name: string) => boolean },
): Promise<WalkResult> {
  const walk: Walk = { realRoot, ...options, visited: new Set(), result: { files: [], skipped: [] }, links: [] };
  walk.visited.add(identity(await stat(start)));
  await walkFolder(walk, start);
  // Links found while walking a linked folder join the queue, so this ends: each target is walked once.
  while (walk.links.length > 0) {
    const link = walk.links.shift() as string;
    const info = await stat(link).catch(() => undefined);
    if (!info) continue;
    if (walk.visited.has(identity(info))) {
      walk.result.skipped.push({ path: link, reason: 'symbolic link to a folder already walked' });
      continue;
    }
    walk.visited.add(identity(info));
    await walkFolder(walk, link);
  }
  return walk.result;
}

async function walkFolder(walk: Walk, dir: string): Promise<void> {
  let entries: Dirent<Buffer>[];
  try {
    entries = (await readdir(dir, { withFileTypes: true, encoding: 'buffer' })) as unknown as Dirent<Buffer>[];
  } catch (error) {
    walk.result.skipped.push({ path: dir, reason: `folder not readable (${errorCode(error)})` });
    return;
  }
  const named = entries
    .map((entry) => ({ entry, name: printableName(entry.name) }))
    .sort((a, b) => (a.name.text < b.name.text ? -1 : a.name.text > b.name.text ? 1 : 0));
  const folders: string[] = [];
  for (const { entry, name } of named) {
    if (name.text.startsWith('.')) continue;
    const path = join(dir, name.text);
    if (!name.utf8) {
      const raw = Buffer.concat([Buffer.from(`${dir}/`), entry.name]);
      await nonUtf8Entry(walk, entry, raw, path);
      continue;
    }
    if (entry.isDirectory()) {
      if (walk.recursive) folders.push(path);
    } else if (entry.isFile()) {
      await addFile(walk, path, name.text);
    } else if (entry.isSymbolicLink()) {
      await linkEntry(walk, path, name.text);
    }
  }
  for (const folder of folders) {
    const info = await stat(folder).catch(() => undefined);
    if (!info) continue; // vanished while walking
    if (walk.visited.has(identity(info))) continue; // a bind mount of a folder already walked
    walk.visited.add(identity(info));
    await walkFolder(walk, folder);
  }
}

async function addFile(walk: Walk, path: string, name: string): Promise<void> {
  if (!walk.accept(name)) return;
  const info = await stat(path).catch((error: unknown) => error as NodeJS.ErrnoException);
  if (info instanceof Error) {
    if (info.code !== 'ENOENT') walk.result.skipped.push({ path, reason: `file not readable (${errorCode(info)})` });
    return; // ENOENT: vanished while walking
  }
  walk.result.files.push({ path, info });
}

async function linkEntry(walk: Walk, path: string, name: string): Promise<void> {
  const target = await realpath(path).catch(() => undefined);
  if (target === undefined) {
    if (walk.accept(name)) walk.result.skipped.push({ path, reason: 'dangling symbolic link' });
    return;
  }
  if (!isInside(walk.realRoot, target)) {
    walk.result.skipped.push({ path, reason: `symbolic link leads outside the collection (to ${target})` });
    return;
  }
  const info = await stat(target).catch(() => undefined);
  if (info?.isDirectory()) {
    if (walk.recursive) walk.links.push(path);
  } else if (info?.isFile()) {
    await addFile(walk, path, name);
  }
}

/** A name that is not UTF-8: a media file becomes an item with a problem (so it is listed, not lost); a folder is skipped. */
async function nonUtf8Entry(walk: Walk, entry: Dirent<Buffer>, raw: Buffer, path: string): Promise<void> {
  const info = await stat(raw).catch(() => undefined);
  if (!info) return;
  const problem = 'file name is not valid UTF-8; rename it (for example with convmv) to ingest it';
  if (info.isDirectory()) {
    if (walk.recursive) walk.result.skipped.push({ path, reason: `folder ${problem.replace('file ', '')}` });
    return;
  }
  if (!info.isFile() || !walk.accept(path)) return;
  if (entry.isSymbolicLink()) {
    const target = await realpath(raw, { encoding: 'buffer' }).catch(() => undefined);
    const root = Buffer.from(walk.realRoot.endsWith('/') ? walk.realRoot : `${walk.realRoot}/`);
    if (!target || !target.subarray(0, root.length).equals(root)) return;
  }
  walk.result.files.push({ path, info, problem });
}
