// The pid lock that keeps two processes out of one embedded data directory.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { lockDataDir } from '../../src/db/data-dir-lock.js';
import { RetroVueError } from '../../src/core/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'retrovue-lock-unit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a held lock refuses a second holder, naming the process; release frees it', () => {
  const dataDir = join(dir, 'a');
  writeFileSync(`${dataDir}.lock`, `${process.ppid}\n`); // a live process that is not us
  assert.throws(
    () => lockDataDir(dataDir),
    (error: unknown) => error instanceof RetroVueError && error.code === 'database_locked' && error.message.includes(`process ${process.ppid}`),
  );
  rmSync(`${dataDir}.lock`);
  const lock = lockDataDir(dataDir);
  assert.equal(readFileSync(`${dataDir}.lock`, 'utf8').trim(), String(process.pid));
  assert.throws(() => lockDataDir(dataDir), /already open in this process/);
  lock.release();
  assert.equal(existsSync(`${dataDir}.lock`), false);
});

test('a stale lock left by a dead process is taken over', () => {
  const dataDir = join(dir, 'b');
  writeFileSync(`${dataDir}.lock`, '999999999\n');
  const lock = lockDataDir(dataDir);
  assert.equal(readFileSync(`${dataDir}.lock`, 'utf8').trim(), String(process.pid));
  lock.release();
});
