// The built binary validates documents against JSON Schemas with ajv loaded lazily from a split chunk:
// a plugin's config and a network file are checked (not "Ajv is not a constructor", an internal error).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cliProcess } from '../support/cli.js';
import { testServerUrl } from '../support/test-databases.js';

const env = { RETROVUE_DATABASE_URL: testServerUrl, RETROVUE_HOLDER: 'off', RETROVUE_LOG_LEVEL: 'silent' };

test('the binary checks a plugin config against its schema', async () => {
  const bad = await cliProcess(['enricher', 'add', '--id', 'corner', '--type', 'bug', '--config', '{"imag":"/x.png"}', '--test-db'], env);
  assert.equal(bad.exitCode, 1, bad.stderr);
  assert.match(bad.stderr, /bug enricher config is invalid: config must have required property 'image'/);
  const good = await cliProcess(['enricher', 'add', '--id', 'corner', '--type', 'bug', '--config', '{"image":"/x.png"}', '--test-db'], env);
  assert.equal(good.exitCode, 0, good.stderr);
});
