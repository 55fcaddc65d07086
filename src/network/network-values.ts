// Small value rules the network file follows everywhere: stable order, and no field that says nothing.
import { networkFileSchema } from '../../generated/network-schema.js';

/** A copy sorted by the key (plain code-point order, as UTF-8 bytes sort: "！" before "😀", which `<` on UTF-16 inverts). */
export function byKey<T>(list: readonly T[], key: (item: T) => string): T[] {
  const utf8 = (item: T) => Buffer.from(key(item), 'utf8');
  return [...list].sort((a, b) => Buffer.compare(utf8(a), utf8(b)));
}

/** The object without undefined fields and empty lists (a list that must be written empty is written by its caller). */
export function compact<T extends object>(entry: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;
}

/** The entry without the fields equal to their default in the network file's schema (`definition` names the object). */
export function withoutDefaults<T extends object>(entry: T, definition: string): T {
  const definitions = networkFileSchema['definitions'] as Record<string, { properties: Record<string, { default?: unknown }> }>;
  const properties = definitions[definition]?.properties ?? {};
  return Object.fromEntries(
    Object.entries(entry).filter(([field, value]) => {
      const fallback = properties[field]?.default;
      return fallback === undefined || JSON.stringify(fallback) !== JSON.stringify(value);
    }),
  ) as T;
}

/** Deep equality of two JSON values, whatever the order of their keys (jsonb does not keep it). */
export function sameJson(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A field as declared, or the default its option has in the contract (the schema's `default`): the one
 * place apply reads defaults from, as export does when it leaves them out.
 */
export function orDefault<T extends object, K extends keyof T & string>(entry: T, definition: string, field: K): NonNullable<T[K]> {
  const declared = entry[field];
  if (declared !== undefined && declared !== null) return declared as NonNullable<T[K]>;
  const definitions = networkFileSchema['definitions'] as Record<string, { properties: Record<string, { default?: unknown }> }>;
  const fallback = definitions[definition]?.properties[field]?.default;
  if (fallback === undefined) throw new Error(`the network file's ${definition}.${field} has no default in its contract`);
  return fallback as NonNullable<T[K]>;
}
