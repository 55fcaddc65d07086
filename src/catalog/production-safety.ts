// ProductionSafety: catalog content that something outside the catalog (a schedule, a playlog, a program's
// chain) still points at must not be removed. Any foreign key onto asset or collection from a table the
// catalog does not own counts (sourceReferenceCounts), so schedule tables are covered without this module
// knowing them.
import type { Kysely } from 'kysely';
import { RetroVueError } from '../core/errors.js';
import type { Schema, SourceRow } from '../db/schema.js';
import { sourceReferenceCounts } from './source-repository.js';

/** Throws `refused` naming each referencing table when any asset or collection of the source is in use. */
export async function assertNotReferenced(db: Kysely<Schema>, source: SourceRow): Promise<void> {
  const uses = (await sourceReferenceCounts(db, source.id)).map((r) => `${r.count} ${r.target}(s) referenced by ${r.table}`);
  if (uses.length > 0) {
    throw new RetroVueError('refused', `source "${source.name}" is in use: ${uses.join(', ')}; remove those references first (--force does not override this)`);
  }
}
