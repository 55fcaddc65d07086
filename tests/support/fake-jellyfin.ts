// A fake Jellyfin (or Emby) server for importer tests: node:http over an in-memory library of virtual
// folders, movies and episodes. It checks the flavour's auth header (401 otherwise), honours the /Items
// query the importer sends (ParentId, Recursive, IncludeItemTypes, Fields, StartIndex, Limit), records
// every request, and can misbehave on demand (hang, close mid-page, 500).
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeFlavour = 'jellyfin' | 'emby';

export interface FakeLibrary {
  readonly itemId: string;
  readonly name: string;
  /** 'movies', 'tvshows', 'music'…; absent for a mixed library. */
  readonly collectionType?: string;
  readonly locations: readonly string[];
}

export interface FakeItem {
  readonly id: string;
  readonly type: 'Movie' | 'Episode';
  /** The library (virtual folder ItemId) holding it. */
  readonly libraryId: string;
  readonly name: string;
  /** The file's path on the server; absent for an item with no file. */
  readonly path?: string;
  /** Reported as MediaSources[0].Size. */
  readonly size?: number;
  readonly seriesId?: string;
  readonly seriesName?: string;
  readonly seriesPrimaryImageTag?: string;
  readonly season?: number;
  readonly episode?: number;
  readonly year?: number;
  readonly overview?: string;
  readonly genres?: readonly string[];
  readonly officialRating?: string;
  readonly primaryImageTag?: string;
  /** Epoch ms; the item's Etag is derived from it as Jellyfin derives it (MD5 of the .NET ticks). */
  readonly dateLastSaved: number;
}

export interface FakeRequest {
  /** The path without its query. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly authorized: boolean;
}

/** hang: never answer; close-mid-page: send half a body and cut the socket; error-500: answer 500. */
export type FakeFault = 'hang' | 'close-mid-page' | 'error-500';

export interface FaultOptions {
  /** Only requests to this path (e.g. '/Items'); every path when absent. */
  readonly path?: string;
  /** Let this many matching requests through first (0: fault the first). */
  readonly after?: number;
}

export interface FakeJellyfin {
  readonly url: string;
  readonly apiKey: string;
  readonly flavour: FakeFlavour;
  /** Every request received, in order. */
  readonly requests: FakeRequest[];
  addLibrary(library: FakeLibrary): void;
  addItem(item: FakeItem): void;
  /** Changes an item; a new dateLastSaved (default: one second later) gives it a new Etag. */
  updateItem(id: string, change: Partial<Omit<FakeItem, 'id'>>): void;
  removeItem(id: string): void;
  /** Misbehave from now on (undefined: behave again). */
  setFault(fault: FakeFault | undefined, options?: FaultOptions): void;
  close(): Promise<void>;
}

/** Jellyfin's Etag: MD5 of DateLastSaved in .NET ticks. */
export function fakeEtag(dateLastSavedMs: number): string {
  const ticks = BigInt(dateLastSavedMs) * 10_000n + 621_355_968_000_000_000n;
  return createHash('md5').update(ticks.toString()).digest('hex');
}

function isAuthorized(req: IncomingMessage, flavour: FakeFlavour, apiKey: string): boolean {
  if (flavour === 'emby') return req.headers['x-emby-token'] === apiKey;
  const auth = req.headers.authorization ?? '';
  const token = /^MediaBrowser\s.*\bToken="([^"]*)"/i.exec(auth)?.[1];
  return token !== undefined && decodeURIComponent(token) === apiKey;
}

function itemDto(item: FakeItem, fields: ReadonlySet<string>): Record<string, unknown> {
  const dto: Record<string, unknown> = { Id: item.id, Type: item.type, Name: item.name, ImageTags: item.primaryImageTag ? { Primary: item.primaryImageTag } : {} };
  if (item.year !== undefined) dto['ProductionYear'] = item.year;
  if (item.officialRating !== undefined) dto['OfficialRating'] = item.officialRating;
  if (item.type === 'Episode') {
    Object.assign(dto, { SeriesId: item.seriesId, SeriesName: item.seriesName, ParentIndexNumber: item.season, IndexNumber: item.episode });
    if (item.seriesPrimaryImageTag) dto['SeriesPrimaryImageTag'] = item.seriesPrimaryImageTag;
  }
  if (fields.has('Path') && item.path !== undefined) dto['Path'] = item.path;
  if (fields.has('Overview') && item.overview !== undefined) dto['Overview'] = item.overview;
  if (fields.has('Genres')) dto['Genres'] = item.genres ?? [];
  if (fields.has('Etag')) dto['Etag'] = fakeEtag(item.dateLastSaved);
  if (fields.has('MediaSources')) dto['MediaSources'] = item.path === undefined ? [] : [{ Path: item.path, Size: item.size ?? 0, Protocol: 'File' }];
  return dto;
}

