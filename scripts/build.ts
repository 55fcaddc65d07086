// Builds the `retrovue` binary and the AIR playout engine: type-checks, then bundles src/cli/main.ts and
// src/air/main.ts. The CLI is one entry chunk (Clipanion and the command classes: all that --version and
// --help need) plus chunks split at every dynamic import(), so a command loads its executor, database
// driver, handler and output validator only when it runs (bundling instead of hundreds of modules cut a
// start from ~260 ms to ~130 ms, splitting to ~80; see bench/cli-startup.ts), all turned into CommonJS
// (dist/retrovue-<hash>.cjs and dist/chunk-*.cjs: scripts/cjs-chunks.ts says why) that dist/load.cjs runs with
// a V8 code cache each (src/cli/script-loader.ts). The engine bundles only Node
// built-ins and its own code, so a channel's tune-in does not pay for the CLI's dependencies. PGlite stays
// external (it loads its wasm and data files from beside its own module), and so do pino and pino-pretty,
// required on a command's first log line. Clipanion with typanion, pg, and Kysely are not chunks but
// three CommonJS vendor scripts, loaded the same way (scripts/vendor-script.ts). Beside the bundle:
// dist/help.json (the --help listing, rendered here) and dist/retrovue.meta.json (esbuild's chunk graph,
// which tests/cli/startup-modules.test.ts checks).
import { execFileSync } from 'node:child_process';
import { basename, dirname, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { nodeOnlyPg } from './node-only-pg.js';
import { commonJsChunk } from './cjs-chunks.js';
import { vendorScripts } from './vendor-script.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `retrovue --help` as the CLI renders it (from the sources just bundled), for a terminal of `colorDepth`. */
async function renderHelp(colorDepth: number): Promise<string> {
  const { runCli } = await import('../src/cli/run-cli.js');
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const exitCode = await runCli(['--help'], { stdin: new PassThrough(), stdout, stderr: process.stderr, env: {}, colorDepth, interactive: false });
  if (exitCode !== 0) throw new Error(`retrovue --help exited ${exitCode} while the build rendered it`);
  return Buffer.concat(chunks).toString('utf8');
}

if (!process.argv.includes('--no-typecheck')) {
  execFileSync(process.execPath, [resolve(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', resolve(root, 'tsconfig.json')], {
    stdio: 'inherit',
  });
}
rmSync(resolve(root, 'dist'), { recursive: true, force: true });
mkdirSync(resolve(root, 'dist'));
const cli = await build({
  entryPoints: { retrovue: resolve(root, 'src/cli/main.ts') },
  outdir: resolve(root, 'dist'),
  // ES chunks named as the CommonJS files they become (scripts/cjs-chunks.ts), so their imports name those.
  outExtension: { '.js': '.cjs' },
  // Every file src/cli/script-loader.ts keeps a code cache of is named by its content, so no cache left
  // beside it can be one of another build (V8 checks only a source's length).
  entryNames: '[name]-[hash]',
  write: false,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  metafile: true,
  absWorkingDir: root, // metafile paths relative to the repository (tests/cli/startup-modules.test.ts reads them)
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // pino and pino-pretty load from node_modules on a command's first log line (src/core/logger.ts).
  external: ['@electric-sql/pglite', 'pg-native', 'pino', 'pino-pretty'],
  // Clipanion, typanion, Kysely and pg come from the vendor scripts (scripts/vendor-script.ts), which a code
  // cache spares compiling. Bundled CommonJS dependencies still call require().
  plugins: [await vendorScripts(root, resolve(root, 'dist')), nodeOnlyPg],
  logLevel: 'warning',
});
for (const file of cli.outputFiles) writeFileSync(file.path, await commonJsChunk(file));
const entry = Object.entries(cli.metafile.outputs).find(([, output]) => output.entryPoint === 'src/cli/main.ts')?.[0];
if (entry === undefined) throw new Error('the CLI build has no entry chunk');
// What bin/retrovue.js requires: runs the entry, and every file it requires, with their code caches (and
// loadScript itself, for bench/cli-startup-breakdown.ts).
await build({
  stdin: {
    contents: `import { loadScript } from './src/cli/script-loader.ts';\nexport { loadScript };\nexport const runRetrovue = () => loadScript(__dirname + ${JSON.stringify(`/${basename(entry)}`)});\n`,
    resolveDir: root,
    loader: 'ts',
  },
  outfile: resolve(root, 'dist/load.cjs'),
  supported: { 'dynamic-import': true }, // a true import() of a package, for the scripts (see script-loader.ts)
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
});
await build({
  entryPoints: [resolve(root, 'src/air/main.ts')],
  outfile: resolve(root, 'dist/air.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
writeFileSync(resolve(root, 'dist/retrovue.meta.json'), JSON.stringify(cli.metafile));
writeFileSync(resolve(root, 'dist/help.json'), JSON.stringify({ plain: await renderHelp(1), colour: await renderHelp(256) }));
console.log(`build: ${entry}, dist/air.mjs`);
