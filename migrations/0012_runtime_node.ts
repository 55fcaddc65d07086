// The runtime nodes sharing this database (issue "Scale out"): each `runtime serve` on a Postgres server
// registers itself and beats a heartbeat. `lock_pid` is the backend pid of the node's lock session, so the
// holder of a channel's ownership lock (pg_locks.pid) maps to its node and its advertised URL.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('runtime_node')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('lock_pid', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('heartbeat_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('runtime_node_lock_pid').on('runtime_node').column('lock_pid').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('runtime_node').execute();
}
