// The floors of src/, declared once: the layer gate enforces them and the README shows them (a test keeps
// the two the same). Folders still to come are declared too, so a new layer is gated from its first file.

/** Bottom first. Folders on one floor are siblings: they never import each other. */
export const floors: readonly (readonly string[])[] = [
  ['core'], //       errors, clock, logger, small utilities
  ['media'], //      media value types, ffprobe, ffmpeg argument builders (pure of the database)
  ['db'], //         Kysely schema, dialects, migrations (its schema stores the media value types)
  ['plugins'], //    registries and built-in importers, enrichers, producers: pure, never the database
  ['command'], //    what a handler receives and returns, and how it renders text
  ['catalog'], //    Source, Collection, Asset, enricher-instance repositories and their handlers
  ['ingest', 'scheduling'], // the ingest pipeline · channels, plans, ScheduleDay, playlog, EPG
  ['playout'], //    PlayoutPlan building, producers' and playout enrichers' orchestration
  ['air'], //        the playout engine process
  ['runtime', 'network'], // ProgramDirector, ChannelManager, fan-out, as-run · the network as code (apply/export)
  ['demo'], //       the demo library, and later a demo that ingests, schedules and serves it
  ['cli'], //        the shell: parsing, database lifecycle, output, exit codes; db handlers
];

/**
 * Rooms inside a floor's folder, bottom first, declared the same way: a room imports only rooms below it, two
 * rooms on one line are siblings, and every file of the folder lies in a room. Scheduling's rooms follow its
 * pipeline, so the folder listing shows it.
 */
export const rooms: Readonly<Record<string, readonly (readonly string[])[]>> = {
  scheduling: [
    ['time'], //         civil dates, time zones (through Luxon), the channel grid
    ['channel'], //      Channel and its repository and handlers
    ['library'], //      what can be scheduled: programs, virtual and synthetic assets, interstitials
    ['plans'], //        SchedulePlans and their Zones
    ['schedule-day'], // resolving plans into immutable ScheduleDays
    ['playlog'], //      expanding ScheduleDays into PlaylogEvents, avails filled
    ['epg', 'horizon'], // the guide renderers · keeping days and playlogs built ahead
  ],
};

/** Imports that point down and are still forbidden. */
export const forbidden: readonly { readonly from: string; readonly to: string; readonly why: string }[] = [
  { from: 'plugins', to: 'db', why: 'plugins are pure transformers and never touch the database' },
];

/** Where generated/ stands: only the cli floor imports it, except its contract types (see below). */
export const generatedFloor = 'cli';

/**
 * The contract types (generated/contract-types.ts) stand on the `command` floor: handlers at or above it
 * may import them, with `import type` only (they hold no value to import at run time).
 */
export const contractTypes = { file: 'generated/contract-types.ts', floor: 'command' } as const;

/**
 * The network file's schema (generated/network-schema.ts, from contracts/network-file.yaml) is data and
 * types only: it stands on the `network` floor, whose handlers validate files against it.
 */
export const networkSchema = { file: 'generated/network-schema.ts', floor: 'network' } as const;

/** migrations/ belongs to the db floor (src/db/migrations.ts runs them). */
export const migrationsFloor = 'db';

const renderLevels = (levels: readonly (readonly string[])[]): string => levels.map((level) => level.join(', ')).join(' ← ');

/** The order as one line, e.g. "core ← media ← db ← … ← cli". */
export function renderOrder(): string {
  return renderLevels(floors);
}

/** A folder's rooms as one line, e.g. "scheduling: time ← channel ← … ← epg, horizon". */
export function renderRooms(folder: string): string {
  return `${folder}: ${renderLevels(rooms[folder] ?? [])}`;
}
