// An esbuild plugin for bundles that run on Node alone (scripts/build.ts, bench/cli-startup-breakdown.ts).
import { readFileSync } from 'node:fs';
import type { Plugin } from 'esbuild';

/**
 * pg asks at load time whether it runs in a Cloudflare Worker by touching the global `Response`, which on
 * Node 20 loads Node's whole built-in fetch (undici): 30 ms and more of every database command's start. The
 * bundle runs on Node alone, so that answer is fixed at build time; a pg whose check reads differently
 * fails the build rather than quietly paying again.
 */
export const nodeOnlyPg: Plugin = {
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
