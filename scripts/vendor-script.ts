// The binary's vendor script: Kysely and pg bundled as one CommonJS script (dist/vendor-<hash>.cjs) that
// src/cli/vendor-script.ts runs with a V8 code cache, and an esbuild plugin that points the bundle's
// imports of `kysely` and `pg` at it. ES modules get no code cache on Node 20; a script does, and these two
// libraries are most of what a database command compiles (bench/cli-startup.ts shows the difference).
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { nodeOnlyPg } from './node-only-pg.js';

/** The packages the vendor script holds, each with how the bundle's shim re-exports it. */
const packages = ['kysely', 'pg'] as const;

async function shimSource(loader: string, script: string, name: (typeof packages)[number]): Promise<string> {
  const head = `import { vendorExports } from ${JSON.stringify(loader)};\nconst m = vendorExports(${JSON.stringify(script)})[${JSON.stringify(name)}];\n`;
  if (name === 'pg') return `${head}export default m;\n`;
  const names = Object.keys(await import('kysely')).filter((key) => key !== 'default');
  return `${head}${names.map((key) => `export const ${key} = m.${key};`).join('\n')}\n`;
}

/**
 * Writes dist/vendor-<hash>.cjs into `outdir` and returns the plugin that makes the CLI bundle use it. The
 * hash names the script's content, so its code cache can never be one of another build.
 */
export async function vendorScript(root: string, outdir: string): Promise<Plugin> {
  const bundled = await build({
    stdin: { contents: "export * as kysely from 'kysely';\nexport { default as pg } from 'pg';\n", resolveDir: root, loader: 'ts' },
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['pg-native'],
    plugins: [nodeOnlyPg],
    logLevel: 'warning',
  });
  const code = bundled.outputFiles[0]?.contents;
  if (!code) throw new Error('the vendor script bundled to nothing');
  const script = `vendor-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.cjs`;
  writeFileSync(join(outdir, script), code);
  const loader = join(root, 'src/cli/vendor-script.ts');
  const shims = Object.fromEntries(await Promise.all(packages.map(async (name) => [name, await shimSource(loader, script, name)] as const)));
  return {
    name: 'vendor-script',
    setup(on) {
      on.onResolve({ filter: /^(kysely|pg)$/ }, ({ path }) => ({ path, namespace: 'vendor-script' }));
      on.onLoad({ filter: /.*/, namespace: 'vendor-script' }, ({ path }) => ({ contents: shims[path], resolveDir: root, loader: 'js' }));
    },
  };
}
