// Scheduling: the definitions operators edit (programs with their asset chains, virtual and synthetic
// assets, schedule plans with zones, a channel's interstitial collections) and what is built from them
// (immutable ScheduleDays with their slots, the PlaylogEvents, horizon bookkeeping).
//
// Built rows are chained per channel: each ScheduleDay and each PlaylogEvent names the end of the one
// before it (previous_end_ms, a deferred foreign key onto (channel, end)), starts and ends are unique, and a
// channel has one chain root — so the database itself rejects any gap or overlap, with no extension needed
// on PGlite or PostgreSQL. Built rows refuse updates (a trigger); only deleting and rebuilding changes them.
import { type Kysely, sql } from 'kysely';

const kindCheck = (column: string, kinds: readonly string[]) => sql.raw(`${column} in (${kinds.map((k) => `'${k}'`).join(', ')})`);
const weekdaysCheck = sql`days_of_week is null or (cardinality(days_of_week) > 0 and days_of_week <@ array[1, 2, 3, 4, 5, 6, 7])`;
const syntheticKinds = ['slate', 'color-bars', 'test-card', 'station-id'];

/** The only columns of a reference row that may be set for its kind (the others must be null). */
function exactlyOneOf(kinds: Record<string, readonly string[]>, all: readonly string[]) {
  const arms = Object.entries(kinds).map(([kind, set]) => {
    const present = set.map((c) => `${c} is not null`);
    const absent = all.filter((c) => !set.includes(c) && !(kind === 'series' && (c === 'collection_id' || c === 'season'))).map((c) => `${c} is null`);
    return `(kind = '${kind}' and ${[...present, ...absent].join(' and ')})`;
  });
  return sql.raw(arms.join(' or '));
}

