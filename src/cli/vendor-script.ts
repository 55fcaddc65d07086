// Runs the built binary's vendor scripts (dist/vendor-<group>-<hash>.cjs: Clipanion and typanion, Kysely and
// pg; see scripts/vendor-script.ts) with a V8 code cache beside each, so a start does not compile those
// libraries every time (Node 20 keeps no compile cache for ES modules). Only the bundle imports this module.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const loaded = new Map<string, unknown>();

/**
 * The exports of the vendor script `name` (a file beside this bundle, named by its content hash). Its code
 * cache, `<name>.<V8 version>.cache`, is trusted only as far as V8 accepts it (V8 checks its own version,
 * flags and the source); one it rejects, or none, is (re)written atomically once the script has run. A cache
 * that cannot be read or written costs only the time it would have saved.
 */
export function vendorExports(name: string): unknown {
  if (!loaded.has(name)) loaded.set(name, runVendorScript(name));
  return loaded.get(name);
}

function runVendorScript(name: string): unknown {
  const file = fileURLToPath(new URL(name, import.meta.url));
  const cacheFile = `${file}.${process.versions.v8}.cache`;
  const source = readFileSync(file, 'utf8');
  const cachedData = readCache(cacheFile);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, createRequire(file), module, file, dirname(file));
  // Right after the libraries' own start, which every command runs alike: a cache made at exit would hold
  // what the first command happened to compile, thinned by the garbage collector if that command ran long.
  if (cachedData === undefined || script.cachedDataRejected === true) writeCache(cacheFile, script);
  return module.exports;
}

function readCache(cacheFile: string): Buffer | undefined {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined; // none yet, or unreadable: compile from source
  }
}

function writeCache(cacheFile: string, script: Script): void {
  const scratch = `${cacheFile}.${process.pid}`;
  try {
    writeFileSync(scratch, script.createCachedData());
    renameSync(scratch, cacheFile); // atomic: a concurrent start reads the old cache or the new one, never half of one
  } catch {
    // A read-only installation: every start compiles, as without a cache.
    try {
      rmSync(scratch, { force: true });
    } catch {
      // nothing was written
    }
  }
}
