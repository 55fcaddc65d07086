// The one launcher (src/core/processes.ts): how a program is started so that it dies with RetroVue, and
// that nothing in src/ starts a program another way.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { withoutRootPrivileges } from '../support/privileges.js';
import { processAlive } from '../../src/core/process-alive.js';
import { parentDeathSignalAvailable, runTied, tiedCommand } from '../../src/core/processes.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []);
}

describe('the one launcher', () => {
  it('wraps a program found on the PATH in setpriv --pdeathsig KILL, by its absolute path', () => {
    assert.equal(parentDeathSignalAvailable(), true, 'this machine has setpriv --pdeathsig');
    const tied = tiedCommand('ffmpeg', ['-version'], { PATH: '/nowhere:/usr/bin' }, root);
    assert.match(tied.file, /\/setpriv$/);
    assert.deepEqual(tied.args.slice(0, 6), ['--pdeathsig', 'KILL', '--', '/bin/sh', '-p', '-c']);
    assert.deepEqual(tied.args.slice(7), [String(process.pid), '/usr/bin/ffmpeg', '-version']);
  });

  it('a child whose parent died before the signal was armed (reparented) does not start the program', async () => {
    // The same command line with a parent pid that is not the child's: what a child forked just before its
    // parent's SIGKILL sees once it is reparented.
    const tied = tiedCommand('sh', ['-c', 'echo started'], process.env, root, 4_999_999);
    const orphan = await execa(tied.file, tied.args, { reject: false, stdin: 'ignore' });
    assert.equal(orphan.stdout, '');
    assert.equal(orphan.exitCode, 137);
    const own = tiedCommand('sh', ['-c', 'echo started'], process.env, root);
    assert.equal((await execa(own.file, own.args, { reject: false, stdin: 'ignore' })).stdout, 'started');
  });

  it('starts a program it cannot find bare, so the caller sees the spawn ENOENT, not setpriv exit 127', async () => {
    assert.deepEqual(tiedCommand('ffmpeg', ['-version'], { PATH: '/nowhere' }, root), { file: 'ffmpeg', args: ['-version'] });
    assert.deepEqual(tiedCommand('./README.md', [], {}, root), { file: './README.md', args: [] }, 'not executable');
    const result = await runTied('ffmpeg', ['-version'], { reject: false, env: { PATH: '/nowhere' }, stdin: 'ignore' });
    assert.equal(result.code, 'ENOENT');
  });

  it('a tied child runs as the program itself (setpriv execs it): same pid, the program\'s output', async () => {
    const child = runTied('sh', ['-c', 'echo $$; grep PPid /proc/$$/status'], { reject: false, stdin: 'ignore' });
    const result = await child;
    assert.equal(result.exitCode, 0, result.stderr);
    const [pid, ppid] = result.stdout.split('\n');
    assert.equal(Number(pid), child.pid);
    assert.equal(ppid, `PPid:\t${process.pid}`);
  });

  it('a tied child keeps the effective user that started it (an unprivileged one stays unprivileged)', async () => {
    // As root the test drops to nobody (65534) for the call; as anyone else it stays who it is.
    const expected = process.getuid?.() === 0 ? '65534' : String(process.geteuid?.());
    const result = await withoutRootPrivileges(() => runTied('id', ['-u'], { reject: false, stdin: 'ignore' }));
    assert.equal(result.stdout, expected);
  });

  it('a spawnTied child that writes to no pipe dies when its parent is SIGKILLed', async () => {
    // A parent that starts `sleep` (no pipe to break) through spawnTied, says its pid, then waits.
    const script = `import { spawnTied } from ${JSON.stringify(join(root, 'src/core/processes.ts'))};
      const child = spawnTied('sleep', ['60'], { stdio: 'ignore' });
      console.log(child.pid);
      setInterval(() => {}, 1000);`;
    const parent = execa(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { reject: false, cwd: root, env: { NODE_TEST_CONTEXT: undefined } });
    const pid = await new Promise<number>((resolve, reject) => {
      parent.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      void parent.then((r) => reject(new Error(`the parent exited first: ${r.stderr}`)));
    });
    try {
      // The program itself runs under that pid once setpriv and the orphan check have exec'd it.
      for (let i = 0; i < 100 && !readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('/usr/bin/sleep'); i++) await new Promise((r) => setTimeout(r, 20));
      parent.kill('SIGKILL');
      await parent;
      for (let i = 0; i < 100 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(processAlive(pid), false, 'sleep outlived its SIGKILLed parent');
    } finally {
      if (processAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  });

  it('processAlive: this process yes, a pid above any Linux hands out no', () => {
    assert.equal(processAlive(process.pid), true);
    assert.equal(processAlive(4_999_999), false);
  });

  it('processAlive: another user\'s process counts as running (EPERM), asked by a process that may not signal it', { skip: process.getuid?.() !== 0 && 'needs root to run a child as nobody' }, () => {
    const module = pathToFileURL(join(root, 'src', 'core', 'process-alive.ts')).href;
    const asNobody = spawnSync(process.execPath, ['--import', 'tsx', '-e', `import(${JSON.stringify(module)}).then((m) => console.log(JSON.stringify([m.processAlive(1), m.processAlive(4_999_999)])))`], { uid: 65534, gid: 65534, cwd: root, env: { ...process.env, TMPDIR: '/tmp' }, encoding: 'utf8' });
    assert.equal(asNobody.status, 0, asNobody.stderr);
    assert.equal(asNobody.stdout.trim(), '[true,false]', 'pid 1 is root\'s: nobody gets EPERM, and it runs');
  });

  it('nothing in src/ starts a program except through it (the detached database holder and the flock excepted)', () => {
    const allowed = ['src/core/processes.ts', 'src/db/data-dir-lock.ts', 'src/db/holder-client.ts'];
    const starters = sourceFiles(join(root, 'src'))
      .filter((file) => /from 'execa'|import \{[^}]*\b(spawn|spawnSync|exec|execSync|execFile|execFileSync|fork)\b[^}]*\} from 'node:child_process'/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    assert.deepEqual(starters.sort(), allowed);
  });
});
