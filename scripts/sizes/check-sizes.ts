// The size rule of the layers that hold the runtime's logic: a file over 300 lines or a function over 50
// lines there is two ideas sharing a room (STYLE.md), so the gate names it with its length.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** The folders the rule covers, and its limits. */
export const sizeRule = { folders: ['src/scheduling', 'src/playout', 'src/air', 'src/runtime'], maxFileLines: 300, maxFunctionLines: 50 } as const;

export interface SizeProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

function tsFiles(root: string, dir: string): string[] {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? tsFiles(root, `${dir}/${e.name}`) : e.name.endsWith('.ts') ? [`${dir}/${e.name}`] : []))
    .sort();
}

type FunctionNode = ts.FunctionLikeDeclaration;
const isFunction = (n: ts.Node): n is FunctionNode =>
  ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isConstructorDeclaration(n) || ts.isGetAccessor(n) || ts.isSetAccessor(n);

function functionName(node: FunctionNode): string {
  if (node.name !== undefined) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return parent.name.getText();
  return ts.isConstructorDeclaration(node) ? 'constructor' : '(anonymous)';
}

/** Problems of one file's text. */
export function checkFileSizes(file: string, text: string): SizeProblem[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
  const problems: SizeProblem[] = [];
  const lines = text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
  if (lines > sizeRule.maxFileLines) problems.push({ file, line: 1, message: `${lines} lines, over ${sizeRule.maxFileLines}: split it by idea` });
  const visit = (node: ts.Node): void => {
    if (isFunction(node) && node.body !== undefined) {
      const first = lineOf(node.getStart(source));
      const length = lineOf(node.getEnd()) - first + 1;
      if (length > sizeRule.maxFunctionLines) problems.push({ file, line: first, message: `function ${functionName(node)} has ${length} lines, over ${sizeRule.maxFunctionLines}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

export function checkSizes(root: string): { files: number; problems: SizeProblem[] } {
  const files = sizeRule.folders.flatMap((dir) => tsFiles(root, dir));
  return { files: files.length, problems: files.flatMap((f) => checkFileSizes(f, readFileSync(join(root, f), 'utf8'))) };
}
