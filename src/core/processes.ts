// The one way RetroVue starts an external program (ffmpeg, ffprobe, the engine), so that none outlives it:
// through util-linux `setpriv --pdeathsig KILL`, the kernel kills the child the moment its parent dies,
// SIGKILL included. Also whether a pid still runs. The exceptions are deliberate and few: the database
// holder is detached to outlive its command, and the lock's flock runs synchronously for milliseconds.
import {
  execFileSync, spawn, type ChildProcess, type ChildProcessByStdio, type SpawnOptions, type SpawnOptionsWithStdioTuple, type StdioNull, type StdioPipe,
} from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { execa, type Options as ExecaOptions } from 'execa';

let setprivPath: string | null | undefined;

/** A setpriv that supports --pdeathsig (util-linux ≥ 2.33), looked for once per process; null without one. */
function setpriv(): string | null {
  if (setprivPath !== undefined) return setprivPath;
  setprivPath = null;
  for (const candidate of ['/usr/bin/setpriv', '/bin/setpriv']) {
    try {
      execFileSync(candidate, ['--pdeathsig', 'KILL', '--', 'true'], { stdio: 'ignore', timeout: 2000 });
      setprivPath = candidate;
      break;
    } catch {
      // absent or too old: try the next, else children go unguarded (parentDeathSignalAvailable says so)
    }
  }
  return setprivPath;
}

/** Whether children started here die with this process even when it is SIGKILLed. */
export function parentDeathSignalAvailable(): boolean {
  return setpriv() !== null;
}

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The executable `program` names as the child's exec would find it (a path, or a name looked up on the
 * child's PATH), or undefined when there is none. Only a program found is wrapped: one that is missing or
 * not executable is started bare, so the caller sees the spawn's own ENOENT or EACCES, not setpriv's exit 127.
 */
function executable(program: string, env: Environment, cwd: string): string | undefined {
  const candidates = program.includes('/')
    ? [isAbsolute(program) ? program : resolve(cwd, program)]
    : (env['PATH'] ?? '').split(delimiter).filter((dir) => dir !== '').map((dir) => resolve(cwd, join(dir, program)));
  return candidates.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return statSync(path).isFile();
    } catch {
      return false;
    }
  });
}

/**
 * The command line that runs `program args` tied to this process's life.
 * @example tiedCommand('ffmpeg', ['-version'], process.env, process.cwd()) // setpriv --pdeathsig KILL -- /bin/sh -c <orphan check> <pid> /usr/bin/ffmpeg -version
 */
export function tiedCommand(program: string, args: readonly string[], env: Environment, cwd: string, parentPid = process.pid): { file: string; args: string[] } {
  const guard = setpriv();
  const found = guard === null ? undefined : executable(program, env, cwd);
  if (guard === null || found === undefined) return { file: program, args: [...args] };
  return { file: guard, args: ['--pdeathsig', 'KILL', '--', '/bin/sh', '-p', '-c', orphanCheck, String(parentPid), found, ...args] };
}

/**
 * Run by sh between setpriv and the program: a parent that died after the fork but before setpriv armed the
 * signal left the child reparented, and nothing would ever kill it, so it must not start the program. After
 * the check the signal is armed, and `exec` keeps it (and the pid) for the program itself. `-p` keeps the
 * effective user: dash would otherwise reset it to the real one, and run a program as root that an
 * unprivileged effective user started.
 */
const orphanCheck = '[ "$PPID" = "$0" ] && exec "$@"; exit 137';

/**
 * Starts a long-running program with Node's spawn (streams, no buffering), tied to this process's life.
 * @example const child = spawnTied('ffmpeg', args, { stdio: ['ignore', 'pipe', 'pipe'] });
 */
export function spawnTied(program: string, args: readonly string[], options: SpawnOptionsWithStdioTuple<StdioNull, StdioPipe, StdioPipe>): ChildProcessByStdio<null, Readable, Readable>;
export function spawnTied(program: string, args: readonly string[], options: SpawnOptions): ChildProcess;
export function spawnTied(program: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const { file, args: argv } = tiedCommand(program, args, options.env ?? process.env, cwdOf(options.cwd));
  return spawn(file, argv, options);
}

/**
 * Runs a program to completion with execa, tied to this process's life; execa's options and result as is.
 * @example const result = await runTied('ffprobe', ['-version'], { reject: false, stdin: 'ignore' });
 */
export function runTied<O extends ExecaOptions>(program: string, args: readonly string[], options: O) {
  const env: Environment = options.extendEnv === false ? options.env ?? {} : { ...process.env, ...options.env };
  const { file, args: argv } = tiedCommand(program, args, env, cwdOf(options.cwd));
  return execa(file, argv, options);
}

function cwdOf(cwd: string | URL | undefined): string {
  return cwd === undefined ? process.cwd() : resolve(process.cwd(), typeof cwd === 'string' ? cwd : fileURLToPath(cwd));
}
