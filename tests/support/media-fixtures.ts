// Media libraries shaped for one test (copies of demo-library files under chosen names, or literal
// bytes), and the built binary run as a separate process against a fixture's database, as an operator's
// shell would run it (Ctrl-C included).
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { migrateToLatest } from '../../src/db/migrations.js';
import { migrationsFingerprint } from '../../src/db/throwaway-database.js';
import { type Database, openDatabase } from '../../src/db/open-database.js';
import { demoLibrary } from './catalog.js';
import { binPath, type CliRun, cliProcess, json } from './cli.js';
import { processesMentioning } from './processes.js';
import { type DatabaseFixture, testCacheDir } from './test-databases.js';

export interface Library {
  readonly root: string;
  /** Absolute path of a file of the library. */
  at(relativePath: string): string;
  cleanup(): void;
}

/** A demo-library file to copy (its path relative to the demo root), or the bytes of the file. */
export type LibraryFile = { demo: string } | { bytes: string | Buffer };

/**
 * A fresh library directory (world-readable, so a test may read it as another user) holding `files`.
 * @example
 * const lib = await libraryOf({ 'Shows/Show - S01E01.mp4': { demo: 'Bumpers/Test Card.mp4' } });
 */
export async function libraryOf(files: Readonly<Record<string, LibraryFile>>): Promise<Library> {
  const { root: demoRoot } = await demoLibrary();
  const dir = mkdtempSync(join(tmpdir(), 'retrovue-media-'));
  chmodSync(dir, 0o755);
  const root = join(dir, 'lib');
  mkdirSync(root);
  const at = (relativePath: string) => join(root, ...relativePath.split('/'));
  for (const [path, file] of Object.entries(files)) {
    mkdirSync(dirname(at(path)), { recursive: true });
    if ('demo' in file) copyFileSync(join(demoRoot, file.demo), at(path));
    else writeFileSync(at(path), file.bytes);
  }
  return { root, at, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A collection `Clips` of `count` small, valid clips (the three demo bumpers, repeated), named clip-000…. */
export async function clipLibrary(count: number): Promise<Library & { readonly demoOf: (relativePath: string) => string }> {
  const clips = ['Bumpers/Test Card.mp4', 'Bumpers/Up Next.mov', 'Bumpers/Station ID - Evening.mp4'];
  const files: Record<string, LibraryFile> = {};
  for (let i = 0; i < count; i++) {
    const demo = clips[i % clips.length] as string;
    files[`Clips/clip-${String(i).padStart(3, '0')}${demo.slice(demo.lastIndexOf('.'))}`] = { demo };
  }
  const library = await libraryOf(files);
  const demoOf = (relativePath: string) => {
    const file = files[relativePath] ?? files[`Clips/${relativePath}`];
    assert.ok(file && 'demo' in file, `${relativePath} is no clip of this library`);
    return file.demo;
  };
  return { ...library, demoOf };
}

/** Environment for the built binary to use the fixture's database (PGlite: its own data dir under `home`). */
export function binaryEnv(fx: DatabaseFixture, home: string): Record<string, string | undefined> {
  const config = fx.database.config;
  return config.dialect === 'postgres'
    ? { RETROVUE_HOME: home, RETROVUE_DATABASE_URL: config.url }
    : { RETROVUE_HOME: home, RETROVUE_DATABASE_URL: undefined };
}

/**
 * An embedded data directory at `dataDir`, migrated, copied from one made once per run: initdb costs
 * seconds, a copy a fraction of one. (A first-ever open is the subject of its own tests; here the binary
 * only needs a database to work on.)
 */
export async function migratedDataDir(dataDir: string): Promise<void> {
  const template = join(testCacheDir, `pglite-datadir-${migrationsFingerprint()}`);
  if (!existsSync(template)) {
    mkdirSync(testCacheDir, { recursive: true });
    const scratch = `${template}.${process.pid}`;
    rmSync(scratch, { recursive: true, force: true });
    const made = await openDatabase({ dialect: 'pglite', dataDir: scratch });
    try {
      await migrateToLatest(made.db);
    } finally {
      await made.close();
    }
    try {
      renameSync(scratch, template);
    } catch {
      rmSync(scratch, { recursive: true, force: true }); // another test process made it first
    }
  }
  cpSync(template, dataDir, { recursive: true });
}

/**
 * The database the binary uses: the fixture's own on Postgres; on PGlite the binary's data dir under
 * `home` (a migrated copy if there is none yet), opened only while no child holds it, and closed after `use`.
 */
export async function withBinaryDatabase<T>(fx: DatabaseFixture, home: string, use: (database: Database) => Promise<T>): Promise<T> {
  if (fx.database.config.dialect === 'postgres') return use(fx.database);
  return withEmbeddedDatabase(home, use);
}

/** The binary's embedded database under `home` (what it uses with no RETROVUE_DATABASE_URL), as withBinaryDatabase opens it. */
export async function withEmbeddedDatabase<T>(home: string, use: (database: Database) => Promise<T>): Promise<T> {
  const dataDir = join(home, 'db');
  if (!existsSync(dataDir)) await migratedDataDir(dataDir);
  const database = await openDatabase({ dialect: 'pglite', dataDir });
  try {
    return await use(database);
  } finally {
    await database.close();
  }
}

/** Runs the binary, failing the test unless it exits 0; returns its --json document. */
export async function binaryOk(argv: readonly string[], env: Record<string, string | undefined>): Promise<Record<string, unknown>> {
  const run = await cliProcess([...argv, '--json'], env);
  assert.equal(run.exitCode, 0, `${argv.join(' ')}: ${run.stderr}`);
  return json(run);
}

/**
 * Starts `argv` with the binary in its own process group, waits until its stderr shows `ready` (a debug
 * log line), then presses Ctrl-C: SIGINT to the whole group, as a terminal delivers it (the ffprobe
 * children included).
 */
export async function interruptBinary(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  ready: RegExp,
  hooks: {
    /** Runs alongside the process until it ends. */
    readonly whileRunning?: ((state: { readonly interrupted: () => boolean; readonly running: () => boolean }) => Promise<void>) | undefined;
    /** Awaited after `ready`, before the interrupt. */
    readonly beforeInterrupt?: (() => Promise<void>) | undefined;
  } = {},
): Promise<CliRun> {
  const childEnv: Record<string, string | undefined> = { ...process.env, RETROVUE_HOLDER: 'off', ...env, RETROVUE_LOG_LEVEL: 'debug' };
  delete childEnv['NODE_TEST_CONTEXT'];
  const child = execa(process.execPath, [binPath, ...argv], {
    env: childEnv,
    extendEnv: false,
    reject: false,
    detached: true,
    stdin: 'ignore',
    stripFinalNewline: false,
  });
  let sent = false;
  let seen = '';
  let ended = false;
  void child.finally(() => {
    ended = true;
  });
  const readyOrExit = new Promise<void>((resolve) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (ready.test(seen)) resolve();
    });
    void child.finally(() => resolve());
  });
  const side = hooks.whileRunning?.({ interrupted: () => sent, running: () => !ended });
  try {
    await readyOrExit;
    assert.equal(child.exitCode, null, `the process ended before it could be interrupted: ${seen}`);
    await hooks.beforeInterrupt?.();
    assert.equal(child.exitCode, null, `the process ended before it could be interrupted: ${seen}`);
    assert.ok(child.pid !== undefined);
    sent = true; // first, so whatever `whileRunning` sees as not yet interrupted really was
    process.kill(-child.pid, 'SIGINT');
    const result = await child;
    await side;
    return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
  } finally {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await child;
    await side?.catch(() => {}); // on the failure path only; its error would hide the first one
  }
}

