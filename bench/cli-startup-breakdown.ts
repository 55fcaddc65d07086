// Where a command start's time goes: (1) what each heavy module costs a process that loads it, bundled
// alone the way scripts/build.ts bundles the CLI, beside `node -e 0` in the same rounds (Kysely and pg also
// as the binary runs them: their vendor scripts, with and without their code caches); (2) per command,
// Node's own bootstrap against RetroVue's part, and the code the command loads (the built chunks it
// requires, by package, from the build's metafile; the command classes show there, by noun).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { nodeOnlyPg } from '../scripts/node-only-pg.js';
import { ms, percentile, timeProcess } from './measure.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/retrovue.js');

/** What a command may load, each as one import statement bundled alone. */
const modules: Record<string, string> = {
  'clipanion + typanion (parsing)': "import * as m from 'clipanion'; import * as t from 'typanion'; globalThis.k = [m, t];",
  'kysely': "import * as m from 'kysely'; globalThis.k = m;",
  'pg (Postgres client, as scripts/build.ts bundles it)': "import m from 'pg'; globalThis.k = m;",
  'pino (logger)': "import m from 'pino'; globalThis.k = m;",
  'luxon (time zones)': "import * as m from 'luxon'; globalThis.k = m;",
  'execa (processes)': "import * as m from 'execa'; globalThis.k = m;",
  'ajv (library; validators are precompiled)': "import m from 'ajv'; globalThis.k = m;",
  'one output validator (channel list)': "import * as m from './generated/output-validators/channel-list.ts'; globalThis.k = m;",
  'PGlite (import only, no open)': "const m = await import('@electric-sql/pglite'); globalThis.k = m;",
  "Node's fetch (a global Response touched)": 'globalThis.k = typeof Response;',
};

