// The built-in filesystem importer: a Source is a directory (base_path); its Collections are the base
// itself (files directly in it) and each directory directly under it (files anywhere below). Items are
// files with a media extension; whether they really are media is for the ffprobe enricher to say.
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { RetroVueError } from '../../core/errors.js';
import type { DiscoveredCollection, DiscoveredItem, Importer, ListItemsRequest } from '../importer.js';

export interface FilesystemConfig {
  readonly base_path: string;
}

export const mediaExtensions: ReadonlySet<string> = new Set([
  '3gp', 'avi', 'divx', 'flv', 'm2ts', 'm4v', 'mkv', 'mov', 'mp4', 'mpeg', 'mpg', 'mts', 'mxf', 'ogv', 'ts', 'vob', 'webm', 'wmv',
]);

const baseKey = '.';

function isMediaFile(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && mediaExtensions.has(name.slice(dot + 1).toLowerCase());
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

const toPosix = (path: string) => path.split(sep).join('/');

async function requireDirectory(path: string, what: string): Promise<string> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error) {
    throw new RetroVueError('unreachable', `${what} ${path} is not reachable: ${info.code ?? info.message}`);
  }
  if (!info.isDirectory()) throw new RetroVueError('unreachable', `${what} ${path} is not a directory`);
  return realpath(path);
}

/** The base collection is the base path itself; every other one is the directory of its name under it. */
function collectionSourcePath(config: FilesystemConfig, externalKey: string): string {
  return externalKey === baseKey ? config.base_path : join(config.base_path, externalKey);
}

/** A directory entry as what it really is, following symlinks only when they stay inside `realRoot`. */
async function resolveEntry(dir: string, entry: Dirent, realRoot: string): Promise<{ path: string; kind: 'file' | 'dir' } | undefined> {
  const path = join(dir, entry.name);
  if (entry.isFile()) return { path, kind: 'file' };
  if (entry.isDirectory()) return { path, kind: 'dir' };
  if (!entry.isSymbolicLink()) return undefined;
  const target = await realpath(path).catch(() => undefined);
  if (!target || !isInside(realRoot, target)) return undefined; // escapes the base (or dangles): ignored
  const info = await stat(target);
  return info.isDirectory() ? { path, kind: 'dir' } : info.isFile() ? { path, kind: 'file' } : undefined;
}

async function walk(dir: string, realRoot: string, recursive: boolean, found: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const resolved = await resolveEntry(dir, entry, realRoot);
    if (!resolved) continue;
    if (resolved.kind === 'dir') {
      if (recursive) await walk(resolved.path, realRoot, recursive, found);
    } else if (isMediaFile(entry.name)) {
      found.push(resolved.path);
    }
  }
}

export const filesystemImporter: Importer<FilesystemConfig> = {
  type: 'filesystem',
  description: 'A directory on this machine (or mounted on it): its top-level folders become collections.',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['base_path'],
    properties: { base_path: { type: 'string', minLength: 1, description: 'Directory holding the library.' } },
  },

  async normaliseConfig(raw, { cwd }) {
    const basePath = resolve(cwd, String(raw['base_path']));
    const info = await stat(basePath).catch(() => undefined);
    if (!info) throw new RetroVueError('invalid_input', `base path ${basePath} does not exist`);
    if (!info.isDirectory()) throw new RetroVueError('invalid_input', `base path ${basePath} is not a directory`);
    return { base_path: basePath };
  },

  collectionSourcePath,

  async discoverCollections(config) {
    const realBase = await requireDirectory(config.base_path, 'base path');
    const collections: DiscoveredCollection[] = [{ externalKey: baseKey, name: baseKey, sourcePath: collectionSourcePath(config, baseKey) }];
    const entries = await readdir(config.base_path, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const resolved = await resolveEntry(config.base_path, entry, realBase);
      if (resolved?.kind === 'dir') {
        collections.push({ externalKey: entry.name, name: entry.name, sourcePath: collectionSourcePath(config, entry.name) });
      }
    }
    return collections;
  },

  async listItems(request: ListItemsRequest<FilesystemConfig>) {
    const { collection, localRoot } = request;
    const realRoot = await requireDirectory(localRoot, `collection ${collection.name} path`);
    const start = request.under ?? localRoot;
    if (request.under !== undefined && !(await stat(start).catch(() => undefined))?.isDirectory()) {
      throw new RetroVueError('not_found', `${start} is not a directory inside collection ${collection.name}`);
    }
    const files: string[] = [];
    await walk(start, realRoot, collection.externalKey !== baseKey, files);
    const items: DiscoveredItem[] = [];
    for (const path of files.sort()) {
      const info = await stat(path).catch(() => undefined);
      if (!info) continue; // vanished while walking
      const relativePath = toPosix(relative(localRoot, path)).normalize('NFC');
      items.push({
        providerKey: collection.externalKey === baseKey ? relativePath : `${collection.externalKey}/${relativePath}`,
        relativePath,
        path,
        sizeBytes: info.size,
        mtimeMs: Math.trunc(info.mtimeMs),
      });
    }
    return items;
  },
};
