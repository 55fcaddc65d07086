// The traceability gate (part of npm test): every rule proven by a named test, no test citing an
// unknown rule, exactly two contract test files per command.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ContractError, loadContracts } from './contracts/load-contracts.js';
import { traceRules } from './contracts/traceability.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
try {
  const { contracts } = loadContracts(root);
  const trace = traceRules(root, contracts);
  if (trace.problems.length > 0) {
    console.error(`traceability gate: ${trace.problems.length} problem(s)`);
    for (const p of trace.problems) console.error(`  ${p}`);
    process.exit(1);
  }
  const tests = new Set(trace.rules.flatMap((r) => r.proofs.map((p) => `${p.file}:${p.line}`))).size;
  console.log(`traceability gate: ${contracts.length} commands, ${trace.rules.length} rules, all proven by ${tests} tests, 0 todos`);
} catch (error) {
  if (error instanceof ContractError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
