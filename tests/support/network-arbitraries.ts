// fast-check generators of whole network files that need no media: synthetic assets, programs linking
// them and each other (never in a cycle), channels with random valid grids, playout settings, plans and
// non-overlapping zones, and optionally a filesystem source over empty folders with its collections'
// settings and interstitials. Values are generated in the canonical form the commands store. References
// are drawn as numbers and resolved in a map (no chain), so a failure shrinks to a small, readable network.
import fc from 'fast-check';
import type { NetworkDoc } from './network-files.js';

type Entry = Record<string, unknown>;

/** Printable characters a YAML writer must take care with (quotes, indicators, unicode outside the BMP). */
const nameChars = ['a', 'b', 'Z', '0', '7', ' ', '"', "'", '#', ':', '-', '&', '*', '!', '?', '%', '@', '`', '{', '[', '|', '>', '~', '\\', 'é', 'ß', '日', 'Ω', '\uFF01', '😀'];

/** A printable name with no leading or trailing space (names are trimmed). */
export const arbitraryName = (chars: readonly string[] = nameChars): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 10 }).map((c) => c.join('').trim()).filter((n) => n.length > 0);

const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });
const weekdayNames = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
const arbitraryDays = fc.subarray(weekdayNames, { minLength: 1 }).map((d) => d.join(','));
const gridBlocks = [1, 2, 5, 15, 30, 45, 60, 90, 180, 480, 1440];
// Zones whose IANA name is also ICU's canonical one (channel add stores Asia/Kolkata as Asia/Calcutta).
const timezones = ['UTC', 'America/New_York', 'Europe/London', 'America/St_Johns', 'Australia/Lord_Howe', 'Pacific/Chatham'];
const languages = ['eng', 'fre', 'ger', 'jpn', 'spa', 'ita', 'dut'];
const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const isoDate = fc.integer({ min: 0, max: 3000 }).map((d) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));

/** Drops the undefined fields (an optional field the run left out). */
const defined = (entry: Entry): Entry => Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined));

const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);
const dedupe = <T>(list: readonly T[], key: (item: T) => string): T[] => list.filter((item, i) => list.findIndex((other) => key(other) === key(item)) === i);

const arbitrarySynthetic = fc.record({
  name: arbitraryName(),
  kind: fc.constantFrom('slate', 'color-bars', 'test-card', 'station-id'),
  ms: fc.integer({ min: 1, max: 43_200_000 }),
  text: optional(arbitraryName()),
}).map(({ ms, ...a }) => defined({ ...a, seconds: ms / 1000 }));

const arbitraryProgram = fc.record({
  name: arbitraryName(),
  kind: fc.constantFrom('series', 'movie', 'block', 'composite'),
  links: fc.array(fc.nat(), { maxLength: 3 }),
  'play-mode': optional(fc.constantFrom('sequential', 'shuffle', 'random')),
  'allow-breaks': optional(fc.boolean()),
  description: optional(arbitraryName()),
  categories: fc.uniqueArray(arbitraryName(['C', 'o', 'm', 'é', ' ', '&', '-']), { maxLength: 2 }),
});

/** Each program links only to synthetic assets and programs before it, so there is no cycle. */
function resolvePrograms(raw: readonly Entry[], synthetic: readonly string[]): Entry[] {
  const programs = dedupe(raw, (p) => String(p['name']));
  return programs.map((p, i) => {
    const pool = [...synthetic.map((n) => `synthetic:${n}`), ...programs.slice(0, i).map((q) => `program:${String(q['name'])}`)];
    return defined({ ...p, links: (p['links'] as number[]).flatMap((n) => pick(pool, n) ?? []) });
  });
}

const arbitraryZone = fc.record({ name: arbitraryName(), end: fc.nat(), gap: fc.boolean(), days: optional(arbitraryDays), items: fc.array(fc.nat(), { maxLength: 3 }) });
type Zone = typeof arbitraryZone extends fc.Arbitrary<infer Z> ? Z : never;
const arbitraryPlan = fc.record({
  name: arbitraryName(),
  days: optional(arbitraryDays),
  dates: optional(fc.tuple(optional(isoDate), optional(isoDate))),
  priority: optional(fc.integer({ min: -1000, max: 1000 })),
  zones: fc.array(arbitraryZone, { maxLength: 4 }),
});

interface Grid { readonly block: number; readonly offsets: readonly number[]; readonly dayStart: number }

/** Zones one after another on the channel's grid (each ends on a boundary after the last; `gap` leaves avails before it). */
function resolveZones(raw: readonly (Zone)[], grid: Grid, items: readonly string[]): Entry[] {
  const boundaries = [...new Set(Array.from({ length: 1440 / grid.block }, (_, k) => grid.offsets.map((o) => k * grid.block + o)).flat())].filter((p) => p > 0).concat(1440).sort((a, b) => a - b);
  const wall = (p: number) => (grid.dayStart + p) % 1440;
  const zones: Entry[] = [];
  let at = 0;
  for (const z of dedupe(raw, (r) => r.name)) {
    const start = z.gap ? boundaries.find((b) => b > at) : at;
    const later = boundaries.filter((b) => start !== undefined && b > start);
    const end = pick(later.slice(0, 8), z.end);
    if (start === undefined || end === undefined) break;
    zones.push(defined({ name: z.name, start: clock(wall(start)), end: wall(end) === 0 ? '24:00' : clock(wall(end)), days: z.days, items: z.items.flatMap((n) => pick(items, n) ?? []) }));
    at = end;
  }
  return zones;
}

