// Throwaway source trees for the gates' tests: each made under the OS temp folder and removed after the file's tests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';

const scratch: string[] = [];
after(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A throwaway tree of `files` (path → source); returns its root. */
export function scratchTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'retrovue-tree-'));
  scratch.push(root);
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), source);
  }
  return root;
}