/**
 * Starts `argv` with the binary, waits until an ffmpeg whose command line mentions `mark` (the test's
 * RETROVUE_HOME) runs, then SIGKILLs the binary alone, as `kill -9` or the OOM killer would: no signal
 * reaches its children from outside. Resolves with the pids of those ffmpeg at the moment of the kill.
 */
export async function killBinaryWhileFfmpegRuns(argv: readonly string[], env: Record<string, string | undefined>, mark: string, withinMs = 120_000): Promise<number[]> {
  const childEnv: Record<string, string | undefined> = { ...process.env, RETROVUE_HOLDER: 'off', RETROVUE_LOG_LEVEL: 'silent', ...env };
  delete childEnv['NODE_TEST_CONTEXT'];
  const child = execa(process.execPath, [binPath, ...argv], { env: childEnv, extendEnv: false, reject: false, stdin: 'ignore', cleanup: false });
  const running = () => child.exitCode === null && child.signalCode === null;
  try {
    const deadline = performance.now() + withinMs;
    while (running() && performance.now() < deadline) {
      const ffmpeg = processesMentioning('ffmpeg', mark);
      if (ffmpeg.length > 0) {
        child.kill('SIGKILL');
        await child;
        return ffmpeg;
      }
      await sleep(25);
    }
    const how = running() ? 'it still runs' : `it exited ${child.exitCode}: ${String((await child).stderr)}`;
    return assert.fail(`no ffmpeg under ${mark} ran within ${withinMs} ms of retrovue ${argv.join(' ')} (${how})`);
  } finally {
    if (running()) child.kill('SIGKILL');
    await child;
  }
}
