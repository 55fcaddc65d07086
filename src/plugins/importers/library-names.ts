// Collection names from a media server's library titles: printable, never empty, and unique within the
// source. Plex, Jellyfin and Emby all let two libraries share a title, and a collection name is unique per
// source (two alike used to fail `source discover` as a concurrent change); the library's key tells them apart.

export interface NamedLibrary {
  /** The server's id of the library (Plex section key, Jellyfin/Emby ItemId). */
  readonly key: string;
  readonly title: string;
}

/** Each library's collection name, by key. */
export function libraryNames(libraries: readonly NamedLibrary[]): Map<string, string> {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const clean = (l: NamedLibrary) => l.title.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim() || `library ${l.key}`;
  const count = new Map<string, number>();
  for (const l of libraries) count.set(clean(l), (count.get(clean(l)) ?? 0) + 1);
  return new Map(libraries.map((l) => [l.key, (count.get(clean(l)) ?? 0) > 1 ? `${clean(l)} (${l.key})` : clean(l)]));
}
