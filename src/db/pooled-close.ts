// Closing a Kysely database over a pg pool (a Postgres server, or the embedded database's holder): Kysely
// ends only a pool it has used, so a database closed before its first query would keep the pool's idle client,
// and with it the process (and a holder session), alive.
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Schema } from './schema.js';

export async function closePooled(db: Kysely<Schema>, pool: pg.Pool): Promise<void> {
  await db.destroy();
  if (!pool.ended && !pool.ending) await pool.end();
}
