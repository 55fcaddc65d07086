// One database handle shared by the runtime's timers and requests, used one piece of work at a time:
// with embedded PGlite a query sent while another task's transaction is open would silently run inside
// it (NOTES.md), so every use goes through here.
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { SerialQueue } from './serial-queue.js';

export class DbGate {
  private readonly queue = new SerialQueue();

  constructor(private readonly db: Kysely<Schema>) {}

  run<T>(work: (db: Kysely<Schema>) => Promise<T>): Promise<T> {
    return this.queue.run(() => work(this.db));
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }
}