async function bundleAlone(dir: string, name: string, source: string): Promise<string> {
  const outfile = join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.mjs`);
  await build({
    stdin: { contents: source, resolveDir: root, loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['@electric-sql/pglite', 'pg-native', 'pino-pretty'],
    plugins: [nodeOnlyPg],
    banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
    logLevel: 'error',
  });
  return outfile;
}

/**
 * The built vendor scripts of Kysely and pg run by the binary's own loader (dist/load.cjs), in a folder of
 * their own: with the code caches a first run leaves, or with a directory where each cache belongs (so they
 * always compile).
 */
async function vendorScriptRuns(dir: string, cached: boolean): Promise<{ run: string; bytes: number }> {
  const scripts = readdirSync(join(root, 'dist')).filter((name) => /^vendor-(pg|kysely)-[0-9a-f]+\.cjs$/.test(name));
  if (scripts.length !== 2) throw new Error('dist/ holds no vendor scripts of pg and Kysely; run npm run build');
  const own = join(dir, cached ? 'vendor-cached' : 'vendor-compiled');
  mkdirSync(own);
  for (const script of scripts) copyFileSync(join(root, 'dist', script), join(own, script));
  const loader = join(own, 'load.cjs');
  const paths = scripts.map((script) => join(own, script));
  writeFileSync(loader, `const { loadScript } = require(${JSON.stringify(join(root, 'dist/load.cjs'))});\nglobalThis.k = ${JSON.stringify(paths)}.map(loadScript);\n`);
  if (cached) timeProcess([process.execPath, loader], process.env); // leaves the caches as it exits
  else for (const script of scripts) mkdirSync(join(own, `${script}.${process.versions.v8}.cache`));
  return { run: loader, bytes: scripts.reduce((sum, script) => sum + statSync(join(own, script)).size, 0) };
}

async function moduleCosts(dir: string, rounds: number): Promise<void> {
  const alone = async (name: string, source: string) => {
    const run = await bundleAlone(dir, name, source);
    return [name, { run, bytes: statSync(run).size }] as const;
  };
  const files = Object.fromEntries(await Promise.all(Object.entries(modules).map(([name, source]) => alone(name, source))));
  files['kysely + pg: their vendor scripts, compiled'] = await vendorScriptRuns(dir, false);
  files['kysely + pg: their vendor scripts, code cache'] = await vendorScriptRuns(dir, true);
  const samples: Record<string, number[]> = { node: [] };
  for (let round = 0; round < rounds; round++) {
    samples['node']?.push(timeProcess([process.execPath, '-e', '0'], process.env));
    for (const [name, { run }] of Object.entries(files)) (samples[name] ??= []).push(timeProcess([process.execPath, run], process.env));
  }
  const floor = percentile(samples['node'] ?? [], 50);
  console.log(`  each module bundled alone and loaded by a process (p50 of ${rounds} beside node -e 0 = ${ms(floor)}; cost = the difference):`);
  for (const [name, { bytes }] of Object.entries(files)) {
    console.log(`    ${name.padEnd(44)} +${ms(percentile(samples[name] ?? [], 50) - floor).padStart(7)}  (${(bytes / 1024).toFixed(0)} KB)`);
  }
}

interface Metafile {
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

/** The package (or source folder) an esbuild input belongs to. */
function owner(input: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
  return pkg ?? input.split('/').slice(0, 2).join('/');
}

/** One run of the built binary with a preload: Node's bootstrap, the rest, and the chunks it required. */
function commandProfile(dir: string, argv: readonly string[], env: NodeJS.ProcessEnv, meta: Metafile): string {
  const log = join(dir, 'loaded.txt');
  const timing = join(dir, 'timing.json');
  const preload = join(dir, 'preload.cjs');
  writeFileSync(
    preload,
    [
      "const { writeFileSync } = require('node:fs');",
      "process.on('exit', () => {",
      '  writeFileSync(process.env.BENCH_TIMING, JSON.stringify({ bootstrap: performance.nodeTiming.bootstrapComplete, exit: performance.now() }));',
      "  writeFileSync(process.env.BENCH_LOG, Object.keys(require.cache).join('\\n'));",
      '});',
    ].join('\n'),
  );
  execFileSync(process.execPath, ['--require', preload, bin, ...argv], { env: { ...env, BENCH_LOG: log, BENCH_TIMING: timing }, stdio: 'ignore' });
  const { bootstrap, exit } = JSON.parse(readFileSync(timing, 'utf8')) as { bootstrap: number; exit: number };
  const chunks = readFileSync(log, 'utf8').split('\n').filter((file) => file.includes('/dist/')).map((file) => `dist/${file.split('/dist/')[1]}`);
  const byOwner = new Map<string, number>();
  for (const chunk of chunks) {
    for (const [input, { bytesInOutput }] of Object.entries(meta.outputs[chunk]?.inputs ?? {})) byOwner.set(owner(input), (byOwner.get(owner(input)) ?? 0) + bytesInOutput);
  }
  const total = chunks.reduce((sum, chunk) => sum + (meta.outputs[chunk]?.bytes ?? 0), 0);
  const top = [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(0)}`);
  return `node bootstrap ${ms(bootstrap)}, retrovue ${ms(exit - bootstrap)} (one run, a preload attached); ${chunks.length} chunks, ${(total / 1024).toFixed(0)} KB: ${top.join(', ')} KB`;
}

export async function benchCliStartupBreakdown(commands: Record<string, { argv: readonly string[]; env: NodeJS.ProcessEnv }>, rounds = 11): Promise<void> {
  // Inside the repository, so the scripts resolve node_modules as the binary does (a precompiled validator requires ajv's runtime).
  mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
  const dir = mkdtempSync(join(root, 'node_modules', '.cache', 'retrovue-startup-breakdown-'));
  try {
    console.log('cli startup breakdown');
    await moduleCosts(dir, rounds);
    const meta = JSON.parse(readFileSync(join(root, 'dist/retrovue.meta.json'), 'utf8')) as Metafile;
    console.log('  per command: where its time goes and the code it loads (by package)');
    for (const [name, { argv, env }] of Object.entries(commands)) console.log(`    ${name.padEnd(36)} ${commandProfile(dir, argv, env, meta)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
