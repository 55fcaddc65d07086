// The built-in filesystem importer: a Source is a directory (base_path); its Collections are the base
// itself (files directly in it) and each directory directly under it (files anywhere below). Items are
// files with a media extension; whether they really are media is for the ffprobe enricher to say.
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { RetroVueError } from '../../core/errors.js';
import { isSidecarName } from '../../media/sidecar-subtitles.js';
import type { DiscoveredCollection, DiscoveredItem, Importer, ListItemsRequest } from '../importer.js';
import { isInside, walkDirectory } from './directory-walk.js';
import { withSidecars } from './sidecar-files.js';

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

/** Whether a directory entry is a folder, following a symlink only when it stays inside `realRoot`. */
async function isFolderInside(path: string, entry: Dirent, realRoot: string): Promise<boolean> {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  const target = await realpath(path).catch(() => undefined);
  if (!target || !isInside(realRoot, target)) return false; // escapes the base (or dangles): ignored
  return (await stat(target).catch(() => undefined))?.isDirectory() === true;
}

/** A folder's entries; a folder that exists but cannot be listed is as unreachable as a missing one. */
async function readRoot(path: string, what: string): Promise<Dirent[]> {
  try {
    return await readdir(path, { withFileTypes: true });
  } catch (error) {
    throw new RetroVueError('unreachable', `${what} ${path} is not readable: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/**
 * Relative paths as keys: NFC, so a library copied between macOS (NFD) and Linux keeps its provider refs;
 * but two files whose names differ only in normalisation are two files, so one not already in NFC keeps
 * its own form (distinct and stable) instead of colliding with the other.
 */
function relativeKeys(rawPaths: readonly string[]): string[] {
  const nfc = rawPaths.map((p) => p.normalize('NFC'));
  const count = new Map<string, number>();
  for (const key of nfc) count.set(key, (count.get(key) ?? 0) + 1);
  return rawPaths.map((raw, i) => ((count.get(nfc[i] as string) ?? 0) > 1 && raw !== nfc[i] ? raw : (nfc[i] as string)));
}

export const filesystemImporter: Importer<FilesystemConfig> = {
  type: 'filesystem',
  description: 'A directory on this machine (or mounted on it): its top-level folders become collections.',
  readsLocalRoot: true,
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
    const entries = await readRoot(config.base_path, 'base path');
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name.includes('\uFFFD')) continue; // hidden, or not UTF-8 (no stable name)
      if (await isFolderInside(join(config.base_path, entry.name), entry, realBase)) {
        collections.push({ externalKey: entry.name, name: entry.name, sourcePath: collectionSourcePath(config, entry.name) });
      }
    }
    return collections;
  },

  async listItems(request: ListItemsRequest<FilesystemConfig>) {
    const { collection, localRoot } = request;
    const realRoot = await requireDirectory(localRoot, `collection ${collection.name} path`);
    await readRoot(localRoot, `collection ${collection.name} path`);
    const start = request.under ?? localRoot;
    if (request.under !== undefined) {
      const realStart = await realpath(start).catch(() => undefined);
      if (realStart === undefined || !(await stat(realStart)).isDirectory()) {
        throw new RetroVueError('not_found', `${start} is not a directory inside collection ${collection.name}`);
      }
      if (!isInside(realRoot, realStart)) {
        throw new RetroVueError('invalid_input', `${start} leads outside collection ${collection.name} (to ${realStart}) through a symbolic link`);
      }
    }
    const accept = (name: string) => isMediaFile(name) || isSidecarName(name);
    const walked = await walkDirectory(start, realRoot, { recursive: collection.externalKey !== baseKey, accept });
    for (const skip of walked.skipped) request.onSkip?.({ path: toPosix(relative(localRoot, skip.path)), reason: skip.reason });
    const { media, sidecarsOf } = withSidecars(walked.files, isMediaFile);
    const files = media.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const keys = relativeKeys(files.map((f) => toPosix(relative(localRoot, f.path))));
    return files.map((file, i): DiscoveredItem => {
      const sidecars = sidecarsOf(file);
      const relativePath = keys[i] as string;
      return {
        providerKey: collection.externalKey === baseKey ? relativePath : `${collection.externalKey}/${relativePath}`,
        relativePath,
        path: file.path,
        sizeBytes: file.info.size,
        mtimeMs: Math.trunc(file.info.mtimeMs),
        ...(sidecars.length === 0 ? {} : { sidecars }),
        ...(file.problem === undefined ? {} : { problem: file.problem }),
      };
    });
  },
};