const channelNumber = fc.oneof(
  fc.integer({ min: 1, max: 9999 }).map(String),
  fc.tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 120 })).map(([major, minor]) => `${major}.${minor}`),
  fc.bigInt({ min: 10n ** 17n, max: 10n ** 22n }).map(String),
);

const arbitraryChannel = fc.record({
  id: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,8}$/),
  number: channelNumber,
  name: arbitraryName(),
  block: fc.constantFrom(...gridBlocks),
  offsets: fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 3 }),
  dayStart: fc.integer({ min: 0, max: 1439 }),
  explicitGrid: fc.boolean(),
  timezone: fc.constantFrom(...timezones),
  enabled: optional(fc.boolean()),
  'audio-languages': fc.uniqueArray(fc.constantFrom(...languages), { maxLength: 2 }),
  subtitles: optional(fc.constantFrom('off', 'forced', 'always', 'when-audio-differs')),
  'subtitle-languages': fc.uniqueArray(fc.constantFrom(...languages), { maxLength: 2 }),
  'loudness-target': optional(fc.oneof(fc.constant('off'), fc.integer({ min: 20, max: 80 }).map((half) => String(-half / 2)))),
  plans: fc.array(arbitraryPlan, { maxLength: 2 }),
  interstitials: fc.array(fc.record({ collection: fc.nat(), role: fc.constantFrom('bumper', 'commercial', 'station-id') }), { maxLength: 3 }),
});

type RawChannel = typeof arbitraryChannel extends fc.Arbitrary<infer C> ? C : never;

function resolveChannel(raw: RawChannel, items: readonly string[], collections: readonly string[]): Entry {
  const { block, offsets, dayStart, explicitGrid, plans, interstitials, ...fields } = raw;
  const grid: Grid = { block, offsets: [...new Set(offsets.map((o) => o % block))], dayStart };
  const resolvedPlans = dedupe(plans, (p) => p.name).map(({ dates, zones, ...p }) => {
    const [from, to] = dates ?? [];
    const ordered = from !== undefined && to !== undefined && from > to ? [to, from] : [from, to];
    return defined({ ...p, 'start-date': ordered[0], 'end-date': ordered[1], zones: resolveZones(zones, grid, items) });
  });
  const assigned = interstitials.flatMap((s) => {
    const collection = pick(collections, s.collection);
    return collection === undefined ? [] : [{ collection, role: s.role }];
  });
  return defined({
    ...fields,
    // A 30-minute grid may be written out or left to the default.
    'grid-block-minutes': block === 30 && !explicitGrid ? undefined : block,
    'block-start-offsets-minutes': grid.offsets,
    'programming-day-start': clock(dayStart),
    plans: resolvedPlans,
    interstitials: dedupe(assigned, (s) => `${s.role} ${s.collection}`),
  });
}

/** A filesystem source over folders of these names (the test makes them and sets base-path). */
const arbitrarySource = fc.record({
  name: fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,6}$/),
  collections: fc.array(fc.record({
    name: arbitraryName(nameChars.filter((c) => c !== '\\')).filter((n) => !n.startsWith('.')),
    'ingest-enabled': optional(fc.boolean()),
    remotes: fc.subarray([0, 1]),
    enrichers: optional(fc.constantFrom([], ['ffprobe'], ['filename'], ['filename', 'ffprobe'], ['ffprobe', 'filename'])),
  }), { minLength: 1, maxLength: 3 }),
}).map(({ name, collections }) => ({
  name,
  type: 'filesystem',
  collections: dedupe(collections, (c) => c.name).map(({ remotes, ...c }, i) =>
    defined({ ...c, 'local-paths': remotes.map((r) => (r === 0 ? `/mnt/remote${i}=/srv/local${i}` : `/mnt/remote${i}/deep=/srv/other${i}`)) })),
}));

/** A whole network file (a source's base-path is left for the test to fill in: it makes the folders). */
export function arbitraryNetwork(): fc.Arbitrary<NetworkDoc> {
  return fc.record({
    source: optional(arbitrarySource),
    synthetic: fc.array(arbitrarySynthetic, { maxLength: 3 }),
    programs: fc.array(arbitraryProgram, { maxLength: 4 }),
    channels: fc.array(arbitraryChannel, { minLength: 1, maxLength: 3 }),
  }).map(({ source, synthetic, programs, channels }) => {
    const assets = dedupe(synthetic, (a) => String(a['name']));
    const syntheticNames = assets.map((a) => String(a['name']));
    const progs = resolvePrograms(programs, syntheticNames);
    const items = [...syntheticNames.map((n) => `synthetic:${n}`), ...progs.map((p) => `program:${String(p['name'])}`)];
    const collections = (source?.collections ?? []).map((c) => `${source?.name}/${String(c['name'])}`);
    const chans = dedupe(dedupe(channels, (c) => c.id), (c) => c.number).map((c) => resolveChannel(c, items, collections));
    return defined({ version: 1, sources: source && [source], 'synthetic-assets': assets, programs: progs, channels: chans }) as NetworkDoc;
  });
}
