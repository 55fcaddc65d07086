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
  /** The collection's root on this machine (its source path after local path mapping). */
  readonly localRoot: string;
  /** Only items below this directory (absolute, inside localRoot). */
  readonly under?: string;
  /** Told about every entry left out for a reason the operator can act on; the listing goes on. */
  readonly onSkip?: (skipped: SkippedEntry) => void;
}

export interface Importer<Config = Record<string, unknown>> extends PluginDescriptor {
  /** Checks and normalises an operator's config (for example, makes paths absolute). Throws `invalid_input`. */
  normaliseConfig(raw: Record<string, unknown>, context: { cwd: string }): Promise<Config>;
  /** The collections of a source; throws `unreachable` when the system cannot be reached. */
  discoverCollections(config: Config): Promise<DiscoveredCollection[]>;
  /**
   * Where the collection with `externalKey` lives under `config`, without asking the system; used to make
   * every persisted collection follow a changed config, even one the system no longer reports.
   */
  collectionSourcePath(config: Config, externalKey: string): string;
  /** The collection's media items; throws `unreachable` when its local root cannot be read. */
  listItems(request: ListItemsRequest<Config>): Promise<DiscoveredItem[]>;
}
