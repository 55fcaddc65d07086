// Issue 15: the one rule of which file a segment plays (src/catalog/playable-file.ts), on real files: the
// rendition only while it is made for the plan's profile, from the source file as it is now, and itself a
// readable non-empty file; else the source while it is one; else nothing, with the reason.
import assert from 'node:assert/strict';
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileProblem, playableFile, statFile } from '../../src/catalog/playable-file.js';
import type { SegmentSource } from '../../src/plugins/playout-plan.js';
import { withoutRootPrivileges } from '../support/privileges.js';

const dir = mkdtempSync(join(tmpdir(), 'retrovue-playable-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const PROFILE = 'sd-480p30';

/** A source file and its rendition, recorded as made from the source as it is now. */
function assetWithRendition(name: string): { source: Extract<SegmentSource, { kind: 'asset' }>; sourcePath: string; renditionPath: string } {
  const sourcePath = join(dir, `${name}.mkv`);
  const renditionPath = join(dir, `${name}.mp4`);
  writeFileSync(sourcePath, 'source media');
  writeFileSync(renditionPath, 'rendition media');
  const facts = statFile(sourcePath);
  assert.ok(!('problem' in facts));
  return {
    sourcePath, renditionPath,
    source: { kind: 'asset', assetId: name, path: sourcePath, rendition: { path: renditionPath, profile: PROFILE, sourceSizeBytes: facts.sizeBytes, sourceMtimeMs: facts.mtimeMs } },
  };
}

describe('playableFile', () => {
  it('plays a valid rendition, with its source to fall back on', () => {
    const { source, sourcePath, renditionPath } = assetWithRendition('valid');
    assert.deepEqual(playableFile(source, PROFILE), { kind: 'rendition', path: renditionPath, sourcePath });
  });

  it('plays the source when the rendition is deleted, empty, made for another profile or from an earlier source', () => {
    const deleted = assetWithRendition('deleted');
    rmSync(deleted.renditionPath);
    assert.deepEqual(playableFile(deleted.source, PROFILE), { kind: 'source', path: deleted.sourcePath, renditionSkipped: `rendition unusable: file not found: ${deleted.renditionPath}` });
    const empty = assetWithRendition('empty');
    writeFileSync(empty.renditionPath, '');
    assert.deepEqual(playableFile(empty.source, PROFILE), { kind: 'source', path: empty.sourcePath, renditionSkipped: `rendition unusable: file is empty: ${empty.renditionPath}` });
    const other = assetWithRendition('other');
    assert.deepEqual(playableFile(other.source, 'hd-720p30'), { kind: 'source', path: other.sourcePath, renditionSkipped: `rendition ${other.renditionPath} is made for profile ${PROFILE}, not hd-720p30` });
    const changed = assetWithRendition('changed');
    appendFileSync(changed.sourcePath, ' and more');
    assert.deepEqual(playableFile(changed.source, PROFILE), { kind: 'source', path: changed.sourcePath, renditionSkipped: `rendition ${changed.renditionPath} was made from an earlier version of its source file` });
  });

  it('plays nothing when the source is gone or empty (even with a rendition), or the catalog no longer has the asset', () => {
    const gone = assetWithRendition('gone');
    rmSync(gone.sourcePath);
    assert.deepEqual(playableFile(gone.source, PROFILE), { kind: 'unplayable', reason: `file not found: ${gone.sourcePath}` });
    const empty = assetWithRendition('empty-source');
    writeFileSync(empty.sourcePath, '');
    assert.deepEqual(playableFile(empty.source, PROFILE), { kind: 'unplayable', reason: `file is empty: ${empty.sourcePath}` });
    const folder = join(dir, 'folder.mkv');
    mkdirSync(folder);
    assert.deepEqual(playableFile({ kind: 'asset', assetId: 'f', path: folder }, PROFILE), { kind: 'unplayable', reason: `${folder} is not a regular file` });
    assert.deepEqual(playableFile({ kind: 'unavailable', assetId: 'x', reason: 'asset x is no longer in the catalog' }, PROFILE), { kind: 'unplayable', reason: 'asset x is no longer in the catalog' });
  });

  it('names an unreadable file', async () => {
    chmodSync(dir, 0o755);
    const locked = join(dir, 'locked.mkv');
    writeFileSync(locked, 'x');
    chmodSync(locked, 0o000);
    assert.equal(await withoutRootPrivileges(async () => fileProblem(locked)), `file not readable (permission denied): ${locked}`);
  });
});
