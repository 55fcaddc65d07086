// The binary's vendor scripts: the libraries a start compiles most of, bundled as CommonJS scripts
// (dist/vendor-<group>-<hash>.cjs) that src/cli/script-loader.ts runs with a V8 code cache, and an esbuild
// plugin that points the bundle's imports of those packages at them. ES modules get no code cache on
// Node 20; a script does (bench/cli-startup.ts shows the difference). Three groups, so a start loads only
// what it uses, when it needs it: `cli` (Clipanion and typanion: every start parses its command line), `pg`
// (a server command loads it first and starts connecting) and `kysely` (loaded while the connection opens).
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { commonJsWrapped } from './cjs-chunks.js';
import { nodeOnlyPg } from './node-only-pg.js';

const groups = { cli: ['clipanion', 'typanion'], pg: ['pg'], kysely: ['kysely'] } as const;
type Group = keyof typeof groups;
type VendorPackage = (typeof groups)[Group][number];
const vendored = new RegExp(`^(${Object.values(groups).flat().join('|')})$`);

/** Bundles one group into `outdir`; returns the script's name, which holds a hash of its content. */
async function bundleGroup(root: string, outdir: string, group: Group): Promise<string> {
  const contents = groups[group].map((name) => (name === 'pg' ? "export { default as pg } from 'pg';" : `export * as ${name} from '${name}';`)).join('\n');
  const bundled = await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['pg-native'],
    plugins: [nodeOnlyPg],
    // Without comments and indentation a start reads, and V8 scans when it compiles a function lazily, about
    // half the source; names stay, as in the libraries' own stack traces.
    minifyWhitespace: true,
    logLevel: 'warning',
  });
  const bundle = bundled.outputFiles[0]?.text;
  if (!bundle) throw new Error(`the ${group} vendor script bundled to nothing`);
  const code = commonJsWrapped(bundle);
  const script = `vendor-${group}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.cjs`;
  writeFileSync(join(outdir, script), code);
  return script;
}

/**
 * What the bundle gets for `import … from '<name>'`: the vendor script's copy, export by export. Each export
 * is a pure call, so esbuild keeps only those the bundle imports by name (Kysely has ~300; a start that
 * defined them all spent ~2 ms on it). A namespace or dynamic import of the package keeps them all: the CLI
 * imports Kysely by name only (src/db/kysely-classes.ts), no module of it imports 'kysely' dynamically.
 */
async function shimSource(root: string, script: string, name: VendorPackage): Promise<string> {
  // A require() of a file beside the chunk: src/cli/script-loader.ts runs it, with its code cache.
  const head = `const m = require(${JSON.stringify(`./${script}`)})[${JSON.stringify(name)}];\nfunction exported(key) { return m[key]; }\n`;
  if (name === 'pg') return `${head}export default m;\n`;
  // kysely is an ES module; clipanion and typanion are CommonJS, whose namespace also has a default.
  const keys = Object.keys(name === 'kysely' ? await import('kysely') : (createRequire(join(root, 'package.json'))(name) as object));
  const named = keys.filter((key) => key !== 'default' && key !== '__esModule').map((key) => `export const ${key} = /* @__PURE__ */ exported(${JSON.stringify(key)});`);
  return `${head}${named.join('\n')}\n${name === 'kysely' ? '' : 'export default /* @__PURE__ */ exported("default");\n'}`;
}

/**
 * Writes the vendor scripts into `outdir` and returns the plugin that makes the CLI bundle use them. The
 * hash in a script's name names its content, so its code cache can never be one of another build.
 */
export async function vendorScripts(root: string, outdir: string): Promise<Plugin> {
  const shims = new Map<string, string>();
  for (const group of Object.keys(groups) as Group[]) {
    const script = await bundleGroup(root, outdir, group);
    for (const name of groups[group]) shims.set(name, await shimSource(root, script, name));
  }
  return {
    name: 'vendor-scripts',
    setup(on) {
      on.onResolve({ filter: /^\.\/vendor-[a-z]+-[0-9a-f]+\.cjs$/ }, ({ path }) => ({ path, external: true }));
      on.onResolve({ filter: vendored }, ({ path }) => ({ path, namespace: 'vendor-script' }));
      on.onLoad({ filter: /.*/, namespace: 'vendor-script' }, ({ path }) => ({ contents: shims.get(path), resolveDir: root, loader: 'js' }));
    },
  };
}
