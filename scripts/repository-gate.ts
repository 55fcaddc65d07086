// The repository gate (part of npm test): no query outside a `*-repository.ts` file, src/db/ and migrations/
// (scripts/repositories/check-queries.ts says what counts as a query).
//   npx tsx scripts/repository-gate.ts [root]     exit 1 listing each query as file:line: rule
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkQueries } from './repositories/check-queries.js';

const root = resolve(process.argv[2] ?? resolve(dirname(fileURLToPath(import.meta.url)), '..'));
const problems = checkQueries(root);
if (problems.length > 0) {
  console.error(`repository gate: ${problems.length} problem(s) (queries belong in *-repository.ts files, src/db/ and migrations/)`);
  for (const p of problems) console.error(`  ${p.file}:${p.line}: ${p.message}`);
  process.exit(1);
}
console.log('repository gate: every query of src/ is in a *-repository.ts file or src/db/');
