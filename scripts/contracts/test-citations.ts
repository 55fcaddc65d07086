// Finds the tests under tests/contracts and the rule ids their names cite ("B-2: refuses …").
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface TestCitation {
  readonly file: string;
  readonly line: number;
  readonly name: string;
  readonly ids: readonly string[];
  /** test.todo / test.skip: listed, never counted as proof. */
  readonly pending: boolean;
}

// test('…', …) / it("…") / test.todo(`…`) — the first argument must be a plain string literal.
const testCall = /\b(?:test|it)(\.(?:todo|skip|only))?\(\s*(['"`])((?:\\.|(?!\2).)*)\2/g;
const citedIds = /^((?:[BD]-\d+)(?:\s*,\s*[BD]-\d+)*)\s*:/;

export function contractTestFiles(root: string): string[] {
  const dir = join(root, 'tests', 'contracts');
  if (!existsSync(dir)) return [];
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  return walk(dir)
    .map((f) => relative(root, f))
    .sort();
}

export function citationsIn(root: string, file: string): TestCitation[] {
  const source = readFileSync(join(root, file), 'utf8');
  const citations: TestCitation[] = [];
  for (const match of source.matchAll(testCall)) {
    const name = match[3] ?? '';
    const ids = citedIds.exec(name)?.[1]?.split(/\s*,\s*/) ?? [];
    const line = source.slice(0, match.index).split('\n').length;
    const modifier = match[1];
    citations.push({ file, line, name, ids, pending: modifier === '.todo' || modifier === '.skip' });
  }
  return citations;
}
