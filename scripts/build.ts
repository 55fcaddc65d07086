// Builds the `retrovue` binary and the AIR playout engine: type-checks, then bundles src/cli/main.ts and
// src/air/main.ts into one ESM file each. One file instead of hundreds of modules cuts a command's start
// from ~260 ms to ~130 ms (see bench/); the engine bundles only Node built-ins and its own code, so a
// channel's tune-in does not pay for the CLI's dependencies. PGlite stays external: it loads its wasm and
// data files from beside its own module.
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build, type Plugin } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * pg asks at load time whether it runs in a Cloudflare Worker by touching the global `Response`, which on
 * Node 20 loads Node's whole built-in fetch (undici): 30 ms and more of every database command's start. The
 * bundle runs on Node alone, so that answer is fixed at build time; a pg whose check reads differently
 * fails the build rather than quietly paying again.
 */
const nodeOnlyPg: Plugin = {
  name: 'node-only-pg',
  setup(on) {
    on.onLoad({ filter: /[\\/]pg[\\/]lib[\\/]stream\.js$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      const check = 'function isCloudflareRuntime() {';
      if (!source.includes(check)) throw new Error(`${path}: no ${check} to answer at build time; see scripts/build.ts`);
      return { contents: source.replace(check, `${check}\n  return false;`), loader: 'js' };
    });
  },
};
if (!process.argv.includes('--no-typecheck')) {
  execFileSync(process.execPath, [resolve(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', resolve(root, 'tsconfig.json')], {
    stdio: 'inherit',
  });
}
rmSync(resolve(root, 'dist'), { recursive: true, force: true });
const cli = await build({
  entryPoints: { retrovue: resolve(root, 'src/cli/main.ts') },
  outdir: resolve(root, 'dist'),
  outExtension: { '.js': '.mjs' },
  splitting: true,
  chunkNames: 'chunk-[hash]',
  metafile: true,
  absWorkingDir: root, // metafile paths relative to the repository (tests/cli/startup-modules.test.ts reads them)
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // pino and pino-pretty load from node_modules on a command's first log line (src/core/logger.ts).
  external: ['@electric-sql/pglite', 'pg-native', 'pino', 'pino-pretty'],
  // Bundled CommonJS dependencies (pg) still call require().
  plugins: [nodeOnlyPg],
  banner: { js: "import { createRequire as __retrovueRequire } from 'node:module'; const require = __retrovueRequire(import.meta.url);" },
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
console.log('build: dist/retrovue.mjs, dist/air.mjs');
