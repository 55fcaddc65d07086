// Filtergraphs as small typed values rendered to ffmpeg's syntax with both levels of escaping, so any
// text (a lower third, a file name) reaches the filter verbatim. Pure; knows nothing of plans or engines.

export type FilterOptionValue = string | number;

/** One filter: `name=key=value:key=value`. Options keep their insertion order. */
export interface Filter {
  readonly name: string;
  readonly options: readonly (readonly [string, FilterOptionValue])[];
}

/** A linear chain `[in1][in2]f1,f2[out]`. */
export interface FilterChain {
  readonly inputs: readonly string[];
  readonly filters: readonly Filter[];
  readonly outputs: readonly string[];
}

/**
 * @example
 * filter('scale', { w: 640, h: 480, force_original_aspect_ratio: 'decrease' })
 */
export function filter(name: string, options: Readonly<Record<string, FilterOptionValue | undefined>> = {}): Filter {
  const entries = Object.entries(options).filter((entry): entry is [string, FilterOptionValue] => entry[1] !== undefined);
  return { name, options: entries };
}

export function chain(inputs: readonly string[], filters: readonly Filter[], outputs: readonly string[]): FilterChain {
  return { inputs, filters, outputs };
}

/**
 * First level (the option parser): `\`, `'` and the option separator `:` are escaped.
 * See "Notes on filtergraph escaping" in ffmpeg-filters(1).
 */
export function escapeOptionValue(value: string): string {
  return value.replace(/[\\':]/g, (c) => `\\${c}`);
}

/** Second level (the graph parser): `\`, `'`, `[`, `]`, `,` and `;` are escaped in a whole filter description. */
export function escapeFilterDescription(description: string): string {
  return description.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}

export function renderFilter(f: Filter): string {
  const options = f.options.map(([key, value]) => `${key}=${escapeOptionValue(formatValue(value))}`);
  return escapeFilterDescription(options.length === 0 ? f.name : `${f.name}=${options.join(':')}`);
}

export function renderChain(c: FilterChain): string {
  const labels = (names: readonly string[]) => names.map((n) => `[${checkLabel(n)}]`).join('');
  // An empty chain would need `null` or `anull` depending on the media: refuse it rather than guess.
  if (c.filters.length === 0) throw new RangeError(`filter chain ${labels(c.inputs)}→${labels(c.outputs)} has no filter`);
  return `${labels(c.inputs)}${c.filters.map(renderFilter).join(',')}${labels(c.outputs)}`;
}

/** A `-filter_complex` (or lavfi input) graph: chains separated by `;`. */
export function renderGraph(chains: readonly FilterChain[]): string {
  return chains.map(renderChain).join(';');
}

/** Numbers print without exponent or float noise (0.1 + 0.2 must not become 0.30000000000000004). */
function formatValue(value: FilterOptionValue): string {
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) throw new RangeError(`filter option value ${value} is not a finite number`);
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
}

// Labels are ours (never user text): refuse anything that would need escaping rather than escape it.
function checkLabel(label: string): string {
  if (!/^[A-Za-z0-9_:.]+$/.test(label)) throw new RangeError(`filtergraph label "${label}" is not a plain name`);
  return label;
}
