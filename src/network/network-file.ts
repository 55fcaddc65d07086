// Reading a network file: YAML parsed with positions, checked against the generated schema (the options
// of the commands that make each object) and for objects declared twice. Every problem names
// file:line:column, so an operator goes straight to it.
import { createReadStream } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { networkFileSchema, type NetworkFile } from '../../generated/network-schema.js';
import { loadAjv } from '../core/ajv-loader.js';
import { RetroVueError } from '../core/errors.js';
import { schemaScalars } from './schema-scalars.js';

export type DocPath = readonly (string | number)[];

export interface LoadedNetworkFile {
  readonly network: NetworkFile;
  /** How messages name the file: its path as given, or "stdin". */
  readonly name: string;
  /** Relative paths inside the file (logos, base paths) resolve against this directory. */
  readonly dir: string;
  /** "network.yaml:12:5" for an object or field of the file. */
  where(path: DocPath): string;
}

let compiled: ValidateFunction<NetworkFile> | undefined;

/** The schema's validator, compiled on first use (ajv loads only for the commands that read a network file). */
async function validator(): Promise<ValidateFunction<NetworkFile>> {
  if (!compiled) {
    const Ajv = await loadAjv();
    // No coercion: schemaScalars has made the numbers the schema wants as strings strings; any other wrong type is refused.
    compiled = new Ajv({ allErrors: true, strict: false }).compile<NetworkFile>(networkFileSchema);
  }
  return compiled;
}

/** A network of 10,000 channels is under 2 MB; past this a file is no network (or an endless stream). */
export const MAX_NETWORK_FILE_BYTES = 8 * 1024 * 1024;

/** The whole stream as text, or an error as soon as it passes the limit: /dev/zero is never read to the end. */
async function readBounded(stream: NodeJS.ReadableStream, name: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > MAX_NETWORK_FILE_BYTES) {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      throw new RetroVueError('invalid_input', `${name} is larger than ${MAX_NETWORK_FILE_BYTES / 1024 / 1024} MB: a network file is far smaller (10,000 channels take under 2 MB)`);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readText(file: string, cwd: string, stdin: NodeJS.ReadableStream): Promise<{ text: string; name: string; dir: string }> {
  if (file === '-') return { text: await readBounded(stdin, 'stdin'), name: 'stdin', dir: cwd };
  const path = resolve(cwd, file);
  try {
    return { text: await readBounded(createReadStream(path), `--file ${path}`), name: file, dir: dirname(path) };
  } catch (error) {
    if (error instanceof RetroVueError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new RetroVueError('invalid_input', `--file ${path} cannot be read: ${code}`, { cause: error });
  }
}

function locator(doc: Document, counter: LineCounter, name: string): (path: DocPath) => string {
  return (path) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) {
        const { line, col } = counter.linePos(node.range[0]);
        return `${name}:${line}:${col}`;
      }
    }
    return `${name}:1:1`;
  };
}

const pathOf = (instancePath: string): DocPath => instancePath.split('/').slice(1).map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, '/').replace(/~0/g, '~')));

function describe(error: ErrorObject): string {
  const field = error.instancePath.split('/').slice(1).join('.') || 'the file';
  if (error.keyword === 'additionalProperties') return `${field}: unknown field "${String(error.params['additionalProperty'])}"`;
  if (error.keyword === 'enum') return `${field}: ${error.message ?? 'is invalid'} (${(error.params['allowedValues'] as unknown[]).join(', ')})`;
  if (error.keyword === 'required') return `${field}: missing field "${String(error.params['missingProperty'])}"`;
  return `${field}: ${error.message ?? 'is invalid'}`;
}

/** Objects declared twice under one parent: each a problem at the second declaration. */
function duplicates(network: NetworkFile): { path: DocPath; message: string }[] {
  const problems: { path: DocPath; message: string }[] = [];
  const check = <T>(list: readonly T[] | undefined, at: DocPath, keyOf: (item: T) => string, what: string): void => {
    const seen = new Set<string>();
    (list ?? []).forEach((item, i) => {
      const key = keyOf(item);
      if (seen.has(key)) problems.push({ path: [...at, i], message: `${what} "${key}" is declared twice` });
      seen.add(key);
    });
  };
  check(network.sources, ['sources'], (s) => s.name, 'source');
  network.sources?.forEach((s, i) => check(s.collections, ['sources', i, 'collections'], (c) => c.name, `collection of source ${s.name}`));
  check(network.enrichers, ['enrichers'], (e) => e.id, 'enricher');
  check(network.producers, ['producers'], (p) => p.id, 'producer');
  check(network['synthetic-assets'], ['synthetic-assets'], (a) => a.name, 'synthetic asset');
  check(network['virtual-assets'], ['virtual-assets'], (a) => a.name, 'virtual asset');
  check(network.programs, ['programs'], (p) => p.name, 'program');
  check(network.channels, ['channels'], (c) => c.id, 'channel');
  check(network.channels, ['channels'], (c) => c.number, 'channel number');
  network.channels?.forEach((c, i) => {
    check(c.plans, ['channels', i, 'plans'], (p) => p.name, `plan of channel ${c.id}`);
    c.plans?.forEach((p, j) => check(p.zones, ['channels', i, 'plans', j, 'zones'], (z) => z.name, `zone of plan ${c.id}/${p.name}`));
    check(c.interstitials, ['channels', i, 'interstitials'], (s) => `${s.role} ${s.collection}`, `interstitial of channel ${c.id}`);
  });
  return problems;
}

/** Reads, parses and checks a network file; every problem found is one line of the thrown error. */
export async function loadNetworkFile(file: string, cwd: string, stdin: NodeJS.ReadableStream): Promise<LoadedNetworkFile> {
  const { text, name, dir } = await readText(file, cwd, stdin);
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const where = locator(doc, counter, name);
  const yamlError = doc.errors[0];
  if (yamlError) {
    const { line, col } = counter.linePos(yamlError.pos[0]);
    throw new RetroVueError('invalid_input', `${name}:${line}:${col}: not valid YAML: ${yamlError.message.split('\n')[0]}`);
  }
  let value: unknown;
  try {
    value = doc.toJS(); // throws on an alias bomb ("billion laughs") before it can fill the memory
  } catch (error) {
    throw new RetroVueError('invalid_input', `${name}:1:1: not valid YAML: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  const nul = schemaScalars(doc, networkFileSchema, value);
  if (nul.length > 0) {
    const problems = nul.map((p) => `${where(p.path)}: ${p.message}`);
    throw new RetroVueError('invalid_input', problems.join('; '), { problems });
  }
  const validate = await validator();
  if (!validate(value)) {
    const problems = (validate.errors ?? []).filter((e) => e.keyword !== 'if').map((e) => `${where(pathOf(e.instancePath))}: ${describe(e)}`);
    const unique = [...new Set(problems)];
    throw new RetroVueError('invalid_input', unique.join('; '), { problems: unique });
  }
  const twice = duplicates(value);
  if (twice.length > 0) {
    const problems = twice.map((p) => `${where(p.path)}: ${p.message}`);
    throw new RetroVueError('invalid_input', problems.join('; '), { problems });
  }
  return { network: value, name, dir, where };
}
