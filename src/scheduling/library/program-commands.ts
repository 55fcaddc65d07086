// Handlers of `retrovue program …` (contracts/program/*.yaml): programs and their asset chains.
import type { Kysely } from 'kysely';
import type {
  ProgramAddInput,
  ProgramAddOutput,
  ProgramListInput,
  ProgramListOutput,
  ProgramRemoveInput,
  ProgramRemoveOutput,
  ProgramShowInput,
  ProgramShowOutput,
  ProgramUpdateInput,
  ProgramUpdateOutput,
} from '../../../generated/contract-types.js';
import type { CommandResult, TransactionContext } from '../../command/command-context.js';
import { RetroVueError } from '../../core/errors.js';
import type { Schema } from '../../db/schema.js';
import { deleteProgram, findProgramByName, insertProgram, loadPrograms, type ProgramDraft, updateProgram as updateProgramRow } from './program-repository.js';
import { type LinkResolution, resolveChain } from './schedulable-refs.js';
import type { PlayMode, Program, ProgramKind } from './schedulable-asset.js';
import { assertProgramSound } from './reference-validation.js';
import { describeProgram, programJson } from './library-json.js';
import { loadNaming, nonEmptyName } from './naming.js';
import { removeDefinition } from './schedule-usage.js';

async function requireProgram(db: Kysely<Schema>, name: string): Promise<Program> {
  const program = await findProgramByName(db, name);
  if (!program) throw new RetroVueError('not_found', `program "${name}" does not exist; see retrovue program list`);
  return program;
}

const cleanCategories = (categories: readonly string[]) => categories.map((c) => c.trim()).filter((c) => c.length > 0);

/** `--link ""` alone empties a chain (as `program add` without --link makes it); beside other links it is a typo. */
function linksOrEmpty(links: readonly string[]): readonly string[] {
  if (links.length === 1 && links[0] === '') return [];
  if (links.includes('')) throw new RetroVueError('invalid_input', '--link "" empties the chain and cannot be combined with other --link values');
  return links;
}

/** Re-reads the library and checks the program's chain (and every program it reaches) is sound. */
async function assertSound(db: Kysely<Schema>, name: string): Promise<void> {
  const naming = await loadNaming(db);
  const program = [...naming.library.programs.values()].find((p) => p.name === name);
  if (program) assertProgramSound(program, naming.library, naming.catalog);
}

async function shown(db: Kysely<Schema>, name: string) {
  return programJson(await requireProgram(db, name), await loadNaming(db));
}

export async function addProgram(ctx: TransactionContext, input: ProgramAddInput, resolution: LinkResolution = {}): Promise<CommandResult<ProgramAddOutput>> {
  const name = nonEmptyName(input.name, '--name');
  if (await findProgramByName(ctx.db, name)) throw new RetroVueError('conflict', `program "${name}" already exists; pick another --name or use retrovue program update`);
  const draft: ProgramDraft = {
    name,
    kind: input.kind as ProgramKind,
    playMode: input.playMode as PlayMode,
    assetChain: await resolveChain(ctx.db, input.link ?? [], resolution),
    allowBreaks: input.allowBreaks,
    description: input.description?.trim() || null,
    categories: cleanCategories(input.categories ?? []),
  };
  await insertProgram(ctx.db, draft);
  await assertSound(ctx.db, name);
  const program = await shown(ctx.db, name);
  return { data: { program }, text: `${ctx.dryRun ? 'would add' : 'added'} ${describeProgram(program)}` };
}

export async function listPrograms(ctx: TransactionContext, _input: ProgramListInput): Promise<CommandResult<ProgramListOutput>> {
  const naming = await loadNaming(ctx.db);
  const programs = (await loadPrograms(ctx.db)).map((p) => programJson(p, naming));
  const text = programs.length === 0 ? 'no programs yet; add one with retrovue program add --name <name> --kind series --link series:<name>' : programs.map(describeProgram).join('\n');
  return { data: { programs }, text };
}

export async function showProgram(ctx: TransactionContext, input: ProgramShowInput): Promise<CommandResult<ProgramShowOutput>> {
  const program = await shown(ctx.db, input.name);
  return { data: { program }, text: describeProgram(program) };
}

export async function updateProgram(ctx: TransactionContext, input: ProgramUpdateInput, resolution: LinkResolution = {}): Promise<CommandResult<ProgramUpdateOutput>> {
  const current = await requireProgram(ctx.db, input.name);
  const changes: { -readonly [K in keyof ProgramDraft]?: ProgramDraft[K] } = {};
  const changed: string[] = [];
  if (input.rename !== undefined && input.rename.trim() !== current.name) {
    changes.name = nonEmptyName(input.rename, '--rename');
    if (await findProgramByName(ctx.db, changes.name)) throw new RetroVueError('conflict', `program "${changes.name}" already exists; pick another --rename`);
    changed.push('name');
  }
  if (input.kind !== undefined && input.kind !== current.kind) (changes.kind = input.kind as ProgramKind), changed.push('kind');
  if (input.playMode !== undefined && input.playMode !== current.playMode) (changes.playMode = input.playMode as PlayMode), changed.push('play_mode');
  if (input.allowBreaks !== undefined && input.allowBreaks !== current.allowBreaks) (changes.allowBreaks = input.allowBreaks), changed.push('allow_breaks');
  if (input.description !== undefined && (input.description.trim() || null) !== current.description) {
    changes.description = input.description.trim() || null;
    changed.push('description');
  }
  if (input.categories !== undefined && cleanCategories(input.categories).join(',') !== current.categories.join(',')) {
    changes.categories = cleanCategories(input.categories);
    changed.push('categories');
  }
  if (input.link !== undefined && input.link.length > 0) {
    const chain = await resolveChain(ctx.db, linksOrEmpty(input.link), resolution);
    if (chain.some((link) => link.kind === 'program' && link.programId === current.id)) {
      throw new RetroVueError('invalid_input', `program "${current.name}" references itself; a program cannot contain itself`);
    }
    if (JSON.stringify(chain) !== JSON.stringify(current.assetChain)) (changes.assetChain = chain), changed.push('asset_chain');
  }
  const name = changes.name ?? current.name;
  if (changed.length > 0) {
    await updateProgramRow(ctx.db, current.id, changes);
    await assertSound(ctx.db, name);
  }
  const program = await shown(ctx.db, name);
  const summary = changed.length === 0 ? `program "${name}" unchanged` : `${ctx.dryRun ? 'would update' : 'updated'} ${changed.join(', ')}`;
  return { data: { program, changed }, text: `${summary}\n${describeProgram(program)}` };
}

export async function removeProgram(ctx: TransactionContext, input: ProgramRemoveInput): Promise<CommandResult<ProgramRemoveOutput>> {
  const current = await requireProgram(ctx.db, input.name);
  const removed = programJson(current, await loadNaming(ctx.db));
  const { inUse, text } = await removeDefinition(ctx, { kind: 'program', programId: current.id }, `program "${current.name}"`, () => deleteProgram(ctx.db, current.id));
  return { data: { removed, in_use: inUse }, text };
}
