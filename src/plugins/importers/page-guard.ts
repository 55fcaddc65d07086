// A paged listing must make progress: a server (or a proxy caching one URL) that ignores the offset answers
// the same page forever while its total says there is more, and the importer would list and hold items
// until memory runs out. A page with no item not already seen fails the listing with one line, or, when it
// was asked past the server's total (in case the total was understated), simply ends it.
import { RetroVueError } from '../../core/errors.js';

/**
 * Returns a check to call with each page's item keys, before its items are used: true when the page brings
 * a new item (or is empty), false when it brings none and `pastTotal` says the listing may end there.
 * @param server how the server is named in messages ("the Plex server http://nas:32400")
 * @param path the listing's path, without its query
 */
export function pageGuard(server: string, path: string): (keys: readonly (string | undefined)[], offset: number, pastTotal: boolean) => boolean {
  const seen = new Set<string>();
  return (keys, offset, pastTotal) => {
    const fresh = keys.filter((k): k is string => k !== undefined && !seen.has(k));
    for (const k of fresh) seen.add(k);
    if (keys.length === 0 || fresh.length > 0) return true;
    if (pastTotal) return false;
    throw new RetroVueError(
      'unreachable',
      `${server} answered ${path} at offset ${offset} with no item it had not already listed (it ignores paging?); check the source's url, or a proxy in front of the server`,
    );
  };
}

/**
 * Whether a listing ends after a page: on an empty page, or on a short one once the server's total (if it
 * gives one) is reached. A full page goes on even past the total (a server may understate it; the next page
 * says), and a short page before the total goes on too (a server may give fewer than asked).
 */
export function listingEnds(rows: number, pageSize: number, listed: number, total: number | undefined): boolean {
  return rows === 0 || (rows !== pageSize && (total === undefined || listed >= total));
}
