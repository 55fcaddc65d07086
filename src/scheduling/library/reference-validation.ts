// References a definition names must exist, and a program must never contain itself: refused before
// anything is resolved, each time with one line naming the offending object.
import { RetroVueError } from '../../core/errors.js';
import type { CatalogSnapshot } from '../../catalog/catalog-snapshot.js';
import { maxSchedulableMs } from '../../catalog/catalog-snapshot.js';
import type { ChainLink, Program, SchedulableAssetRef, SchedulingLibrary } from './schedulable-asset.js';

const invalid = (message: string) => new RetroVueError('invalid_input', message);

export function assertRefKnown(ref: SchedulableAssetRef | ChainLink, owner: string, library: SchedulingLibrary, catalog: CatalogSnapshot): void {
  const missing = (what: string) => invalid(`${owner} references ${what}, which does not exist`);
  switch (ref.kind) {
    case 'asset':
      if (!catalog.assets.has(ref.assetId)) throw missing(`asset ${ref.assetId}`);
      return;
    case 'collection':
      if (!catalog.collections.has(ref.collectionId)) throw missing(`collection ${ref.collectionId}`);
      return;
    case 'series':
      if (ref.collectionId !== null && !catalog.collections.has(ref.collectionId)) throw missing(`collection ${ref.collectionId}`);
      return;
    case 'program':
      if (!library.programs.has(ref.programId)) throw missing(`program ${ref.programId}`);
      return;
    case 'virtual': {
      const virtual = library.virtualAssets.get(ref.virtualAssetId);
      if (!virtual) throw missing(`virtual asset ${ref.virtualAssetId}`);
      const rule = virtual.rule;
      if (rule.collectionId !== null && !catalog.collections.has(rule.collectionId)) {
        throw invalid(`virtual asset "${virtual.name}" references collection ${rule.collectionId}, which does not exist`);
      }
      if (rule.minDurationMs !== null && rule.maxDurationMs !== null && rule.minDurationMs > rule.maxDurationMs) {
        throw invalid(`virtual asset "${virtual.name}" asks for a minimum duration above its maximum`);
      }
      return;
    }
    case 'synthetic': {
      const synthetic = library.syntheticAssets.get(ref.syntheticAssetId);
      if (!synthetic) throw missing(`synthetic asset ${ref.syntheticAssetId}`);
      if (!Number.isInteger(synthetic.durationMs) || synthetic.durationMs <= 0 || synthetic.durationMs > maxSchedulableMs) {
        throw invalid(`synthetic asset "${synthetic.name}" must last a whole number of milliseconds between 1 and ${maxSchedulableMs}`);
      }
      return;
    }
  }
}

/** Every link of the program and of the programs it reaches is known, and no program reaches itself. */
export function assertProgramSound(root: Program, library: SchedulingLibrary, catalog: CatalogSnapshot): void {
  const done = new Set<string>();
  const visit = (program: Program, trail: readonly Program[]): void => {
    const cycleStart = trail.findIndex((p) => p.id === program.id);
    if (cycleStart >= 0) {
      const loop = [...trail.slice(cycleStart), program].map((p) => `"${p.name}"`);
      throw invalid(
        loop.length === 2
          ? `program "${program.name}" references itself; a program cannot contain itself`
          : `program "${program.name}" references itself through ${loop.slice(1, -1).join(' → ')}; a program cannot contain itself`,
      );
    }
    if (done.has(program.id)) return;
    for (const link of program.assetChain) {
      assertRefKnown(link, `program "${program.name}"`, library, catalog);
      if (link.kind === 'program') visit(library.programs.get(link.programId) as Program, [...trail, program]);
    }
    done.add(program.id);
  };
  visit(root, []);
}
