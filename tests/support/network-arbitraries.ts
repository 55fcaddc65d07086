// fast-check generators of whole network files that need no media: synthetic assets, programs linking
// them and each other (never in a cycle), channels with random valid grids, playout settings, plans and
// non-overlapping zones, and optionally a filesystem source over empty folders with its collections'
// settings and interstitials. Values are generated in the canonical form the commands store.
import fc from 'fast-check';
import type { NetworkDoc } from './network-files.js';

type Entry = Record<string, unknown>;

/** Printable characters a YAML writer must take care with (quotes, indicators, unicode outside the BMP). */
const nameChars = ['a', 'b', 'Z', '0', '7', ' ', '"', "'", '#', ':', '-', '&', '*', '!', '?', '%', '@', '`', '{', '[', '|', '>', '~', '\\', 'é', 'ß', '日', 'Ω', '\uFF01', '😀'];

/** A printable name with no leading or trailing space (names are trimmed). */
export const arbitraryName = (chars: readonly string[] = nameChars): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 10 }).map((c) => c.join('').trim()).filter((n) => n.length > 0);

const uniqueNames = (max: number, chars?: readonly string[]) => fc.uniqueArray(arbitraryName(chars), { maxLength: max });
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

function syntheticAssets(): fc.Arbitrary<Entry[]> {
  return uniqueNames(3).chain((names) =>
    fc.tuple(...names.map((name) =>
      fc.record({ kind: fc.constantFrom('slate', 'color-bars', 'test-card', 'station-id'), ms: fc.integer({ min: 1, max: 43_200_000 }), text: optional(arbitraryName()) })
        .map(({ kind, ms, text }) => defined({ name, kind, seconds: ms / 1000, text })))),
  );
}

/** Programs in an order where each links only to synthetic assets and programs before it (no cycle). */
function programs(synthetic: readonly string[]): fc.Arbitrary<Entry[]> {
  return uniqueNames(4).chain((names) =>
    fc.tuple(...names.map((name, i) => {
      const pool = [...synthetic.map((s) => `synthetic:${s}`), ...names.slice(0, i).map((p) => `program:${p}`)];
      return fc.record({
        kind: fc.constantFrom('series', 'movie', 'block', 'composite'),
        links: pool.length === 0 ? fc.constant([]) : fc.array(fc.constantFrom(...pool), { maxLength: 3 }),
        'play-mode': optional(fc.constantFrom('sequential', 'shuffle', 'random')),
        'allow-breaks': optional(fc.boolean()),
        description: optional(arbitraryName()),
        categories: fc.uniqueArray(arbitraryName(['C', 'o', 'm', 'é', ' ', '&', '-']), { maxLength: 2 }),
      }).map((p) => defined({ name, ...p }));
    })),
  );
}

/** Zones on the channel's grid: consecutive windows between sorted boundary positions, some skipped (avails). */
function zones(block: number, offsets: readonly number[], dayStart: number, items: readonly string[]): fc.Arbitrary<Entry[]> {
  const boundaries = Array.from({ length: 1440 / block }, (_, k) => offsets.map((o) => k * block + o)).flat().filter((p) => p > 0);
  const wall = (p: number) => (dayStart + p) % 1440;
  return fc.tuple(fc.uniqueArray(fc.constantFrom(0, ...boundaries, 1440), { minLength: 2, maxLength: 5 }), uniqueNames(4)).chain(([points, names]) => {
    const sorted = [...points].sort((a, b) => a - b);
    const windows = sorted.slice(1).map((end, i) => ({ start: sorted[i] as number, end })).slice(0, names.length);
    return fc.tuple(...windows.map((w, i) =>
      fc.record({ keep: fc.boolean(), days: optional(arbitraryDays), items: items.length === 0 ? fc.constant([]) : fc.array(fc.constantFrom(...items), { maxLength: 3 }) })
        .map(({ keep, days, items: held }) => (keep || i === 0 ? defined({ name: names[i], start: clock(wall(w.start)), end: wall(w.end) === 0 ? '24:00' : clock(wall(w.end)), days, items: held }) : undefined)),
    )).map((z) => z.filter((e): e is Entry => e !== undefined));
  });
}

function plans(block: number, offsets: readonly number[], dayStart: number, items: readonly string[]): fc.Arbitrary<Entry[]> {
  return uniqueNames(2).chain((names) =>
    fc.tuple(...names.map((name) =>
      fc.record({
        days: optional(arbitraryDays),
        dates: optional(fc.tuple(optional(isoDate), optional(isoDate)).map(([a, b]) => (a !== undefined && b !== undefined && a > b ? [b, a] : [a, b]))),
        priority: optional(fc.integer({ min: -1000, max: 1000 })),
        zones: zones(block, offsets, dayStart, items),
      }).map(({ dates, ...p }) => defined({ name, ...p, 'start-date': dates?.[0], 'end-date': dates?.[1] })),
    )),
  );
}

