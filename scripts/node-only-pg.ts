// An esbuild plugin for bundles that run on Node alone (scripts/build.ts, bench/cli-startup-breakdown.ts): pg
// without what a start on Node never uses (the Cloudflare probe), or uses only later (crypto, dns).
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
    on.onLoad({ filter: /[\\/]pg[\\/]lib[\\/]connection-parameters\.js$/ }, ({ path }) => ({ contents: lazyDns(path, readFileSync(path, 'utf8')), loader: 'js' }));
    on.onLoad({ filter: /[\\/]pg[\\/]lib[\\/]crypto[\\/]utils\.js$/ }, ({ path }) => ({ contents: lazyCrypto(path, readFileSync(path, 'utf8')), loader: 'js' }));
    on.onLoad({ filter: /[\\/]pg[\\/]lib[\\/]stream\.js$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      const check = 'function isCloudflareRuntime() {';
      if (!source.includes(check)) throw new Error(`${path}: no ${check} to answer at build time; see scripts/build.ts`);
      return { contents: source.replace(check, `${check}\n  return false;`), loader: 'js' };
    });
  },
};

/**
 * pg's password hashing (md5, SCRAM) loads Node's crypto and its WebCrypto as pg loads: ~5 ms of every
 * database command's start, which a server that trusts the connection never uses. The module runs on first
 * use instead; its exports are functions, reached through a proxy. A pg whose module reads differently
 * fails the build.
 */
function lazyCrypto(path: string, source: string): string {
  if (!source.includes("require('crypto')") || !source.includes('module.exports = {')) {
    throw new Error(`${path}: not the crypto module scripts/node-only-pg.ts loads lazily`);
  }
  return [
    'let loaded;',
    'function load() {',
    '  if (loaded === undefined) {',
    '    const module = { exports: {} };',
    `    (function (module, exports) {\n${source}\n})(module, module.exports);`,
    '    loaded = module.exports;',
    '  }',
    '  return loaded;',
    '}',
    'module.exports = new Proxy({}, { get: (_, name) => load()[name] });',
  ].join('\n');
}

/** pg looks a host up through `dns` only for pg-native's connection string: Node's resolver loads on that call. */
function lazyDns(path: string, source: string): string {
  const eager = "const dns = require('dns')";
  if (!source.includes(eager) || (source.match(/\bdns\./g) ?? []).length !== 1 || !source.includes('dns.lookup(')) {
    throw new Error(`${path}: not the dns use scripts/node-only-pg.ts makes lazy`);
  }
  return source.replace(eager, "const dns = { lookup: (...args) => require('dns').lookup(...args) }");
}
