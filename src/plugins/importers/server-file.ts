// Where a media server's item lives on this machine: RetroVue plays the file itself, never the server's
// stream, so the path the server reports goes through the collection's local_path mappings and is read
// here. A file that is not there (unmapped, unmounted, unreadable) still becomes an item, with the
// problem and the fix, so the ingest goes on and the asset says what to do.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { posix } from 'node:path';

export interface ServerFile {
  /** The absolute local path the file is read at. */
  readonly path: string;
  /** Relative to the server library folder holding it (forward slashes). */
  readonly relativePath: string;
  /** The path as the server reports it, when the mapping changed it. */
  readonly sourcePath?: string;
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  readonly problem?: string;
}

/** The longest library folder holding `serverPath` (no trailing slash), if one does. */
function holdingFolder(serverPath: string, libraryFolders: readonly string[]): string | undefined {
  return [...libraryFolders]
    .map((f) => f.replace(/\/+$/, ''))
    .sort((a, b) => b.length - a.length)
    .find((f) => serverPath.startsWith(`${f}/`));
}

/** The item's path relative to the longest library folder holding it; the file name alone if none does. */
export function pathInLibrary(serverPath: string, libraryFolders: readonly string[]): string {
  const folder = holdingFolder(serverPath, libraryFolders);
  return folder === undefined ? posix.basename(serverPath) : serverPath.slice(folder.length + 1);
}

/**
 * How the operator makes the server folder holding `serverPath` readable here, as a command to paste:
 * the collection's ref (quoted when it holds a space or a quote) and that folder.
 */
export function mappingFix(ref: string, libraryFolders: readonly string[], serverPath: string): string {
  const word = /^[^\s'"]+$/.test(ref) ? ref : `'${ref.replace(/'/g, `'\\''`)}'`;
  const folder = holdingFolder(serverPath, libraryFolders) ?? posix.dirname(serverPath);
  return `map the server's folder with retrovue collection update ${word} --local-path ${folder}=LOCAL`;
}

/**
 * Why a path the server reports cannot name a file here, if it cannot: a NUL byte (no file has one, and the
 * catalog cannot store one), a relative path (it would be read from wherever RetroVue was started), a Windows
 * path (mappings are POSIX), or `..` (a path leaving its library folder, past the collection's mapping).
 */
function unusable(serverPath: string): string | undefined {
  const fix = "fix the item's file on the server";
  if (serverPath.includes('\u0000')) return `has a NUL byte; ${fix}`;
  if (/^[A-Za-z]:[\\/]|^\\\\/.test(serverPath)) return 'is a Windows path; local_path mappings map only POSIX paths, so this server\'s files cannot be read here yet';
  if (!posix.isAbsolute(serverPath)) return `is not absolute; ${fix}`;
  if (serverPath.split('/').includes('..')) return `has a '..' segment; ${fix}`;
  return undefined;
}

/**
 * @param ref the collection as operators name it, for the mapping fix of a file that is not there (see mappingFix).
 */
export async function serverFile(
  serverPath: string,
  libraryFolders: readonly string[],
  localPathOf: (sourcePath: string) => string,
  ref: string,
  reportedSizeBytes = 0,
): Promise<ServerFile> {
  const why = unusable(serverPath);
  if (why !== undefined) {
    const shown = serverPath.replace(/\u0000/g, '\ufffd');
    const problem = `the server reports the file as ${JSON.stringify(shown)}, which ${why}`;
    return { path: shown, relativePath: pathInLibrary(shown, libraryFolders), sizeBytes: reportedSizeBytes, mtimeMs: 0, problem };
  }
  const path = localPathOf(serverPath);
  const relativePath = pathInLibrary(serverPath, libraryFolders);
  const mapped = path === serverPath ? {} : { sourcePath: serverPath };
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => error);
  const readable = info instanceof Error ? info : await access(path, constants.R_OK).then(() => info, (error: NodeJS.ErrnoException) => error);
  if (readable instanceof Error || !readable.isFile()) {
    const code = readable instanceof Error ? (readable.code ?? readable.message) : 'not a file';
    const where = path === serverPath ? `${path} (the server's path, not mapped)` : `${path} (mapped from the server's ${serverPath})`;
    const problem = `file ${where} is not readable here: ${code}; ${path === serverPath ? mappingFix(ref, libraryFolders, serverPath) : 'mount the library there or fix the mapping'}`;
    return { path, relativePath, ...mapped, sizeBytes: reportedSizeBytes, mtimeMs: 0, problem };
  }
  return { path, relativePath, ...mapped, sizeBytes: readable.size, mtimeMs: Math.trunc(readable.mtimeMs) };
}
