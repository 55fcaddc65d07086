// Collection local_paths: map the path a source reports to the path on this machine.
// Several mappings may apply; the longest matching remote prefix wins.
import { isAbsolute, posix } from 'node:path';
import { RetroVueError } from '../core/errors.js';
import type { LocalPathMapping } from '../db/schema.js';

const trimSlash = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

/** "REMOTE=LOCAL" → a mapping of two absolute, normalised paths. */
export function parseMapping(text: string): LocalPathMapping {
  const at = text.indexOf('=');
  const remote = at > 0 ? text.slice(0, at).trim() : '';
  const local = at > 0 ? text.slice(at + 1).trim() : '';
  if (!remote || !local || !isAbsolute(remote) || !isAbsolute(local)) {
    throw new RetroVueError('invalid_input', `--local-path "${text}" must be REMOTE=LOCAL with two absolute paths, e.g. /mnt/media=/srv/media`);
  }
  return { remote: trimSlash(posix.normalize(remote)), local: trimSlash(posix.normalize(local)) };
}

/** One mapping per remote prefix (the last given wins), longest prefix first. */
export function normaliseMappings(mappings: readonly LocalPathMapping[]): LocalPathMapping[] {
  const byRemote = new Map<string, LocalPathMapping>();
  for (const mapping of mappings) byRemote.set(mapping.remote, mapping);
  return [...byRemote.values()].sort((a, b) => b.remote.length - a.remote.length || a.remote.localeCompare(b.remote));
}

function hasPrefix(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix === '/' ? '/' : `${prefix}/`);
}

/** The local path for a source path: the longest matching remote prefix replaced, else the path itself. */
export function resolveLocalPath(sourcePath: string, mappings: readonly LocalPathMapping[]): string {
  // Stored mappings come from parseMapping, but a hand-edited row may still carry a trailing slash.
  const match = mappings
    .map((m) => ({ remote: trimSlash(m.remote), local: trimSlash(m.local) }))
    .sort((a, b) => b.remote.length - a.remote.length)
    .find((m) => hasPrefix(sourcePath, m.remote));
  if (!match) return sourcePath;
  const rest = sourcePath.slice(match.remote.length).replace(/^\/+/, '');
  return rest ? posix.join(match.local, rest) : match.local;
}
