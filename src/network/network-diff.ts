// The plan `network apply` prints: the difference between the network exported before and after its
// changes, object by object and field by field. Because both sides are exports, what is reported is
// exactly what changed, in the file's own terms.
import type { NetworkFile } from '../../generated/network-schema.js';

export type ObjectKind = 'source' | 'collection' | 'enricher' | 'producer' | 'synthetic-asset' | 'virtual-asset' | 'program' | 'channel' | 'schedule-plan' | 'zone' | 'interstitial';

export interface NetworkObject {
  readonly kind: ObjectKind;
  /** How commands name it: a channel id, <channel>/<plan>/<zone>, <source>/<collection>, … */
  readonly name: string;
  /** The names that make `name` (channel, plan, zone…), each whole even when it holds a "/". */
  readonly path: readonly string[];
  /** Its own fields (nested objects are objects of their own). */
  readonly fields: Readonly<Record<string, unknown>>;
}

export interface FieldChange {
  readonly field: string;
  readonly from?: unknown;
  readonly to?: unknown;
}

export interface NetworkChange {
  readonly action: 'create' | 'update' | 'delete';
  readonly kind: ObjectKind;
  readonly name: string;
  readonly path: readonly string[];
  readonly fields: readonly FieldChange[];
}

const without = (entry: object, ...keys: string[]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(entry).filter(([k]) => !keys.includes(k)));

/** Every object of the file, parents before children, in the order apply makes them. */
export function networkObjects(network: NetworkFile): NetworkObject[] {
  const objects: NetworkObject[] = [];
  const add = (kind: ObjectKind, path: string | readonly string[], fields: Record<string, unknown>) => {
    const parts = typeof path === 'string' ? [path] : path;
    objects.push({ kind, name: parts.join('/'), path: parts, fields });
  };
  for (const e of network.enrichers ?? []) add('enricher', e.id, without(e, 'id'));
  for (const p of network.producers ?? []) add('producer', p.id, without(p, 'id'));
  for (const s of network.sources ?? []) {
    add('source', s.name, without(s, 'name', 'collections'));
    for (const c of s.collections ?? []) add('collection', [s.name, c.name], without(c, 'name'));
  }
  for (const a of network['synthetic-assets'] ?? []) add('synthetic-asset', a.name, without(a, 'name'));
  for (const a of network['virtual-assets'] ?? []) add('virtual-asset', a.name, without(a, 'name'));
  for (const p of network.programs ?? []) add('program', p.name, without(p, 'name'));
  for (const c of network.channels ?? []) {
    add('channel', c.id, without(c, 'id', 'plans', 'interstitials'));
    for (const p of c.plans ?? []) {
      add('schedule-plan', [c.id, p.name], without(p, 'name', 'zones'));
      for (const z of p.zones ?? []) add('zone', [c.id, p.name, z.name], without(z, 'name'));
    }
    for (const i of c.interstitials ?? []) add('interstitial', [c.id, i.role, i.collection], {});
  }
  return objects;
}

/** Keyed by the names themselves, not their "/"-joined form: plan "a/b" zone "c" is not plan "a" zone "b/c". */
export const objectKey = (o: Pick<NetworkObject, 'kind' | 'path'>): string => [o.kind, ...o.path].join('\u0000');

/** A long value (a logo) is shown by its start. */
function shown(value: unknown): unknown {
  return typeof value === 'string' && value.length > 80 ? `${value.slice(0, 60)}… (${value.length} characters)` : value;
}

function fieldChanges(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): FieldChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]))
    .map((f) => ({ field: f, ...(f in before ? { from: shown(before[f]) } : {}), ...(f in after ? { to: shown(after[f]) } : {}) }));
}

/** Creates and updates in the order apply makes objects, then deletes, children first. */
export function diffNetworks(before: NetworkFile, after: NetworkFile): NetworkChange[] {
  const old = new Map(networkObjects(before).map((o) => [objectKey(o), o]));
  const now = networkObjects(after);
  const present = new Set(now.map(objectKey));
  const changes: NetworkChange[] = [];
  for (const o of now) {
    const was = old.get(objectKey(o));
    if (!was) changes.push({ action: 'create', kind: o.kind, name: o.name, path: o.path, fields: fieldChanges({}, o.fields) });
    else {
      const fields = fieldChanges(was.fields, o.fields);
      if (fields.length > 0) changes.push({ action: 'update', kind: o.kind, name: o.name, path: o.path, fields });
    }
  }
  for (const o of [...old.values()].reverse()) {
    if (!present.has(objectKey(o))) changes.push({ action: 'delete', kind: o.kind, name: o.name, path: o.path, fields: [] });
  }
  return changes;
}

/** "update channel toons: name "Toons" → "Toon Time", enabled false → (default)" */
export function describeChange(change: NetworkChange): string {
  const value = (v: unknown) => (v === undefined ? '(default)' : JSON.stringify(v));
  const fields = change.fields.map((f) => (change.action === 'create' ? `${f.field} ${value(f.to)}` : `${f.field} ${value(f.from)} → ${value(f.to)}`));
  return `${change.action} ${change.kind} ${change.name}${fields.length > 0 ? `: ${fields.join(', ')}` : ''}`;
}
