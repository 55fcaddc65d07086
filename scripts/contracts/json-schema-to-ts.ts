// Renders the JSON Schema subset contracts use as TypeScript types, so handlers are type-checked against
// the same schema the CLI validates their --json output with. Anything outside the subset is refused
// (a contract error), never silently typed as `any`.

/** Keywords that constrain values without changing their TypeScript type. */
const valueOnly = new Set([
  'description', 'format', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength',
  'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'multipleOf', 'default', 'examples', 'title', '$id',
]);
const shaping = new Set(['type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'oneOf', 'anyOf', '$ref']);

type Schema = Readonly<Record<string, unknown>>;

export class UnsupportedSchemaError extends Error {}

export interface TypeContext {
  /** Names of the shared definitions a `$ref: "#/definitions/<Name>"` may point at. */
  readonly definitions: ReadonlySet<string>;
}

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

const propertyKey = (name: string): string => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name));

function comment(text: unknown, indent: string): string[] {
  return typeof text === 'string' && text.length > 0 ? [`${indent}/** ${text.replace(/\*\//g, '*\\/')} */`] : [];
}

/** The TypeScript type of `schema`, laid out at `indent` (two spaces per nesting level). */
export function typeOf(schema: unknown, context: TypeContext, where: string, indent = ''): string {
  if (schema === true || (isSchema(schema) && Object.keys(schema).every((k) => valueOnly.has(k)))) return 'unknown';
  if (!isSchema(schema)) throw new UnsupportedSchemaError(`${where}: a schema must be an object`);
  for (const key of Object.keys(schema)) {
    if (!valueOnly.has(key) && !shaping.has(key)) throw new UnsupportedSchemaError(`${where}: keyword "${key}" has no TypeScript rendering in codegen`);
  }
  if (typeof schema['$ref'] === 'string') return refType(schema['$ref'], context, where);
  const union = schema['oneOf'] ?? schema['anyOf'];
  if (Array.isArray(union)) return union.map((s, i) => typeOf(s, context, `${where}/${i}`, indent)).join(' | ');
  if (Array.isArray(schema['enum'])) return schema['enum'].map((v) => JSON.stringify(v)).join(' | ');
  if ('const' in schema) return JSON.stringify(schema['const']);
  const types = Array.isArray(schema['type']) ? schema['type'] : [schema['type'] ?? (schema['properties'] ? 'object' : undefined)];
  return types.map((t) => typeOfType(t, schema, context, where, indent)).join(' | ');
}

function refType(ref: string, context: TypeContext, where: string): string {
  const name = /^#\/definitions\/([A-Za-z][A-Za-z0-9]*)$/.exec(ref)?.[1];
  if (name === undefined || !context.definitions.has(name)) {
    throw new UnsupportedSchemaError(`${where}: $ref "${ref}" must name one of contracts/definitions.yaml (#/definitions/<Name>)`);
  }
  return name;
}

function typeOfType(type: unknown, schema: Schema, context: TypeContext, where: string, indent: string): string {
  switch (type) {
    case 'string':
    case 'boolean':
    case 'null':
      return type;
    case 'integer':
    case 'number':
      return 'number';
    case 'array': {
      const item = schema['items'] === undefined ? 'unknown' : typeOf(schema['items'], context, `${where}/items`, indent);
      return /^[A-Za-z0-9_]+$/.test(item) ? `readonly ${item}[]` : `ReadonlyArray<${item}>`;
    }
    case 'object':
      return objectType(schema, context, where, indent);
    case undefined:
      return 'unknown';
    default:
      throw new UnsupportedSchemaError(`${where}: type "${String(type)}" has no TypeScript rendering in codegen`);
  }
}

function objectType(schema: Schema, context: TypeContext, where: string, indent: string): string {
  const properties = isSchema(schema['properties']) ? schema['properties'] : {};
  const required = new Set(Array.isArray(schema['required']) ? (schema['required'] as string[]) : []);
  const extra = schema['additionalProperties'];
  const names = Object.keys(properties);
  if (names.length === 0) {
    return isSchema(extra) ? `Readonly<Record<string, ${typeOf(extra, context, `${where}/additionalProperties`, indent)}>>` : 'Readonly<Record<string, unknown>>';
  }
  if (isSchema(extra)) throw new UnsupportedSchemaError(`${where}: additionalProperties with a schema beside properties is not supported`);
  const inner = `${indent}  `;
  const lines = names.flatMap((name) => [
    ...comment((properties[name] as Schema | undefined)?.['description'], inner),
    `${inner}readonly ${propertyKey(name)}${required.has(name) ? '' : '?'}: ${typeOf(properties[name], context, `${where}/properties/${name}`, inner)};`,
  ]);
  return ['{', ...lines, `${indent}}`].join('\n');
}

/** `export interface Name {…}` for objects with properties, else `export type Name = …;`. */
export function declaration(name: string, schema: unknown, context: TypeContext, where: string, doc: string): string {
  const type = typeOf(schema, context, where);
  const head = comment(doc, '');
  return type.startsWith('{\n') ? [...head, `export interface ${name} ${type}`].join('\n') : [...head, `export type ${name} = ${type};`].join('\n');
}
