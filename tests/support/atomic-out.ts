// The `--out FILE` rule shared by the export commands (epg export, channel export): the file is replaced
// atomically (a reader of the old file keeps it whole) and a failed write leaves no partial file.
import assert from 'node:assert/strict';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/db/open-database.js';
import { cli } from './cli.js';
import type { Clock } from '../../src/core/clock.js';

/** Runs `argv --out <dir>/<fileName>` over an old file that is being read, then onto an unreplaceable target. */
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
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
