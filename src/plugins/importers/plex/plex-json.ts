// The parts of Plex's JSON answers the importer reads, checked field by field: a server (or a proxy in
// front of it) may leave fields out or give numbers as strings, and nothing unchecked reaches an item.
// Shapes as Plex Media Server answers with `Accept: application/json`: everything under MediaContainer.
import { serverText } from '../server-text.js';

/** A library section (GET /library/sections → MediaContainer.Directory[]). */
export interface PlexSection {
  readonly key: string;
  /** 'movie', 'show', 'artist', 'photo', … */
  readonly type: string;
  readonly title: string;
  /** The section's folders as the server sees them (Location[].path). */
  readonly locations: readonly string[];
}

/** A movie, episode or show (MediaContainer.Metadata[]). */
export interface PlexMetadata {
  readonly ratingKey: string;
  readonly type?: string;
  readonly title?: string;
  readonly grandparentTitle?: string;
  readonly grandparentRatingKey?: string;
  readonly parentIndex?: number;
  readonly index?: number;
  readonly year?: number;
  readonly summary?: string;
  readonly contentRating?: string;
  /** Epoch seconds of the server's last change to the item. */
  readonly updatedAt?: number;
  readonly thumb?: string;
  readonly art?: string;
  readonly grandparentThumb?: string;
  readonly genres: readonly string[];
  /** Media[0].Part[0]: the file the item plays from, as the server sees it. */
  readonly file?: string;
  readonly fileSize?: number;
}

export const record = (value: unknown): Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const list = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? serverText(value) : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;

/** A path exactly as the server gives it (cleaning one could name another file): server-file.ts judges it. */
const pathText = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** A whole number, from a JSON number or a numeric string. */
export function whole(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** Only the fields present, so an item never carries `undefined` values. */
function defined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T;
}

export function parseSection(raw: unknown): PlexSection | undefined {
  const dir = record(raw);
  const key = text(dir['key']);
  if (key === undefined) return undefined;
  const locations = list(dir['Location']).flatMap((l) => pathText(record(l)['path']) ?? []);
  return { key, type: text(dir['type']) ?? '', title: text(dir['title']) ?? key, locations };
}

export function parseMetadata(raw: unknown): PlexMetadata | undefined {
  const m = record(raw);
  const ratingKey = text(m['ratingKey']);
  if (ratingKey === undefined) return undefined;
  const part = record(list(record(list(m['Media'])[0])['Part'])[0]);
  return defined({
    ratingKey,
    type: text(m['type']),
    title: text(m['title']),
    grandparentTitle: text(m['grandparentTitle']),
    grandparentRatingKey: text(m['grandparentRatingKey']),
    parentIndex: whole(m['parentIndex']),
    index: whole(m['index']),
    year: whole(m['year']),
    summary: text(m['summary']),
    contentRating: text(m['contentRating']),
    updatedAt: whole(m['updatedAt']),
    thumb: text(m['thumb']),
    art: text(m['art']),
    grandparentThumb: text(m['grandparentThumb']),
    genres: list(m['Genre']).flatMap((g) => text(record(g)['tag']) ?? []),
    file: pathText(part['file']),
    fileSize: whole(part['size']),
  });
}
