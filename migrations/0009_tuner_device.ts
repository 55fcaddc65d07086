// The HDHomeRun identity the runtime shows clients (DeviceID, DeviceAuth, UDN): one row, made once, shared by
// every node on the database, so Plex and Jellyfin keep recognising the same tuner across restarts.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tuner_device')
    .addColumn('kind', 'text', (c) => c.primaryKey().check(sql`kind = 'hdhomerun'`))
    .addColumn('device_id', 'text', (c) => c.notNull().check(sql`device_id ~ '^[0-9A-F]{8}$'`))
    .addColumn('device_auth', 'text', (c) => c.notNull())
    .addColumn('udn', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('tuner_device').execute();
}