async function createDefinitions(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('program')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull().unique().check(sql`length(name) > 0`))
    .addColumn('kind', 'text', (c) => c.notNull().check(kindCheck('kind', ['series', 'movie', 'block', 'composite'])))
    .addColumn('play_mode', 'text', (c) => c.notNull().check(kindCheck('play_mode', ['sequential', 'shuffle', 'random'])))
    .addColumn('allow_breaks', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('description', 'text')
    .addColumn('categories', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('virtual_asset')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull().unique().check(sql`length(name) > 0`))
    .addColumn('collection_id', 'uuid', (c) => c.references('collection.id').onDelete('restrict'))
    .addColumn('series', 'text')
    .addColumn('kinds', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('min_duration_ms', 'bigint', (c) => c.check(sql`min_duration_ms > 0`))
    .addColumn('max_duration_ms', 'bigint', (c) => c.check(sql`max_duration_ms > 0`))
    .addColumn('unplayed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('pick_order', 'text', (c) => c.notNull().defaultTo('random').check(kindCheck('pick_order', ['random', 'catalog'])))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('virtual_asset_duration_range', sql`min_duration_ms is null or max_duration_ms is null or min_duration_ms <= max_duration_ms`)
    .execute();

  await db.schema
    .createTable('synthetic_asset')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull().unique().check(sql`length(name) > 0`))
    .addColumn('kind', 'text', (c) => c.notNull().check(kindCheck('kind', syntheticKinds)))
    .addColumn('duration_ms', 'bigint', (c) => c.notNull().check(sql`duration_ms > 0 and duration_ms <= 43200000`))
    .addColumn('text', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

}

async function createProgramLinks(db: Kysely<unknown>): Promise<void> {
  const linkColumns = ['asset_id', 'collection_id', 'series', 'season', 'child_program_id', 'virtual_asset_id', 'synthetic_asset_id'];
  await db.schema
    .createTable('program_link')
    .addColumn('program_id', 'uuid', (c) => c.notNull().references('program.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position >= 0`))
    .addColumn('kind', 'text', (c) => c.notNull().check(kindCheck('kind', ['asset', 'collection', 'series', 'program', 'virtual', 'synthetic'])))
    .addColumn('asset_id', 'uuid', (c) => c.references('asset.id').onDelete('restrict'))
    .addColumn('collection_id', 'uuid', (c) => c.references('collection.id').onDelete('restrict'))
    .addColumn('series', 'text', (c) => c.check(sql`length(series) > 0`))
    .addColumn('season', 'integer')
    .addColumn('child_program_id', 'uuid', (c) => c.references('program.id').onDelete('restrict'))
    .addColumn('virtual_asset_id', 'uuid', (c) => c.references('virtual_asset.id').onDelete('restrict'))
    .addColumn('synthetic_asset_id', 'uuid', (c) => c.references('synthetic_asset.id').onDelete('restrict'))
    .addPrimaryKeyConstraint('program_link_pk', ['program_id', 'position'])
    .addCheckConstraint('program_link_not_itself', sql`child_program_id is distinct from program_id`)
    .addCheckConstraint(
      'program_link_kind_columns',
      exactlyOneOf(
        {
          asset: ['asset_id'],
          collection: ['collection_id'],
          series: ['series'],
          program: ['child_program_id'],
          virtual: ['virtual_asset_id'],
          synthetic: ['synthetic_asset_id'],
        },
        linkColumns,
      ),
    )
    .execute();
}

async function createPlans(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('schedule_plan')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('channel_id', 'text', (c) => c.notNull().references('channel.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) > 0`))
    .addColumn('days_of_week', sql`integer[]`, (c) => c.check(weekdaysCheck))
    .addColumn('start_date', 'date')
    .addColumn('end_date', 'date')
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('schedule_plan_channel_name', ['channel_id', 'name'])
    .addCheckConstraint('schedule_plan_date_range', sql`start_date is null or end_date is null or start_date <= end_date`)
    .execute();

  await db.schema
    .createTable('zone')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('schedule_plan.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) > 0`))
    // Positions in the programming day: wall-clock minutes after programming_day_start.
    .addColumn('start_minute', 'integer', (c) => c.notNull().check(sql`start_minute >= 0 and start_minute < 1440`))
    .addColumn('end_minute', 'integer', (c) => c.notNull().check(sql`end_minute > 0 and end_minute <= 1440`))
    .addColumn('days_of_week', sql`integer[]`, (c) => c.check(weekdaysCheck))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('zone_plan_name', ['plan_id', 'name'])
    .addCheckConstraint('zone_window', sql`start_minute < end_minute`)
    .execute();

  const itemColumns = ['program_id', 'asset_id', 'virtual_asset_id', 'synthetic_asset_id'];
  await db.schema
    .createTable('zone_item')
    .addColumn('zone_id', 'uuid', (c) => c.notNull().references('zone.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position >= 0`))
    .addColumn('kind', 'text', (c) => c.notNull().check(kindCheck('kind', ['program', 'asset', 'virtual', 'synthetic'])))
    .addColumn('program_id', 'uuid', (c) => c.references('program.id').onDelete('restrict'))
    .addColumn('asset_id', 'uuid', (c) => c.references('asset.id').onDelete('restrict'))
    .addColumn('virtual_asset_id', 'uuid', (c) => c.references('virtual_asset.id').onDelete('restrict'))
    .addColumn('synthetic_asset_id', 'uuid', (c) => c.references('synthetic_asset.id').onDelete('restrict'))
    .addPrimaryKeyConstraint('zone_item_pk', ['zone_id', 'position'])
    .addCheckConstraint(
      'zone_item_kind_columns',
      exactlyOneOf({ program: ['program_id'], asset: ['asset_id'], virtual: ['virtual_asset_id'], synthetic: ['synthetic_asset_id'] }, itemColumns),
    )
    .execute();

  await db.schema
    .createTable('channel_interstitial')
    .addColumn('channel_id', 'text', (c) => c.notNull().references('channel.id').onDelete('cascade'))
    .addColumn('collection_id', 'uuid', (c) => c.notNull().references('collection.id').onDelete('restrict'))
    .addColumn('role', 'text', (c) => c.notNull().check(kindCheck('role', ['bumper', 'commercial', 'station-id'])))
    .addPrimaryKeyConstraint('channel_interstitial_pk', ['channel_id', 'collection_id', 'role'])
    .execute();
}

/** previous_end_ms chains a channel's rows: no gap, no overlap, one root. */
async function chain(db: Kysely<unknown>, table: string, startColumn: string, endColumn: string): Promise<void> {
  await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_follows_previous`)}
    check (previous_end_ms is null or previous_end_ms = ${sql.ref(startColumn)})`.execute(db);
  await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_unique_end`)} unique (channel_id, ${sql.ref(endColumn)})`.execute(db);
  await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_previous`)}
    foreign key (channel_id, previous_end_ms) references ${sql.table(table)} (channel_id, ${sql.ref(endColumn)})
    deferrable initially deferred`.execute(db);
  await sql`create unique index ${sql.id(`${table}_one_root`)} on ${sql.table(table)} (channel_id) where previous_end_ms is null`.execute(db);
}

async function createScheduleDays(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('schedule_day')
    .addColumn('channel_id', 'text', (c) => c.notNull().references('channel.id').onDelete('cascade'))
    .addColumn('programming_day', 'date', (c) => c.notNull())
    // The plan it was built from (no foreign key: the day outlives edits to its plan).
    .addColumn('plan_id', 'uuid')
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('day_start_ms', 'bigint', (c) => c.notNull())
    .addColumn('day_end_ms', 'bigint', (c) => c.notNull())
    .addColumn('cover_start_ms', 'bigint', (c) => c.notNull())
    .addColumn('cover_end_ms', 'bigint', (c) => c.notNull())
    .addColumn('previous_end_ms', 'bigint')
    .addColumn('progress', 'jsonb', (c) => c.notNull())
    .addColumn('warnings', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('built_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('schedule_day_pk', ['channel_id', 'programming_day'])
    .addUniqueConstraint('schedule_day_unique_start', ['channel_id', 'cover_start_ms'])
    .addCheckConstraint(
      'schedule_day_cover',
      sql`day_start_ms < day_end_ms and cover_start_ms < day_end_ms and cover_end_ms >= day_end_ms`,
    )
    .execute();
  await chain(db, 'schedule_day', 'cover_start_ms', 'cover_end_ms');
}

async function createSlots(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('schedule_slot')
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('programming_day', 'date', (c) => c.notNull())
    .addColumn('start_ms', 'bigint', (c) => c.notNull())
    .addColumn('content_end_ms', 'bigint', (c) => c.notNull())
    .addColumn('block_end_ms', 'bigint', (c) => c.notNull())
    .addColumn('zone_name', 'text', (c) => c.notNull())
    .addColumn('origin_kind', 'text', (c) => c.notNull().check(kindCheck('origin_kind', ['program', 'asset', 'virtual', 'synthetic'])))
    .addColumn('origin_id', 'text', (c) => c.notNull())
    .addColumn('program_id', 'uuid')
    .addColumn('content_kind', 'text', (c) => c.notNull().check(kindCheck('content_kind', ['asset', 'synthetic'])))
    .addColumn('asset_id', 'uuid', (c) => c.references('asset.id').onDelete('restrict'))
    .addColumn('path', 'text')
    .addColumn('break_points_ms', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'::integer[]`))
    .addColumn('synthetic_asset_id', 'uuid')
    .addColumn('synthetic_kind', 'text', (c) => c.check(kindCheck('synthetic_kind', syntheticKinds)))
    .addColumn('synthetic_text', 'text')
    .addColumn('allow_breaks', 'boolean', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('subtitle', 'text')
    .addColumn('description', 'text')
    .addColumn('season', 'integer')
    .addColumn('episode', 'integer')
    .addColumn('year', 'integer')
    .addColumn('categories', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addPrimaryKeyConstraint('schedule_slot_pk', ['channel_id', 'start_ms'])
    .addForeignKeyConstraint('schedule_slot_day', ['channel_id', 'programming_day'], 'schedule_day', ['channel_id', 'programming_day'], (c) =>
      c.onDelete('cascade'),
    )
    .addCheckConstraint('schedule_slot_times', sql`start_ms < content_end_ms and content_end_ms <= block_end_ms`)
    .addCheckConstraint(
      'schedule_slot_content',
      sql`(content_kind = 'asset' and asset_id is not null and path is not null and synthetic_kind is null)
        or (content_kind = 'synthetic' and asset_id is null and synthetic_kind is not null and synthetic_asset_id is not null)`,
    )
    .execute();
  await db.schema.createIndex('schedule_slot_asset_idx').on('schedule_slot').column('asset_id').execute();
  await db.schema.createIndex('schedule_slot_day_idx').on('schedule_slot').columns(['channel_id', 'programming_day']).execute();
}

async function createPlaylog(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('playlog_event')
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('start_ms', 'bigint', (c) => c.notNull())
    .addColumn('end_ms', 'bigint', (c) => c.notNull())
    .addColumn('previous_end_ms', 'bigint')
    .addColumn('programming_day', 'date', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(kindCheck('role', ['program', 'interstitial', 'filler'])))
    .addColumn('source_kind', 'text', (c) => c.notNull().check(kindCheck('source_kind', ['asset', 'synthetic'])))
    .addColumn('asset_id', 'uuid', (c) => c.references('asset.id').onDelete('restrict'))
    .addColumn('path', 'text')
    .addColumn('in_point_ms', 'bigint', (c) => c.check(sql`in_point_ms >= 0`))
    .addColumn('synthetic_kind', 'text', (c) => c.check(kindCheck('synthetic_kind', syntheticKinds)))
    .addColumn('synthetic_text', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('episode_title', 'text')
    .addColumn('slot_id', 'text')
    .addPrimaryKeyConstraint('playlog_event_pk', ['channel_id', 'start_ms'])
    .addForeignKeyConstraint('playlog_event_day', ['channel_id', 'programming_day'], 'schedule_day', ['channel_id', 'programming_day'], (c) =>
      c.onDelete('cascade'),
    )
    .addCheckConstraint('playlog_event_times', sql`start_ms < end_ms`)
    .addCheckConstraint(
      'playlog_event_source',
      sql`(source_kind = 'asset' and asset_id is not null and path is not null and in_point_ms is not null and synthetic_kind is null)
        or (source_kind = 'synthetic' and asset_id is null and synthetic_kind is not null)`,
    )
    .execute();
  await chain(db, 'playlog_event', 'start_ms', 'end_ms');
  await db.schema.createIndex('playlog_event_asset_idx').on('playlog_event').column('asset_id').execute();
}

async function createHorizon(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('schedule_horizon')
    .addColumn('channel_id', 'text', (c) => c.primaryKey().references('channel.id').onDelete('cascade'))
    .addColumn('schedule_through', 'date')
    .addColumn('playlog_through_ms', 'bigint')
    .addColumn('advanced_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

/** Built rows never change in place; pruning old days may only re-root the chain (previous_end_ms). */
async function freezeBuilt(db: Kysely<unknown>): Promise<void> {
  await sql`create function retrovue_refuse_update() returns trigger language plpgsql as $$
    begin
      if (to_jsonb(new) - 'previous_end_ms') is distinct from (to_jsonb(old) - 'previous_end_ms') then
        raise exception '% rows are immutable once built; delete and rebuild them instead', tg_table_name;
      end if;
      return new;
    end $$`.execute(db);
  for (const table of ['schedule_day', 'schedule_slot', 'playlog_event']) {
    await sql`create trigger ${sql.id(`${table}_immutable`)} before update on ${sql.table(table)}
      for each row execute function retrovue_refuse_update()`.execute(db);
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await createDefinitions(db);
  await createProgramLinks(db);
  await createPlans(db);
  await createScheduleDays(db);
  await createSlots(db);
  await createPlaylog(db);
  await createHorizon(db);
  await freezeBuilt(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'schedule_horizon',
    'playlog_event',
    'schedule_slot',
    'schedule_day',
    'channel_interstitial',
    'zone_item',
    'zone',
    'schedule_plan',
    'program_link',
    'synthetic_asset',
    'virtual_asset',
    'program',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function retrovue_refuse_update()`.execute(db);
}
