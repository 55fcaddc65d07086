// The Importer plugin contract: the only gateway to an external media system. It reports a Source's
// Collections and, for one collection, the DiscoveredItems inside it. It never touches the database.
import type { SidecarFile } from '../media/sidecar-subtitles.js';
import type { PluginDescriptor } from './plugin.js';

export interface DiscoveredCollection {
  /** Stable key of the collection within its source. */
  readonly externalKey: string;
  readonly name: string;
  /** Where the source says the collection lives (before any local path mapping). */
  readonly sourcePath: string;
}

/**
 * Importers do not know the operator's name for their source: a message that names a command to run says
 * `<source>` where the name goes, and Core puts the name in (src/ingest/importer-errors.ts).
 */
export const sourceNamePlaceholder = '<source>';

/** What a source curates about an item (a media server's metadata); the importer's word beats a guess from the file name. */
export interface DiscoveredMetadata {
  readonly kind?: 'movie' | 'episode';
  readonly title?: string;
  readonly series?: string;
  readonly season?: number;
  readonly episode?: number;
  readonly year?: number;
  readonly summary?: string;
  readonly genres?: readonly string[];
  /** The rating the source gives (TV-PG, PG-13, …). */
  readonly contentRating?: string;
  /** Artwork URLs by role (poster, thumb, art), never carrying a credential. */
  readonly artwork?: Readonly<Record<string, string>>;
}

/** What an importer returns for one media file; never persisted as such. */
export interface DiscoveredItem {
  /** The importer's normalised external id (becomes the Asset's ProviderRef). */
  readonly providerKey: string;
  /** Path relative to the collection root, with forward slashes. */
  readonly relativePath: string;
  /** Absolute local path to read the file at. */
  readonly path: string;
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  /** Subtitle files beside the media file that belong to it (same base name), sorted by path; never items of their own. */
  readonly sidecars?: readonly SidecarFile[];
  /** Why the item cannot be ingested as it is (a name that is not UTF-8): it becomes an invalid asset with this reason. */
  readonly problem?: string;
  /** What the source says about the item, when it curates metadata. */
  readonly metadata?: DiscoveredMetadata;
  /** The source's version of the item (a media server's updated-at): a different one re-ingests it. */
  readonly version?: string;
  /** The file's path as the source reports it, when mapping made `path` differ from it. */
  readonly sourcePath?: string;
}

/** Something inside a collection the importer did not list (an unreadable folder, a link loop), and why. */
export interface SkippedEntry {
  /** Relative to the collection root, with forward slashes. */
  readonly path: string;
  readonly reason: string;
}

export interface ListItemsRequest<Config> {
  readonly config: Config;
  readonly collection: DiscoveredCollection;
  /** The collection as operators name it ("<source>/<name>"), so a fix in a message can be pasted as it is. */
  readonly ref?: string;
  /** The collection's root on this machine (its source path after local path mapping). */
  readonly localRoot: string;
  /** Only items below this directory (absolute, inside localRoot). */
  readonly under?: string;
  /** Told about every entry left out for a reason the operator can act on; the listing goes on. */
  readonly onSkip?: (skipped: SkippedEntry) => void;
  /** A path as the source reports it, as this machine reads it (the collection's local_path mappings). */
  readonly localPathOf: (sourcePath: string) => string;
  /** Told as a paged listing goes on: items listed so far, and how many the source holds when it says. */
  readonly onListProgress?: (listed: number, total?: number) => void;
  /** Aborted when the operator interrupts the ingest: stop asking the source. */
  readonly signal?: AbortSignal;
}

export interface Importer<Config = Record<string, unknown>> extends PluginDescriptor {
  /**
   * The built-in ingest enricher instances a new collection of this source gets, in order. Default
   * ffprobe then filename; an importer whose source curates titles leaves filename out, so a guess from
   * the file name never overwrites them.
   */
  readonly ingestEnrichers?: readonly string[];
  /**
   * Whether listItems reads the collection's local root itself (a folder walk): an unreachable error then
   * names that root and its mapping. A media server's importer asks the server and names it instead.
   */
  readonly readsLocalRoot?: boolean;
  /** Checks and normalises an operator's config (for example, makes paths absolute). Throws `invalid_input`. */
  normaliseConfig(raw: Record<string, unknown>, context: { cwd: string }): Promise<Config>;
  /** The collections of a source; throws `unreachable` when the system cannot be reached. */
  discoverCollections(config: Config): Promise<DiscoveredCollection[]>;
  /**
   * Where the collection with `externalKey` lives under `config`, without asking the system; used to make
   * every persisted collection follow a changed config, even one the system no longer reports. Undefined
   * when only the system can say (a media server's library folder): the path discover stored then stands.
   */
  collectionSourcePath(config: Config, externalKey: string): string | undefined;
  /** The collection's media items; throws `unreachable` when its local root cannot be read. */
  listItems(request: ListItemsRequest<Config>): Promise<DiscoveredItem[]>;
}
