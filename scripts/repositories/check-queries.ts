// The repository rule over src/ and generated/: a query (Kysely's selectFrom, insertInto, updateTable,
// deleteFrom and their kin, or raw `sql` from kysely) is written only in a `*-repository.ts` file, under
// src/db/ or in migrations/. Handlers and orchestrators call repository functions. Found with the
// TypeScript parser, so comments and strings never count; each problem names the file and the line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { sourceFiles } from '../layers/import-graph.js';

export interface QueryProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** Kysely methods that start (or run) a query. */
export const queryMethods: readonly string[] = ['selectFrom', 'selectNoFrom', 'insertInto', 'replaceInto', 'updateTable', 'deleteFrom', 'mergeInto', 'executeQuery'];

const checkedTrees = ['src', 'generated'] as const;

/** Where queries may be written. */
export function mayQuery(file: string): boolean {
  return file.endsWith('-repository.ts') || file.startsWith('src/db/') || file.startsWith('migrations/');
}

const fix = 'move the query into the *-repository.ts of the noun it reads and call that function';

/** The local names kysely's `sql` has in a file (`import { sql }`, `import { sql as raw }`) and its namespace imports. */
function kyselyBindings(source: ts.SourceFile): { readonly sql: Set<string>; readonly namespaces: Set<string> } {
  const sql = new Set<string>();
  const namespaces = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== 'kysely') continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) if ((element.propertyName ?? element.name).text === 'sql') sql.add(element.name.text);
    }
  }
  return { sql, namespaces };
}

function problemsIn(root: string, file: string): QueryProblem[] {
  const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const { sql, namespaces } = kyselyBindings(source);
  const problems: QueryProblem[] = [];
  const report = (node: ts.Node, what: string) =>
    problems.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, message: `${what} outside a repository: ${fix}` });
  const isRawSql = (node: ts.Node): boolean =>
    (ts.isIdentifier(node) && sql.has(node.text)) ||
    (ts.isPropertyAccessExpression(node) && node.name.text === 'sql' && ts.isIdentifier(node.expression) && namespaces.has(node.expression.text));
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && queryMethods.includes(node.expression.name.text)) {
      report(node.expression.name, node.expression.name.text);
    } else if (ts.isTaggedTemplateExpression(node) && isRawSql(node.tag)) {
      report(node, 'raw sql');
      return; // its fragments are part of the same query
    } else if (ts.isPropertyAccessExpression(node) && isRawSql(node.expression)) {
      report(node, `raw sql (${node.getText(source)})`);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

/** Every query written outside a repository, src/db/ and migrations/, in file and line order. */
export function checkQueries(root: string): QueryProblem[] {
  return checkedTrees
    .flatMap((tree) => sourceFiles(root, tree))
    .filter((file) => !mayQuery(file))
    .flatMap((file) => problemsIn(root, file));
}
