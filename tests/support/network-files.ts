// Network files for the `network apply` / `network export` tests: writing one, reading an export back,
// checking it against the schema on disk, and the oracle of what an export of a declared network must be.
// The oracle is written from the contracts alone (defaults, dial order, name order) and never imports
// src/network, so a mistake there is not copied into the expectation.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse, stringify } from 'yaml';
import type { Database } from '../../src/db/open-database.js';
import { cli, json } from './cli.js';

/** A network file as plain data (the shape of generated/network.schema.json, loosely typed on purpose). */
export type NetworkDoc = { version: 1 } & Record<string, unknown>;
type Entry = Record<string, unknown>;

const schemaPath = fileURLToPath(new URL('../../generated/network.schema.json', import.meta.url));

/** Throws with every problem unless `text` is YAML that validates against generated/network.schema.json (read from disk). */
export function assertValidNetworkFile(text: string): NetworkDoc {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
  const value: unknown = parse(text);
  assert.ok(validate(value), `the export does not validate against ${schemaPath}: ${JSON.stringify(validate.errors)}\n${text}`);
  return value as NetworkDoc;
}

export function writeNetworkFile(dir: string, network: NetworkDoc, name = 'network.yaml'): string {
  const path = join(dir, name);
  writeFileSync(path, stringify(network));
  return path;
}

/** `network apply -f file --json` in-process; fails the test unless it exits 0. */
export async function applyOk(database: Database, file: string, extra: readonly string[] = []): Promise<{ changes: { action: string; kind: string; name: string }[]; unchanged: number }> {
  const run = await cli(['network', 'apply', '-f', file, ...extra, '--json'], { database });
  assert.equal(run.exitCode, 0, `network apply -f ${file}: ${run.stderr}\n${readFileSync(file, 'utf8')}`);
  return json(run);
}

/** `network export` to stdout, in-process: its text. */
export async function exportText(database: Database): Promise<string> {
  const run = await cli(['network', 'export'], { database });
  assert.equal(run.exitCode, 0, run.stderr);
  return run.stdout;
}

// --- the oracle -------------------------------------------------------------------------------------

/** Defaults of the network file's fields, as the contracts of the commands that make each object give them. */
const defaults: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  channel: { 'grid-block-minutes': 30, 'block-start-offsets-minutes': [0], 'programming-day-start': '06:00', enabled: true, subtitles: 'off', 'loudness-target': '-24' },
  program: { 'play-mode': 'sequential', 'allow-breaks': false },
  virtual: { unplayed: false, order: 'random' },
  plan: { priority: 0 },
  collection: { 'ingest-enabled': false, enrichers: ['ffprobe', 'filename'] },
};

/** Lists whose emptiness says nothing (an empty list is the same as none). */
const emptyMeansNothing = new Set(['links', 'categories', 'items', 'audio-languages', 'subtitle-languages', 'local-paths', 'kinds', 'tags', 'plans', 'interstitials', 'zones', 'collections', 'enrichers', 'sources', 'producers', 'synthetic-assets', 'virtual-assets', 'programs', 'channels']);

function bare(entry: Entry, kind: keyof typeof defaults | undefined): Entry {
  const fallback = kind === undefined ? {} : defaults[kind];
  return Object.fromEntries(
    Object.entries(entry).filter(([field, value]) => {
      if (value === undefined) return false;
      // A collection's emptied enricher chain is a setting (its default is the built-in chain).
      if (Array.isArray(value) && value.length === 0 && emptyMeansNothing.has(field) && !(kind === 'collection' && field === 'enrichers')) return false;
      return fallback?.[field] === undefined || JSON.stringify(fallback[field]) !== JSON.stringify(value);
    }),
  );
}

