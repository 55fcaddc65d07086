// `channel add --from`: the program a new channel airs around the clock. A series or a collection gets a
// program named after it (made through program add, or reused when one of that name already walks exactly
// that content); program:<name> is an existing program. Every check is the library handlers' own.
import type { Program as ProgramJson } from '../../../generated/contract-types.js';
import { loadCatalogSnapshot } from '../../catalog/catalog-snapshot-repository.js';
import type { TransactionContext } from '../../command/command-context.js';
import { RetroVueError } from '../../core/errors.js';
import { addProgram, showProgram } from '../library/program-commands.js';
import { findProgramByName } from '../library/program-repository.js';
import { type ChainLink, type PlayMode, type ProgramKind, refKey } from '../library/schedulable-asset.js';
import { resolveItem, resolveLink } from '../library/schedulable-refs.js';

const fromKinds = ['series', 'collection', 'program'] as const;

/** The program --from names, with whether it was made now or found made. */
export interface FromProgram {
  readonly program: ProgramJson;
  readonly reused: boolean;
  /** What program add printed (or a line saying it was reused). */
  readonly text: string;
}

/** Refuses a --from of another form before anything is written. */
export function assertFromForm(text: string): void {
  const kind = text.slice(0, Math.max(0, text.indexOf(':'))).trim().toLowerCase();
  if (!(fromKinds as readonly string[]).includes(kind) || text.slice(text.indexOf(':') + 1).trim() === '') {
    throw new RetroVueError('invalid_input', `--from must be series:<name>, collection:<source>/<name> or program:<name>; got "${text}"`);
  }
}

/** The program a new channel airs: made, reused or (program:<name>) found. */
export async function programFrom(ctx: TransactionContext, text: string): Promise<FromProgram> {
  assertFromForm(text);
  if (text.trim().toLowerCase().startsWith('program:')) {
    await resolveItem(ctx.db, text, '--from'); // names --from when the program is unknown
    const name = text.slice(text.indexOf(':') + 1).trim();
    const { data } = await showProgram(ctx, { name });
    return { program: data.program, reused: true, text: `airs program "${data.program.name}"` };
  }
  const link = await resolveLink(ctx.db, text, '--from');
  const shape = await programShape(ctx, link, text);
  const existing = await findProgramByName(ctx.db, shape.name);
  if (existing) {
    if (existing.assetChain.length !== 1 || refKey(existing.assetChain[0] as ChainLink) !== refKey(link)) {
      throw new RetroVueError(
        'conflict',
        `--from ${text}: program "${shape.name}" already exists and walks other content; air it with --from program:${shape.name}, or rename it (retrovue program update "${shape.name}" --rename …) and run this again`,
      );
    }
    const { data } = await showProgram(ctx, { name: shape.name });
    return { program: data.program, reused: true, text: `reused program "${shape.name}" (it already walks ${text})` };
  }
  const made = await addProgram(ctx, {
    name: shape.name,
    kind: shape.kind,
    link: [text],
    playMode: shape.playMode,
    allowBreaks: false,
    description: undefined,
    categories: undefined,
  });
  return { program: made.data.program, reused: false, text: made.text };
}

interface ProgramShape {
  readonly name: string;
  readonly kind: ProgramKind;
  readonly playMode: PlayMode;
}

/**
 * A series plays in episode order; a collection holding episodes too, while a collection of movies (or
 * anything else) plays in a seeded shuffle. The program is named after the content.
 */
async function programShape(ctx: TransactionContext, link: ChainLink, text: string): Promise<ProgramShape> {
  if (link.kind === 'series') {
    return { name: link.season === null ? link.series : `${link.series} season ${link.season}`, kind: 'series', playMode: 'sequential' };
  }
  if (link.kind !== 'collection') throw new RetroVueError('internal', `--from ${text} resolved to a ${link.kind}`);
  const catalog = await loadCatalogSnapshot(ctx.db);
  const assets = catalog.eligibleInCollection(link.collectionId);
  if (assets.length === 0) {
    throw new RetroVueError('invalid_input', `--from ${text}: the collection holds no ready asset; ingest it first (retrovue collection ingest ${text.slice(text.indexOf(':') + 1).trim()})`);
  }
  const name = (catalog.collections.get(link.collectionId)?.name ?? text).split('/').slice(1).join('/') || text;
  return assets.some((a) => a.kind === 'episode') ? { name, kind: 'series', playMode: 'sequential' } : { name, kind: 'movie', playMode: 'shuffle' };
}
