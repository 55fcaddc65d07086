// A paged listing must make progress: a server (or a proxy caching one URL) that ignores the offset answers
// the same page forever while its total says there is more, and the importer would list and hold items
// until memory runs out. A full page with no item not already seen ends the listing with one line.
import { RetroVueError } from '../../core/errors.js';

/**
 * Returns a check to call with each page's item keys (before the next page is asked for).
 * @param server how the server is named in messages ("the Plex server http://nas:32400")
 * @param path the listing's path, without its query
 */
export function pageGuard(server: string, path: string): (keys: readonly (string | undefined)[], offset: number) => void {
  const seen = new Set<string>();
  return (keys, offset) => {
    const fresh = keys.filter((k): k is string => k !== undefined && !seen.has(k));
    if (keys.length > 0 && fresh.length === 0) {
      throw new RetroVueError(
        'unreachable',
        `${server} answered ${path} at offset ${offset} with no item it had not already listed (it ignores paging?); check the source's url, or a proxy in front of the server`,
      );
    }
    for (const k of fresh) seen.add(k);
  };
}
