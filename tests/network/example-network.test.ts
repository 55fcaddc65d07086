// The example network shipped in the repository (examples/network.yaml) is valid and applies as it is,
// over a library with its collections' folders where its relative base-path points.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cli, json } from '../support/cli.js';
import { friday } from '../support/scheduling.js';
import { forEachDatabase } from '../support/test-databases.js';

const example = fileURLToPath(new URL('../../examples/network.yaml', import.meta.url));

forEachDatabase((fx) => {
  test('examples/network.yaml applies on an empty database, and a second apply changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'retrovue-example-'));
    try {
      cpSync(example, join(dir, 'network.yaml'));
      for (const folder of ['Series', 'Movies', 'Bumpers', 'Commercials']) mkdirSync(join(dir, 'media', folder), { recursive: true });
      const first = await cli(['network', 'apply', '-f', join(dir, 'network.yaml'), '--json'], { database: fx.database, clock: friday });
      assert.equal(first.exitCode, 0, first.stderr);
      const kinds = json<{ changes: { kind: string }[] }>(first).changes.map((c) => c.kind);
      assert.deepEqual([...new Set(kinds)], ['source', 'collection', 'synthetic-asset', 'program', 'channel', 'schedule-plan', 'zone', 'interstitial']);
      const second = await cli(['network', 'apply', '-f', join(dir, 'network.yaml'), '--json'], { database: fx.database, clock: friday });
      assert.deepEqual(json<{ changes: unknown[] }>(second).changes, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
