// The runtime nodes sharing a Postgres server and who owns which channel: the only place that reads or
// writes runtime_node or asks pg_locks. A node's lock session (one pg client, not the pool) registers the
// node with its backend pid, beats its heartbeat and holds one advisory lock per channel it plays; any
// session can map a lock's holder (pg_locks.pid) to the node's advertised URL.
import { type Kysely, sql } from 'kysely';
import type { Schema } from '../db/schema.js';

/** First key of the channel ownership lock ("RV" + 2): apart from the horizon lock's ("RV" + 1). */
export const OWNERSHIP_LOCK_KEY = 0x52560002;

/** The one query method of a pg client this module needs (a pg.Client satisfies it). */
export interface LockSession {
  query<R extends Record<string, unknown> = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

export interface RuntimeNode {
  readonly id: string;
  readonly name: string;
  readonly url: string;
}

export interface NodeListing extends RuntimeNode {
  readonly startedAt: Date;
  readonly heartbeatAgeMs: number;
  readonly channels: string[];
}

/** Registers (or re-registers, after a lost session) `node` under this session's backend pid. */
export async function registerNode(session: LockSession, node: RuntimeNode): Promise<void> {
  // A pid the server reuses for this session may still name a dead node's row: that row is gone with it.
  await session.query('delete from runtime_node where lock_pid = pg_backend_pid() and id <> $1', [node.id]);
  await session.query(
    `insert into runtime_node (id, name, url, lock_pid) values ($1, $2, $3, pg_backend_pid())
     on conflict (id) do update set name = excluded.name, url = excluded.url, lock_pid = excluded.lock_pid, heartbeat_at = now()`,
    [node.id, node.name, node.url],
  );
}

/** Beats `id`'s heartbeat and removes nodes silent for `forgetAfterMs` (killed without a goodbye, or frozen). */
export async function beatHeartbeat(session: LockSession, id: string, forgetAfterMs: number): Promise<boolean> {
  const beat = await session.query('update runtime_node set heartbeat_at = now() where id = $1 returning id', [id]);
  // A frozen node (SIGSTOP, a hung host) keeps its session and locks alive: end that session so its channels
  // can be taken; only a session still holding an ownership lock, so a reused pid is never hit.
  await session.query(
    `select pg_terminate_backend(n.lock_pid) from runtime_node n
     where n.heartbeat_at < now() - make_interval(secs => $1::double precision / 1000) and n.lock_pid <> pg_backend_pid()
       and exists (select 1 from pg_locks l where l.pid = n.lock_pid and l.locktype = 'advisory' and l.objsubid = 2 and l.classid = $2::int4::oid)`,
    [forgetAfterMs, OWNERSHIP_LOCK_KEY],
  );
  await session.query(`delete from runtime_node where heartbeat_at < now() - make_interval(secs => $1::double precision / 1000)`, [forgetAfterMs]);
  return beat.rows.length > 0;
}

export async function deregisterNode(session: LockSession, id: string): Promise<void> {
  await session.query('delete from runtime_node where id = $1', [id]);
}

/** Takes the channel's ownership lock for this session if nobody holds it; whether it now holds it. */
export async function tryLockChannel(session: LockSession, channelId: string): Promise<boolean> {
  const { rows } = await session.query<{ locked: boolean }>('select pg_try_advisory_lock($1, hashtext($2)) as locked', [OWNERSHIP_LOCK_KEY, channelId]);
  return rows[0]?.locked === true;
}

export async function unlockChannel(session: LockSession, channelId: string): Promise<void> {
  await session.query('select pg_advisory_unlock($1, hashtext($2))', [OWNERSHIP_LOCK_KEY, channelId]);
}

/** The live node holding the channel's lock (its heartbeat younger than `staleMs`), or null when none does. */
export async function channelOwner(session: LockSession, channelId: string, staleMs: number): Promise<RuntimeNode | null> {
  const { rows } = await session.query<{ id: string; name: string; url: string }>(
    `select n.id, n.name, n.url from pg_locks l join runtime_node n on n.lock_pid = l.pid
     where l.locktype = 'advisory' and l.granted and l.objsubid = 2 and l.classid = $1::int4::oid and l.objid = hashtext($2)::oid
       and n.heartbeat_at >= now() - make_interval(secs => $3::double precision / 1000)`,
    [OWNERSHIP_LOCK_KEY, channelId, staleMs],
  );
  const row = rows[0];
  return row === undefined ? null : { id: row.id, name: row.name, url: row.url };
}

/** Every node whose heartbeat is younger than `staleMs`, oldest first, with the channels whose lock it holds. */
export async function listNodes(db: Kysely<Schema>, staleMs: number): Promise<NodeListing[]> {
  const { rows } = await sql<{ id: string; name: string; url: string; started_at: Date; age_ms: number; channels: string[] }>`
    select n.id, n.name, n.url, n.started_at,
      (extract(epoch from (clock_timestamp() - n.heartbeat_at)) * 1000)::int8 as age_ms,
      coalesce(array(
        select c.id from pg_locks l join channel c on l.objid = hashtext(c.id)::oid
        where l.pid = n.lock_pid and l.locktype = 'advisory' and l.granted and l.objsubid = 2 and l.classid = ${OWNERSHIP_LOCK_KEY}::int4::oid
        order by c.id), '{}') as channels
    from runtime_node n
    where n.heartbeat_at >= now() - make_interval(secs => ${staleMs}::double precision / 1000)
    order by n.started_at, n.id`.execute(db);
  return rows.map((r) => ({ id: r.id, name: r.name, url: r.url, startedAt: new Date(r.started_at), heartbeatAgeMs: Math.max(0, Number(r.age_ms)), channels: r.channels }));
}
