// The scalars of a parsed network file as the schema wants them, without guessing: an unquoted number
// where the schema wants a string keeps the digits written (number: 7.10 stays "7.10", never channel 7.1),
// and nothing else changes type. A blank, null, "false" or `true` where a boolean or a number belongs is
// left as it is, for the schema to refuse: loose coercion once turned `enabled:` (no value) into false and
// `ingest-enabled: ~` into a deleted collection. Text holding a NUL (which Postgres cannot store) is a
// problem here, named where it is.
import { isScalar, type Document } from 'yaml';

type Schema = Readonly<Record<string, unknown>>;
export type ValuePath = readonly (string | number)[];

/** Replaces, in `value`, each number the schema wants as a string by its text in `doc`; returns the NUL problems. */
export function schemaScalars(doc: Document, root: Schema, value: unknown): { path: ValuePath; message: string }[] {
  const definitions = (root['definitions'] ?? {}) as Record<string, Schema>;
  const resolve = (schema: Schema): Schema => {
    const ref = schema['$ref'];
    return typeof ref === 'string' ? resolve(definitions[ref.replace('#/definitions/', '')] ?? {}) : schema;
  };
  const problems: { path: ValuePath; message: string }[] = [];
  const walk = (schema: Schema | undefined, item: unknown, path: ValuePath): unknown => {
    const wanted = schema === undefined ? undefined : resolve(schema);
    if (typeof item === 'string') {
      if (item.includes('\u0000')) problems.push({ path, message: `${path.join('.')}: must not contain a NUL character` });
      return item;
    }
    if (typeof item === 'number') return wanted?.['type'] === 'string' ? numberAsWritten(doc, path, item) : item;
    if (Array.isArray(item)) return item.map((entry, i) => walk(wanted?.['items'] as Schema | undefined, entry, [...path, i]));
    if (item === null || typeof item !== 'object') return item;
    const properties = (wanted?.['properties'] ?? {}) as Record<string, Schema>;
    const others = typeof wanted?.['additionalProperties'] === 'object' ? (wanted['additionalProperties'] as Schema) : undefined;
    const record = item as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = walk(properties[key] ?? others, record[key], [...path, key]);
    return record;
  };
  walk(root, value, []);
  return problems;
}

/** The digits of an unquoted number as the file writes them; a number the file did not write plainly, as JSON writes it. */
function numberAsWritten(doc: Document, path: ValuePath, value: number): string {
  const node = doc.getIn(path, true);
  return isScalar(node) && node.type === 'PLAIN' && typeof node.source === 'string' ? node.source : String(value);
}
