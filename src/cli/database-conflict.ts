// A database refusal caused by another command running at the same time (two `channel add` of one id, two
// ingests of one collection, a source removed during an ingest) as the contract's `conflict` error: one
// line saying what collided and what to do, never a raw constraint name.
import { RetroVueError } from '../core/errors.js';

interface DatabaseRefusal {
  readonly code: string;
  readonly table?: string;
  readonly constraint?: string;
  readonly detail?: string;
}

function asRefusal(error: unknown): DatabaseRefusal | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^(23505|23503|40001|40P01)$/.test(code) ? (error as DatabaseRefusal) : undefined;
}

/** "Key (source_id, external_id)=(1b…, Shows/a.mp4) already exists." → the value of each key column. */
function keyValues(detail: string | undefined): string[] {
  const match = /^Key \((.+?)\)=\((.*)\) (?:already exists|is not present)/.exec(detail ?? '');
  if (!match) return [];
  const columns = (match[1] as string).split(', ').length;
  const parts = (match[2] as string).split(', ');
  // Only the last column may hold a comma of its own (a file name): the first ones are ids.
  return [...parts.slice(0, columns - 1), parts.slice(columns - 1).join(', ')];
}

const sameIngest = 'another ingest of the same collection is running; let it finish, then run this one again';

/** What collided, for the constraints a concurrent command can hit, from the colliding key's values. */
const messages: Record<string, (values: string[]) => string> = {
  channel_pkey: ([id]) => `channel "${id ?? '?'}" was just added by another command running at the same time; see retrovue channel list`,
  channel_number_key: ([number]) => `channel number ${number ?? '?'} was just taken by another command running at the same time; pick another --number`,
  provider_ref_source_external: (values) => `file ${values[values.length - 1] ?? '?'} was just ingested by another command; ${sameIngest}`,
  provider_ref_pkey: () => `an asset was just ingested by another command; ${sameIngest}`,
  asset_collection_id_fkey: () => 'the collection was removed by another command while this one ran; see retrovue collection list',
};

/** The `conflict` error for a concurrent writer's refusal, or undefined when `error` is something else. */
export function concurrentConflict(error: unknown): RetroVueError | undefined {
  const refusal = asRefusal(error);
  if (!refusal) return undefined;
  const known = refusal.constraint === undefined ? undefined : messages[refusal.constraint];
  const message = known
    ? known(keyValues(refusal.detail))
    : refusal.code === '23505' || refusal.code === '23503'
      ? `another command changed the same ${refusal.table ?? 'rows'} at the same time; run the command again to see the result`
      : 'another command changed the same rows at the same time; run the command again';
  return new RetroVueError('conflict', message, { cause: error });
}
