// An as-run row opens when its segment goes on air (status `airing`, end refreshed while it airs) and closes
// when it ends, so a node that dies leaves a row ending at its last refresh instead of none. `node_id` is
// the node that wrote it (runtime_node.id on a Postgres server; a per-server id on embedded PGlite).
import { type Kysely, sql } from 'kysely';

const statuses = (list: readonly string[]) => sql.raw(`status in (${list.map((s) => `'${s}'`).join(', ')})`);
const finished = ['aired', 'truncated', 'substituted', 'error'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table as_run drop constraint as_run_status_check`.execute(db);
  await sql`alter table as_run add constraint as_run_status_check check (${statuses(['airing', ...finished])})`.execute(db);
  await db.schema.alterTable('as_run').addColumn('node_id', 'uuid').execute();
  // A taking node looks for a channel's rows left airing: few rows, found without reading the history.
  await sql`create index as_run_airing on as_run (channel_id) where status = 'airing'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index as_run_airing`.execute(db);
  await db.schema.alterTable('as_run').dropColumn('node_id').execute();
  await sql`update as_run set status = 'error' where status = 'airing'`.execute(db);
  await sql`alter table as_run drop constraint as_run_status_check`.execute(db);
  await sql`alter table as_run add constraint as_run_status_check check (${statuses(finished)})`.execute(db);
}