/** Code-point order (what a byte-wise UTF-8 sort gives), the same on every machine and in every locale. */
export function byCodePoints(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0) ?? 0);
  const y = [...b].map((c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return x.length - y.length;
}

const sortedBy = (list: readonly Entry[], key: (e: Entry) => string): Entry[] => [...list].sort((a, b) => byCodePoints(key(a), key(b)));

/** Dial order: the major number, then a bare major before its subchannels, then the minor number (exactly: 7.9 before 7.10). */
export function compareDial(a: string, b: string): number {
  const [aMajor = '0', aMinor] = a.split('.');
  const [bMajor = '0', bMinor] = b.split('.');
  const major = BigInt(aMajor) - BigInt(bMajor);
  if (major !== 0n) return major < 0n ? -1 : 1;
  if (aMinor === bMinor) return 0;
  if (aMinor === undefined) return -1;
  if (bMinor === undefined) return 1;
  const minor = BigInt(aMinor) - BigInt(bMinor);
  return minor === 0n ? 0 : minor < 0n ? -1 : 1;
}

const minutesOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

function normaliseChannel(c: Entry): Entry {
  const dayStart = minutesOf(String(c['programming-day-start'] ?? '06:00'));
  const position = (z: Entry) => (minutesOf(String(z['start'])) - dayStart + 1440) % 1440;
  const plans = ((c['plans'] as Entry[] | undefined) ?? []).map((p) => {
    const zones = [...((p['zones'] as Entry[] | undefined) ?? [])].sort((a, b) => position(a) - position(b) || byCodePoints(String(a['name']), String(b['name'])));
    return bare({ ...p, zones: zones.map((z) => bare(z, undefined)) }, 'plan');
  });
  const offsets = c['block-start-offsets-minutes'] as number[] | undefined;
  const interstitials = ((c['interstitials'] as Entry[] | undefined) ?? []).map((i) => bare(i, undefined)).sort(
    (a, b) => byCodePoints(String(a['role']), String(b['role'])) || byCodePoints(String(a['collection']), String(b['collection'])),
  );
  return bare(
    { ...c, 'block-start-offsets-minutes': offsets && [...offsets].sort((a, b) => a - b), plans: sortedBy(plans, (p) => String(p['name'])), interstitials },
    'channel',
  );
}

/** Mappings as collection update stores them: the longest remote prefix first (the one resolution tries first). */
const byLongestRemote = (paths: readonly string[] | undefined): string[] | undefined => {
  const remote = (m: string) => m.slice(0, m.indexOf('='));
  return paths && [...paths].sort((a, b) => remote(b).length - remote(a).length || byCodePoints(remote(a), remote(b)));
};

function normaliseSource(s: Entry): Entry {
  const collections = ((s['collections'] as Entry[] | undefined) ?? [])
    .map((c) => bare({ ...c, 'local-paths': byLongestRemote(c['local-paths'] as string[] | undefined) }, 'collection'))
    .filter((c) => Object.keys(c).length > 1);
  return bare({ ...s, collections: sortedBy(collections, (c) => String(c['name'])) }, undefined);
}

/**
 * What `network export` must write for a network declared as `network` (on an empty home): fields equal to
 * their defaults and empty lists left out, objects in name order (channels in dial order, zones in the
 * order of the programming day, interstitials by role then collection), block offsets ascending.
 */
export function expectedExport(network: NetworkDoc): NetworkDoc {
  const list = (key: string) => (network[key] as Entry[] | undefined) ?? [];
  const byName = (key: string, kind?: keyof typeof defaults) => sortedBy(list(key).map((e) => bare(e, kind)), (e) => String(e['name'] ?? e['id']));
  const channels = list('channels').map(normaliseChannel).sort((a, b) => compareDial(String(a['number']), String(b['number'])));
  return bare(
    {
      version: 1,
      sources: sortedBy(list('sources').map(normaliseSource), (s) => String(s['name'])),
      enrichers: byName('enrichers'),
      producers: byName('producers'),
      'synthetic-assets': byName('synthetic-assets'),
      'virtual-assets': byName('virtual-assets', 'virtual'),
      programs: byName('programs', 'program'),
      channels,
    },
    undefined,
  ) as NetworkDoc;
}