/** Series, season, episode, name, then id: a stable order like the one the importer asks for. */
function byOrder(a: FakeItem, b: FakeItem): number {
  const key = (i: FakeItem) => [i.seriesName ?? '', String(i.season ?? 0).padStart(4, '0'), String(i.episode ?? 0).padStart(4, '0'), i.name, i.id].join('\u0000');
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

function itemsAnswer(items: readonly FakeItem[], query: Readonly<Record<string, string>>): unknown {
  const types = new Set((query['IncludeItemTypes'] ?? 'Movie,Episode').split(','));
  const fields = new Set((query['Fields'] ?? '').split(','));
  const recursive = query['Recursive'] === 'true';
  const matching = items
    .filter((i) => query['ParentId'] === undefined || i.libraryId === query['ParentId'])
    .filter((i) => types.has(i.type) && (recursive || i.type === 'Movie')) // episodes sit below series and seasons
    .sort(byOrder);
  const start = Number(query['StartIndex'] ?? 0);
  const limit = query['Limit'] === undefined ? matching.length : Number(query['Limit']);
  return { Items: matching.slice(start, start + limit).map((i) => itemDto(i, fields)), TotalRecordCount: matching.length, StartIndex: start };
}

export async function startFakeJellyfin(options: { flavour?: FakeFlavour; apiKey?: string; libraries?: readonly FakeLibrary[]; items?: readonly FakeItem[] } = {}): Promise<FakeJellyfin> {
  const flavour = options.flavour ?? 'jellyfin';
  const apiKey = options.apiKey ?? 'fake-api-key-0123456789abcdef';
  const libraries: FakeLibrary[] = [...(options.libraries ?? [])];
  const items = new Map((options.items ?? []).map((i) => [i.id, i]));
  const requests: FakeRequest[] = [];
  let fault: { kind: FakeFault; path?: string; after: number } | undefined;

  function answerJson(res: ServerResponse, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  /** Whether the fault takes this request (it then answers it, or never does). */
  function misbehave(path: string, res: ServerResponse): boolean {
    if (fault === undefined || (fault.path !== undefined && fault.path !== path)) return false;
    if (fault.after > 0) {
      fault.after -= 1;
      return false;
    }
    if (fault.kind === 'hang') return true;
    if (fault.kind === 'error-500') {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
      return true;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': 1000 });
    res.write('{"Items":[{"Id":"half');
    setImmediate(() => res.socket?.destroy());
    return true;
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const authorized = isAuthorized(req, flavour, apiKey);
    requests.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), authorized });
    if (!authorized) return void res.writeHead(401).end();
    if (misbehave(url.pathname, res)) return;
    if (url.pathname === '/Library/VirtualFolders') {
      return answerJson(res, libraries.map((l) => ({ Name: l.name, Locations: l.locations, ItemId: l.itemId, ...(l.collectionType ? { CollectionType: l.collectionType } : {}) })));
    }
    if (url.pathname === '/Items') return answerJson(res, itemsAnswer([...items.values()], Object.fromEntries(url.searchParams)));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    flavour,
    requests,
    addLibrary: (library) => void libraries.push(library),
    addItem: (item) => void items.set(item.id, item),
    updateItem(id, change) {
      const item = items.get(id);
      if (item === undefined) throw new Error(`fake ${flavour}: no item ${id}`);
      items.set(id, { ...item, dateLastSaved: item.dateLastSaved + 1000, ...change });
    },
    removeItem: (id) => void items.delete(id),
    setFault(kind, faultOptions = {}) {
      fault = kind === undefined ? undefined : { kind, after: faultOptions.after ?? 0, ...(faultOptions.path ? { path: faultOptions.path } : {}) };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
