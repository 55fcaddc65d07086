// A fake Plex Media Server for tests: node:http answering the endpoints the plex importer reads, with
// Plex's JSON shapes, from an in-memory library the test owns and may change between runs. It checks the
// X-Plex-Token header (401 otherwise), pages as Plex does, records every request, and can be told to fail.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { plexJson } from './fake-plex-json.js';

export interface FakePlexItem {
  readonly ratingKey: string;
  title: string;
  /** The file as the server sees it; none makes an item without a media part. */
  file?: string;
  size?: number;
  /** Epoch seconds. */
  updatedAt: number;
  year?: number;
  summary?: string;
  genres?: string[];
  contentRating?: string;
  /** Artwork paths on the server, e.g. /library/metadata/10/thumb/1700000000. */
  thumb?: string;
  art?: string;
}

export interface FakePlexEpisode extends FakePlexItem {
  season: number;
  episode: number;
}

export interface FakePlexShow {
  readonly ratingKey: string;
  title: string;
  genres?: string[];
  contentRating?: string;
  thumb?: string;
  episodes: FakePlexEpisode[];
}

export interface FakePlexSection {
  readonly key: string;
  title: string;
  type: 'movie' | 'show' | 'artist' | 'photo';
  /** The section's folders as the server sees them. */
  locations: string[];
  movies?: FakePlexItem[];
  shows?: FakePlexShow[];
}

export interface FakePlexLibrary {
  sections: FakePlexSection[];
}

/** One request as the server saw it (the token's value is never kept). */
export interface FakePlexRequest {
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Paging asked for, from the query or the X-Plex-Container-* headers. */
  readonly start?: number;
  readonly size?: number;
  readonly hadToken: boolean;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * What the server does wrong: `hang` never answers, `close-mid-page` sends half the body then drops the
 * connection, `trickle` sends the headers then one byte of the body every 50 ms (never idle long enough for
 * a per-chunk timeout, so only a whole-answer deadline ends it), `error-500` answers 500, `forbidden` answers 403
 * (Plex's answer to a token of an account without access to the server). `path` limits it to requests whose path starts so (default: all);
 * `after` lets that many matching requests through first.
 */
export interface FakePlexFault {
  readonly kind: 'hang' | 'close-mid-page' | 'trickle' | 'error-500' | 'forbidden';
  readonly path?: string;
  readonly after?: number;
}

export interface FakePlex {
  /** Base URL, e.g. http://127.0.0.1:40123. */
  readonly url: string;
  readonly token: string;
  /** The live library: change it directly or through the helpers below. */
  readonly library: FakePlexLibrary;
  /** Every request so far, oldest first. */
  readonly requests: FakePlexRequest[];
  /** Requests to one section's item listing (/library/sections/KEY/all). */
  listingRequests(sectionKey: string): FakePlexRequest[];
  /** Sets (or clears, with undefined) the fault. */
  fault(fault: FakePlexFault | undefined): void;
  /** The movie or episode with this ratingKey. */
  item(ratingKey: string): FakePlexItem | FakePlexEpisode | undefined;
  /** Changes an item's fields (title, updatedAt, file, …); throws if there is none. */
  updateItem(ratingKey: string, change: Partial<Omit<FakePlexEpisode, 'ratingKey'>>): void;
  /** Removes a movie or episode; throws if there is none. */
  removeItem(ratingKey: string): void;
  close(): Promise<void>;
}

function allItems(library: FakePlexLibrary): Array<{ item: FakePlexItem | FakePlexEpisode; remove: () => void }> {
  return library.sections.flatMap((section) => [
    ...(section.movies ?? []).map((item, i, list) => ({ item, remove: () => list.splice(i, 1) })),
    ...(section.shows ?? []).flatMap((show) => show.episodes.map((item, i, list) => ({ item, remove: () => list.splice(i, 1) }))),
  ]);
}

function recordOf(req: IncomingMessage, url: URL): FakePlexRequest {
  const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
  const paging = (name: string) => {
    const raw = url.searchParams.get(name) ?? header(name.toLowerCase());
    return raw === undefined || raw === null ? undefined : Number(raw);
  };
  const start = paging('X-Plex-Container-Start');
  const size = paging('X-Plex-Container-Size');
  const headers = Object.fromEntries(Object.entries(req.headers).flatMap(([k, v]) => (k === 'x-plex-token' || typeof v !== 'string' ? [] : [[k, v]])));
  return {
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    ...(start === undefined ? {} : { start }),
    ...(size === undefined ? {} : { size }),
    hadToken: req.headers['x-plex-token'] !== undefined,
    headers,
  };
}

/** Applies the fault, if it matches; true when the response is taken care of. */
function applyFault(fault: FakePlexFault, res: ServerResponse, body: string): boolean {
  if (fault.kind === 'hang') return true;
  if (fault.kind === 'error-500' || fault.kind === 'forbidden') {
    res.writeHead(fault.kind === 'forbidden' ? 403 : 500, { 'content-type': 'text/plain' }).end(fault.kind === 'forbidden' ? 'forbidden' : 'internal error');
    return true;
  }
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  if (fault.kind === 'trickle') {
    let sent = 0;
    const drip = setInterval(() => res.write(body.charAt(sent++)), 50);
    res.on('close', () => clearInterval(drip));
    return true;
  }
  res.write(body.slice(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
  return true;
}

/** Starts a fake Plex on 127.0.0.1 (a free port) serving `library` (kept by reference: tests may mutate it). */
export async function startFakePlex(library: FakePlexLibrary, options: { token?: string } = {}): Promise<FakePlex> {
  const token = options.token ?? 'fake-plex-token-0123456789';
  const requests: FakePlexRequest[] = [];
  let current: { fault: FakePlexFault; seen: number } | undefined;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-plex');
    const record = recordOf(req, url);
    requests.push(record);
    if (req.headers['x-plex-token'] !== token) {
      res.writeHead(401, { 'content-type': 'text/html' }).end('<html><head><title>Unauthorized</title></head></html>');
      return;
    }
    const answer = plexJson(library, record);
    const body = answer === undefined ? undefined : JSON.stringify(answer);
    if (current && record.path.startsWith(current.fault.path ?? '/') && current.seen++ >= (current.fault.after ?? 0)) {
      if (applyFault(current.fault, res, body ?? '{}')) return;
    }
    if (body === undefined) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    else res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const find = (ratingKey: string) => {
    const found = allItems(library).find((entry) => entry.item.ratingKey === ratingKey);
    if (found === undefined) throw new Error(`fake Plex has no item ${ratingKey}`);
    return found;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    library,
    requests,
    listingRequests: (key) => requests.filter((r) => r.path === `/library/sections/${key}/all`),
    fault: (fault) => {
      current = fault === undefined ? undefined : { fault, seen: 0 };
    },
    item: (ratingKey) => allItems(library).find((entry) => entry.item.ratingKey === ratingKey)?.item,
    updateItem: (ratingKey, change) => {
      Object.assign(find(ratingKey).item, change);
    },
    removeItem: (ratingKey) => find(ratingKey).remove(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections(); // a hanging request holds its socket open
      }),
  };
}
