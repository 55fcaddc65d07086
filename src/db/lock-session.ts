// A dedicated session on the Postgres server, apart from the pool: session-level advisory locks live and die
// with it, so it is one long-lived pg client (TCP keepalive on, so a vanished server is noticed).
import type { Client } from 'pg';
import { RetroVueError } from '../core/errors.js';

export async function openLockSession(url: string): Promise<Client> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new RetroVueError('unreachable', `the database server is unreachable for the node's lock session: ${reason}`, { cause: error });
  }
  return client;
}
