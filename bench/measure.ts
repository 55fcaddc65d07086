// Small timing helpers for benchmarks: wall-clock of whole processes, summarised by percentiles.
import { execFileSync } from 'node:child_process';

export function timeProcess(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  const start = process.hrtime.bigint();
  execFileSync(argv[0] as string, argv.slice(1), { env, stdio: ['ignore', 'ignore', 'inherit'] });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function repeat(times: number, run: () => number): number[] {
  return Array.from({ length: times }, run);
}

export const ms = (value: number): string => `${value.toFixed(0)} ms`;
