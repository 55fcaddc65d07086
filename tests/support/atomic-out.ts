// The `--out FILE` rule shared by the export commands (epg export, channel export): the file is replaced
// atomically (a reader of the old file keeps it whole) and a failed write leaves no partial file.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/db/open-database.js';
import { cli } from './cli.js';
import type { Clock } from '../../src/core/clock.js';

/** Runs `argv --out <dir>/<fileName>` over an old file that is being read, then onto an unreplaceable target, a symlink and a FIFO. */
export async function assertOutReplacedAtomically(database: Database, argv: readonly string[], fileName: string, clock: Clock): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'retrovue-out-'));
  try {
    const out = join(dir, fileName);
    const old = `the previous ${fileName}, still being read\n`.repeat(100);
    writeFileSync(out, old);
    const reader = openSync(out, 'r');
    const oldInode = statSync(out).ino;
    const run = await cli([...argv, '--out', out], { database, clock });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.notEqual(statSync(out).ino, oldInode, 'renamed over, not rewritten in place');
    const held = Buffer.alloc(old.length + 10);
    assert.equal(held.toString('utf8', 0, readSync(reader, held, 0, held.length, 0)), old);
    closeSync(reader);
    assert.ok(readFileSync(out, 'utf8').includes('retro1'));
    // A target that cannot be replaced (a non-empty directory): exit 1, the directory as it was, no partial file.
    const blocked = join(dir, 'blocked');
    mkdirSync(blocked);
    writeFileSync(join(blocked, 'keep'), 'x');
    const failed = await cli([...argv, '--out', blocked], { database, clock });
    assert.equal(failed.exitCode, 1);
    assert.match(failed.stderr, /^retrovue: error: cannot write .*blocked: .*\n$/);
    assert.deepEqual(readdirSync(blocked), ['keep']);
    assert.deepEqual(readdirSync(dir).sort(), ['blocked', fileName]);
    await assertOutIntoLinksAndPipes(database, argv, dir, clock);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A symlink's target is replaced (the link stays a link); a FIFO (as /dev/stdout or a device) is written into, never replaced by a file. */
async function assertOutIntoLinksAndPipes(database: Database, argv: readonly string[], dir: string, clock: Clock): Promise<void> {
  const real = join(dir, 'real.out');
  writeFileSync(real, 'old');
  const link = join(dir, 'link.out');
  symlinkSync(real, link);
  assert.equal((await cli([...argv, '--out', link], { database, clock })).exitCode, 0);
  assert.ok(lstatSync(link).isSymbolicLink(), 'the link was replaced by a file');
  assert.ok(readFileSync(real, 'utf8').includes('retro1'), 'the link\'s target was not written');
  const fifo = join(dir, 'pipe.out');
  execFileSync('mkfifo', [fifo]);
  const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
  const chunks: Buffer[] = [];
  reader.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const read = new Promise<void>((resolve) => reader.on('close', () => resolve()));
  try {
    const run = await cli([...argv, '--out', fifo], { database, clock });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.ok(lstatSync(fifo).isFIFO(), 'the FIFO was replaced by a file');
    await read;
    assert.ok(Buffer.concat(chunks).toString('utf8').includes('retro1'), 'nothing came through the FIFO');
  } finally {
    reader.kill('SIGKILL');
  }
}
