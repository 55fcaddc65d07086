// Small throwaway directory trees for catalog tests that need a library layout but no real media
// (discovery, source paths). Real media comes from demoLibrary() in catalog.ts.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Relative path → what to put there: file contents, a directory ({}), or a symlink ({ link: target }). */
export type TreeSpec = Record<string, string | Record<string, never> | { readonly link: string }>;

export interface TempTree {
  /** The temp directory holding the tree (and anything else the test puts next to it). */
  readonly dir: string;
  /** `dir/<name>`: the tree's root. */
  readonly root: string;
  cleanup(): void;
}

/** Writes `spec` under a fresh temp directory; symlink targets are taken as given (absolute or relative). */
export function makeTree(spec: TreeSpec, name = 'lib'): TempTree {
  const dir = mkdtempSync(join(tmpdir(), 'retrovue-tree-'));
  const root = join(dir, name);
  mkdirSync(root, { recursive: true });
  writeTree(root, spec);
  return { dir, root, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeTree(root: string, spec: TreeSpec): void {
  for (const [path, what] of Object.entries(spec)) {
    const at = join(root, path);
    mkdirSync(typeof what === 'string' || 'link' in what ? dirname(at) : at, { recursive: true });
    if (typeof what === 'string') writeFileSync(at, what);
    else if ('link' in what) symlinkSync(what.link, at);
  }
}
