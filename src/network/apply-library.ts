// `network apply`, library half: synthetic and virtual assets, then programs in the order their chains
// need (a program another links to comes first), each through the same rules as its commands.
import type { NetworkProgram, NetworkSyntheticAsset, NetworkVirtualAsset } from '../../generated/network-schema.js';
import { seriesExists } from '../catalog/asset-repository.js';
import { RetroVueError } from '../core/errors.js';
import { putSyntheticAsset, putVirtualAsset } from '../scheduling/library/library-commands.js';
import { addProgram, updateProgram } from '../scheduling/library/program-commands.js';
import { findProgramByName } from '../scheduling/library/program-repository.js';
import { type ApplyContext, atObject } from './apply-step.js';
import { orDefault } from './network-values.js';

export async function applySyntheticAssets(apply: ApplyContext, assets: readonly NetworkSyntheticAsset[]): Promise<void> {
  for (const [i, a] of assets.entries()) {
    await atObject(apply, ['synthetic-assets', i], `synthetic asset "${a.name}"`, () => putSyntheticAsset(apply.ctx, { name: a.name, kind: a.kind, seconds: a.seconds, text: a.text }));
  }
}

export async function applyVirtualAssets(apply: ApplyContext, assets: readonly NetworkVirtualAsset[]): Promise<void> {
  for (const [i, a] of assets.entries()) {
    await atObject(apply, ['virtual-assets', i], `virtual asset "${a.name}"`, () =>
      putVirtualAsset(apply.ctx, {
        name: a.name,
        collection: a.collection,
        series: a.series,
        kinds: a.kinds,
        tags: a.tags,
        minMinutes: a['min-minutes'],
        maxMinutes: a['max-minutes'],
        unplayed: orDefault(a, 'VirtualAsset', 'unplayed'),
        order: orDefault(a, 'VirtualAsset', 'order'),
      }),
    );
  }
}

const linkedProgram = (link: string): string | undefined => (/^\s*program\s*:/i.test(link) ? link.slice(link.indexOf(':') + 1).trim() : undefined);

/** Declared programs, each after the declared programs its chain links to; a cycle is refused where it closes. */
export function programOrder(apply: ApplyContext, programs: readonly NetworkProgram[]): number[] {
  const index = new Map(programs.map((p, i) => [p.name, i]));
  const order: number[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (i: number, path: readonly string[]): void => {
    if (state.get(i) === 'done') return;
    const program = programs[i] as NetworkProgram;
    if (state.get(i) === 'visiting') {
      throw new RetroVueError('invalid_input', `${apply.file.where(['programs', i])}: program "${program.name}" contains itself through ${[...path, program.name].join(' → ')}`);
    }
    state.set(i, 'visiting');
    for (const link of program.links ?? []) {
      const target = index.get(linkedProgram(link) ?? '');
      if (target !== undefined) visit(target, [...path, program.name]);
    }
    state.set(i, 'done');
    order.push(i);
  };
  programs.forEach((_, i) => visit(i, []));
  return order;
}

async function applyProgram(apply: ApplyContext, p: NetworkProgram): Promise<void> {
  const { ctx } = apply;
  const fields = {
    kind: p.kind,
    playMode: orDefault(p, 'Program', 'play-mode'),
    allowBreaks: orDefault(p, 'Program', 'allow-breaks'),
    categories: p.categories ?? [],
  } as const;
  if (!(await findProgramByName(ctx.db, p.name.trim()))) {
    await addProgram(ctx, { name: p.name, link: p.links ?? [], description: p.description, ...fields }, { pendingSeries: true });
    return;
  }
  const links = p.links ?? [];
  await updateProgram(ctx, { name: p.name, rename: undefined, link: links.length > 0 ? links : [''], description: p.description ?? '', ...fields }, { pendingSeries: true });
}

/** A series link whose series has no asset yet: a note, since the program airs nothing until ingest brings it. */
async function notePendingSeries(apply: ApplyContext, p: NetworkProgram): Promise<void> {
  for (const link of p.links ?? []) {
    const match = /^\s*series\s*:\s*(.*?)(?::(\d{1,4}))?\s*$/i.exec(link);
    const series = match?.[1];
    if (series && !(await seriesExists(apply.ctx.db, series))) {
      apply.notes.push(`program "${p.name}": series "${series}" has no asset yet; it airs once its collection is ingested (collection ingest, or network apply --then-build)`);
    }
  }
}

export async function applyPrograms(apply: ApplyContext, programs: readonly NetworkProgram[]): Promise<void> {
  for (const i of programOrder(apply, programs)) {
    const p = programs[i] as NetworkProgram;
    await atObject(apply, ['programs', i], `program "${p.name}"`, () => applyProgram(apply, p));
    await notePendingSeries(apply, p);
  }
}
