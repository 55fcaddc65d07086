// The size gate (part of npm test): no file over 300 lines and no function over 50 lines in scheduling,
// playout, AIR and the runtime.
//   npx tsx scripts/size-gate.ts [root]     exit 1 listing each problem as file:line: what is too long
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSizes, sizeRule } from './sizes/check-sizes.js';

const root = resolve(process.argv[2] ?? resolve(dirname(fileURLToPath(import.meta.url)), '..'));
const { files, problems } = checkSizes(root);
if (problems.length > 0) {
  console.error(`size gate: ${problems.length} problem(s) in ${sizeRule.folders.join(', ')}`);
  for (const p of problems) console.error(`  ${p.file}:${p.line}: ${p.message}`);
  process.exit(1);
}
console.log(`size gate: ${files} files in ${sizeRule.folders.join(', ')}, none over ${sizeRule.maxFileLines} lines, no function over ${sizeRule.maxFunctionLines}`);