const channelNumber = fc.oneof(
  fc.integer({ min: 1, max: 9999 }).map(String),
  fc.tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 120 })).map(([major, minor]) => `${major}.${minor}`),
  fc.bigInt({ min: 10n ** 17n, max: 10n ** 22n }).map(String),
);

/** One channel with a random valid grid, playout settings, plans and interstitials of `collections`. */
function channel(id: string, number: string, items: readonly string[], collections: readonly string[]): fc.Arbitrary<Entry> {
  const grid = fc.constantFrom(...gridBlocks).chain((block) => fc.record({
    block: fc.constant(block),
    offsets: fc.uniqueArray(fc.integer({ min: 0, max: block - 1 }), { minLength: 1, maxLength: 3 }),
    dayStart: fc.integer({ min: 0, max: 1439 }),
    explicit: fc.boolean(),
  }));
  const interstitials = collections.length === 0 ? fc.constant([]) : fc.uniqueArray(
    fc.record({ collection: fc.constantFrom(...collections), role: fc.constantFrom('bumper', 'commercial', 'station-id') }),
    { selector: (s) => `${s.role} ${s.collection}`, maxLength: 3 },
  ).map((list) => list.map((s) => ({ ...s })));
  return grid.chain(({ block, offsets, dayStart, explicit }) => fc.record({
    name: arbitraryName(),
    timezone: fc.constantFrom(...timezones),
    enabled: optional(fc.boolean()),
    'audio-languages': fc.uniqueArray(fc.constantFrom(...languages), { maxLength: 2 }),
    subtitles: optional(fc.constantFrom('off', 'forced', 'always', 'when-audio-differs')),
    'subtitle-languages': fc.uniqueArray(fc.constantFrom(...languages), { maxLength: 2 }),
    'loudness-target': optional(fc.oneof(fc.constant('off'), fc.integer({ min: 20, max: 80 }).map((half) => String(-half / 2)))),
    plans: plans(block, offsets, dayStart, items),
    interstitials,
  }).map((c) => defined({
    id, number, ...c,
    // A 30-minute grid with offset 0 and a 06:00 day start may be written out or left to the defaults.
    'grid-block-minutes': block === 30 && !explicit ? undefined : block,
    'block-start-offsets-minutes': offsets,
    'programming-day-start': clock(dayStart),
  })));
}

function channels(items: readonly string[], collections: readonly string[]): fc.Arbitrary<Entry[]> {
  const ids = fc.uniqueArray(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,8}$/), { minLength: 1, maxLength: 3 });
  return fc.tuple(ids, fc.uniqueArray(channelNumber, { minLength: 3, maxLength: 3 })).chain(([idList, numbers]) =>
    fc.tuple(...idList.map((id, i) => channel(id, numbers[i] as string, items, collections))),
  );
}

/** A filesystem source over folders of these names (the test makes them and sets base-path). */
function source(): fc.Arbitrary<Entry | undefined> {
  const folderChars = nameChars.filter((c) => c !== '\\');
  const collection = (name: string, i: number) => fc.record({
    'ingest-enabled': optional(fc.boolean()),
    'local-paths': fc.subarray([`/mnt/remote${i}=/srv/local${i}`, `/mnt/remote${i}/deep=/srv/other${i}`]),
    enrichers: optional(fc.constantFrom([], ['ffprobe'], ['filename'], ['filename', 'ffprobe'], ['ffprobe', 'filename'])),
  }).map((c) => defined({ name, ...c }));
  const named = fc.uniqueArray(arbitraryName(folderChars).filter((n) => !n.startsWith('.')), { minLength: 1, maxLength: 3 });
  return optional(fc.tuple(fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,6}$/), named).chain(([name, folders]) =>
    fc.tuple(...folders.map(collection)).map((collections) => ({ name, type: 'filesystem', collections }))));
}

/** A whole network file (a source's base-path is left for the test to fill in: it makes the folders). */
export function arbitraryNetwork(): fc.Arbitrary<NetworkDoc> {
  return fc.tuple(syntheticAssets(), source()).chain(([synthetic, src]) =>
    programs(synthetic.map((s) => String(s['name']))).chain((progs) => {
      const items = [...synthetic.map((s) => `synthetic:${String(s['name'])}`), ...progs.map((p) => `program:${String(p['name'])}`)];
      const collections = ((src?.['collections'] as Entry[] | undefined) ?? []).map((c) => `${String(src?.['name'])}/${String(c['name'])}`);
      return channels(items, collections).map((chans) => defined({
        version: 1,
        sources: src === undefined ? undefined : [src],
        'synthetic-assets': synthetic,
        programs: progs,
        channels: chans,
      }) as NetworkDoc);
    }),
  );
}
