// How operators name catalog things: ids are uuids, a collection is "<source>/<name>".

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: string): boolean {
  return uuidPattern.test(text);
}

/** @example collectionRef('lib', 'Series') // → "lib/Series" */
export function collectionRef(sourceName: string, collectionName: string): string {
  return `${sourceName}/${collectionName}`;
}

/** "lib/Series" → { source: "lib", name: "Series" }; undefined when there is no source part. */
export function parseCollectionRef(ref: string): { readonly source: string; readonly name: string } | undefined {
  const slash = ref.indexOf('/');
  return slash <= 0 ? undefined : { source: ref.slice(0, slash), name: ref.slice(slash + 1) };
}
