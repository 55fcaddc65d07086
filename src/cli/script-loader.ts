// Loads the built binary's CommonJS files (dist/retrovue.cjs, its chunks and the vendor scripts of
// Clipanion, pg and Kysely; scripts/build.ts) with a V8 code cache beside each, so a start does not compile
// them every time: Node 20 keeps no compile cache of its own. bin/retrovue.js loads the entry through this
// module (dist/load.cjs); a file's `require` of another file of dist/ comes back here. Run from source
// (tests), nothing uses it.
import { closeSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { Module } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { processAlive } from '../core/process-alive.js';

type Wrapped = (exports: unknown, require: ((id: string) => unknown) & { importPackage(name: string): Promise<unknown> }, module: Module, filename: string, dirname: string) => void;

// Node's own registry: a file loaded twice is one module, and tools that read require.cache see these too.
const registry = Module as unknown as { _cache: Record<string, Module | undefined>; _nodeModulePaths(dir: string): string[] };

/**
 * The exports of `file`, a script of dist/ that the build wrote as a function of a module's CommonJS
 * arguments (Node's own wrapper, written out, so the source V8 compiles is the file as read). Its code
 * cache, `<file>.<V8 version>.cache`, is trusted only as far as V8 accepts it (V8 checks its own version,
 * flags and the source); one it rejects, or none, is (re)written atomically as the command exits. A cache
 * that cannot be read or written costs only the time it would have saved.
 */
export function loadScript(file: string): unknown {
  const known = registry._cache[file];
  if (known) return known.exports;
  const module = new Module(file);
  module.filename = file;
  module.paths = registry._nodeModulePaths(dirname(file));
  registry._cache[file] = module;
  const cacheFile = `${file}.${process.versions.v8}.cache`;
  const cachedData = readCache(cacheFile);
  const script = new Script(readFileSync(file, 'utf8'), { filename: file, cachedData });
  const run = script.runInThisContext() as Wrapped;
  const local = Object.assign((id: string): unknown => (id.startsWith('./') ? loadScript(join(dirname(file), id)) : module.require(id)), {
    // A script's import() of a package (PGlite; scripts/cjs-chunks.ts): one compiled from a code cache
    // cannot import on Node 20, this module can.
    importPackage: (name: string): Promise<unknown> => import(name),
  });
  run.call(module.exports, module.exports, local, module, file, dirname(file));
  module.loaded = true;
  const trained = trainedBy(dirname(file));
  if (cachedData === undefined || script.cachedDataRejected === true || !trained) cacheWhenTrained(cacheFile, script);
  return module.exports;
}

/**
 * The command this process runs, as far as training goes: the first two words of its command line before
 * any option ("channel list", "db migrate"; "" for --version and --help).
 */
function commandOfProcess(): string {
  const words: string[] = [];
  for (const word of process.argv.slice(2)) {
    if (word.startsWith('-') || words.length === 2) break;
    words.push(word);
  }
  return words.join(' ');
}

/** The commands whose runs have written the caches of a directory: `trained.<V8 version>.json` beside them. */
interface TrainingRecord {
  readonly file: string;
  readonly commands: string[];
  /** Whether this process adds its command to the record as its caches are written. */
  adds: boolean;
}

let record: TrainingRecord | undefined;

/** More than every command there is (75): past it, runs stop training, whatever words they were given. */
const MAX_TRAINED_COMMANDS = 200;

/**
 * Whether a run of this process's command has trained the caches of `dir` already. A cache holds what the
 * run that wrote it compiled, and a later run that uses it compiles the rest each time (a `channel list` on
 * caches a `db migrate` wrote took ~25 ms longer than on its own). So the first run of every command writes
 * the caches of every script it loaded again: each then holds what it held (the functions it brought are
 * compiled too) and this command's functions, and soon every command's that is run.
 */
function trainedBy(dir: string): boolean {
  if (record === undefined) {
    const file = join(dir, `trained.${process.versions.v8}.json`);
    let commands: string[] = [];
    try {
      const read: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (Array.isArray(read)) commands = read.filter((command): command is string => typeof command === 'string');
    } catch {
      // none yet, or unreadable: this run trains
    }
    // Bounded: a script feeding random words (`retrovue $RANDOM x`) would otherwise add one entry per run.
    record = { file, commands, adds: commands.length < MAX_TRAINED_COMMANDS && !commands.includes(commandOfProcess()) };
  }
  return !record.adds;
}

/** How long a process may run before its caches are written anyway (see cacheWhenTrained). */
const TRAINING_MS = 2000;

/** The scripts whose cache is still to be written, each with its cache file. */
const untrained: { cacheFile: string; script: Script }[] = [];

/**
 * A cache holds the functions compiled when it is made. Made as a command exits, it holds what a command
 * runs besides the scripts' own start (Clipanion's parse, pg's connection and protocol, Kysely's query
 * compiler, the handler), which every later start then need not compile. A process still running after
 * TRAINING_MS (a server) writes them then, before the garbage collector can flush the start's functions;
 * one killed sooner writes none, and the next start tries again.
 */
function cacheWhenTrained(cacheFile: string, script: Script): void {
  untrained.push({ cacheFile, script });
  if (untrained.length > 1) return;
  const writeAll = (): void => {
    clearTimeout(timer);
    process.off('exit', writeAll);
    const dir = dirname(cacheFile);
    for (const { cacheFile: file, script: compiled } of untrained.splice(0)) writeCache(file, compiled);
    const trained = record;
    if (trained?.adds === true) {
      trained.adds = false;
      writeAtomically(trained.file, () => JSON.stringify([...trained.commands, commandOfProcess()].sort()));
    }
    removeDeadScratch(dir);
  };
  const timer = setTimeout(writeAll, TRAINING_MS).unref();
  process.on('exit', writeAll);
}

function readCache(cacheFile: string): Buffer | undefined {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined; // none yet, or unreadable: compile from source
  }
}

function writeCache(cacheFile: string, script: Script): void {
  writeAtomically(cacheFile, () => script.createCachedData());
}

/** Writes what `made` makes into `file`, or nothing: a reader finds the old content or the new, never half of it. */
function writeAtomically(file: string, made: () => string | Buffer): void {
  const scratch = `${file}.${process.pid}`;
  try {
    // Opened before the content is made: where nothing can be written, V8 is spared serialising a cache.
    const fd = openSync(scratch, 'wx');
    try {
      writeFileSync(fd, made());
    } finally {
      closeSync(fd);
    }
    renameSync(scratch, file); // atomic: a concurrent start reads the old file or the new one, never half of one
  } catch {
    // A read-only installation: every start compiles, as without a cache.
    try {
      rmSync(scratch, { force: true });
    } catch {
      // nothing was written
    }
  }
}

/** Scratch files in `dir` whose writer is gone (killed mid-write); a live writer's is its own to rename. */
function removeDeadScratch(dir: string): void {
  try {
    for (const name of readdirSync(dir)) {
      const pid = /\.(?:cache|json)\.([1-9]\d*)$/.exec(name)?.[1];
      if (pid !== undefined && !processAlive(Number(pid))) rmSync(join(dir, name), { force: true });
    }
  } catch {
    // a read-only installation: nothing to sweep there
  }
}
