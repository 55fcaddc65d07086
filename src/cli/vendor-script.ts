// Runs the built binary's vendor scripts (dist/vendor-<group>-<hash>.cjs: Clipanion and typanion, pg,
// Kysely; see scripts/vendor-script.ts) with a V8 code cache beside each, so a start does not compile those
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
 * flags and the source); one it rejects, or none, is (re)written atomically as the command exits. A cache
 * that cannot be read or written costs only the time it would have saved.
 */
export function vendorExports(name: string): unknown {
  if (!loaded.has(name)) loaded.set(name, runVendorScript(name));
  return loaded.get(name);
}

function runVendorScript(name: string): unknown {
  const file = fileURLToPath(new URL(name, import.meta.url));
  const cacheFile = `${file}.${process.versions.v8}.cache`;
  // The build wrote it ASCII-only and wrapped as a function of a module's CommonJS arguments: read as latin1,
  // it becomes V8's source as it is (no UTF-8 decoding, no wrapped copy).
  const source = readFileSync(file, 'latin1');
  const cachedData = readCache(cacheFile);
  const script = new Script(source, { filename: file, cachedData });
  const module = { exports: {} };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, createRequire(file), module, file, dirname(file));
  if (cachedData === undefined || script.cachedDataRejected === true) cacheWhenTrained(cacheFile, script);
  return module.exports;
}

/** How long a process may run before its cache is written anyway (see cacheWhenTrained). */
const TRAINING_MS = 2000;

/**
 * A cache holds the functions compiled when it is made. Made as a command exits, it holds what a command
 * runs besides the libraries' own start (Clipanion's parse, pg's connection and protocol, Kysely's query
 * compiler), which every later start then need not compile: ~10 ms of `channel list` on a server. A process
 * still running after TRAINING_MS (a server) writes it then, before the garbage collector can flush the
 * start's functions; one killed sooner writes none, and the next start tries again.
 */
function cacheWhenTrained(cacheFile: string, script: Script): void {
  const write = (): void => {
    clearTimeout(timer);
    process.off('exit', write);
    writeCache(cacheFile, script);
  };
  const timer = setTimeout(write, TRAINING_MS).unref();
  process.on('exit', write);
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
