// The listing step of an ingest: the collection's items as its importer reports them, with Core's part of
// every failure added — the collection, the source's name, and for a folder walk its root and mapping.
import type { CollectionRow, SourceRow } from '../db/schema.js';
import { isRetroVueError, RetroVueError } from '../core/errors.js';
import { resolveLocalPath } from '../catalog/path-mapping.js';
import type { DiscoveredItem, Importer, SkippedEntry } from '../plugins/importer.js';
import { runPlugin } from '../plugins/run-plugin.js';
import { namingSource } from './importer-errors.js';

export interface CollectionListing {
  readonly importer: Importer<any>;
  readonly source: SourceRow;
  readonly collection: CollectionRow;
  /** The collection as operators name it (<source>/<name>). */
  readonly ref: string;
  readonly localRoot: string;
  readonly under: string | undefined;
  /** Filled with what the importer left out and why. */
  readonly skipped: SkippedEntry[];
}

export interface ListingOptions {
  readonly onListProgress?: (listed: number, total?: number) => void;
  readonly signal?: AbortSignal;
}

/** A failure to reach the media, as the operator reads it: a folder walk names its root and mapping. */
function unreachable(listing: CollectionListing, error: RetroVueError): RetroVueError {
  const { importer, collection, ref, localRoot } = listing;
  // A media server's importer names the server and the fix itself; only a folder walk's root needs naming here.
  if (importer.readsLocalRoot !== true) return new RetroVueError('unreachable', `collection ${ref}: ${error.message}`, { cause: error });
  const mapped = localRoot === collection.source_path ? '' : ` (mapped from ${collection.source_path})`;
  // A path that is there but cannot be read says why (EACCES); a missing one needs no more words.
  const code = /: (E[A-Z]+)$/.exec(error.message)?.[1];
  const cause = code === undefined || code === 'ENOENT' ? '' : ` (${code})`;
  return new RetroVueError('unreachable', `collection ${ref} path ${localRoot}${mapped} is not reachable${cause}`, { cause: error });
}

/** The items, or undefined when an interrupt stopped the listing. */
export async function listCollection(listing: CollectionListing, options: ListingOptions): Promise<DiscoveredItem[] | undefined> {
  const { importer, source, collection, ref, localRoot, under, skipped } = listing;
  const list = () =>
    importer.listItems({
      config: source.config,
      collection: { externalKey: collection.external_key, name: collection.name, sourcePath: collection.source_path },
      ref,
      localRoot,
      ...(under ? { under } : {}),
      onSkip: (entry) => skipped.push(entry),
      localPathOf: (path) => resolveLocalPath(path, collection.local_paths),
      ...(options.onListProgress ? { onListProgress: options.onListProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  // A throwing importer is contained (one plugin_failed line naming it); its own RetroVueErrors already say what to fix.
  return list()
    .catch((error: unknown) => (isRetroVueError(error) ? Promise.reject(error) : runPlugin('importer', source.type, `collection ${ref}`, () => Promise.reject(error))))
    .catch((error: unknown) => Promise.reject(namingSource(error, source.name)))
    .catch((error: unknown) => Promise.reject(isRetroVueError(error) && error.code === 'unreachable' ? unreachable(listing, error) : error))
    .catch((error: unknown) => {
      if (error instanceof Error && error.name === 'AbortError') return undefined;
      throw error;
    });
}
