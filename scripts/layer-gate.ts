// The layer gate (part of npm test): every import in src/, generated/ and migrations/ points down the
// floors declared in scripts/layers/layer-order.ts, and no files import each other in a cycle.
//   npx tsx scripts/layer-gate.ts [root]     exit 1 listing each problem as file:line: rule
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLayers } from './layers/check-layers.js';
import { importGraph } from './layers/import-graph.js';
import { floors, renderOrder } from './layers/layer-order.js';

const root = resolve(process.argv[2] ?? resolve(dirname(fileURLToPath(import.meta.url)), '..'));
const graph = importGraph(root);
const problems = checkLayers(graph);
if (problems.length > 0) {
  console.error(`layer gate: ${problems.length} problem(s) (order: ${renderOrder()})`);
  for (const p of problems) console.error(`  ${p.file}:${p.line}: ${p.message}`);
  process.exit(1);
}
console.log(`layer gate: ${graph.files.length} files, ${graph.edges.length} imports, ${floors.length} floors, no upward import, no cycle`);
