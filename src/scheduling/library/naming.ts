// How library handlers read what operators name: the names a definition's references print with, and the
// one rule for a name an operator types.
import type { Kysely } from 'kysely';
import { RetroVueError } from '../../core/errors.js';
import type { Schema } from '../../db/schema.js';
import { loadCatalogSnapshot } from '../../catalog/catalog-snapshot-repository.js';
import type { NamingContext } from './library-json.js';
import { loadSchedulingLibrary } from './program-repository.js';

export async function loadNaming(db: Kysely<Schema>): Promise<NamingContext> {
  return { library: await loadSchedulingLibrary(db), catalog: await loadCatalogSnapshot(db) };
}

const controlCharacter = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

export function nonEmptyName(name: string, what: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw new RetroVueError('invalid_input', `${what} must not be empty`);
  // A newline or escape sequence in a name would fake rows or recolour every listing and guide it appears in.
  if (controlCharacter.test(trimmed)) throw new RetroVueError('invalid_input', `${what} must not contain control characters (newlines, tabs, escape sequences)`);
  return trimmed;
}
